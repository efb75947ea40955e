package io.lapsewatch.flinkjobs.monitoring;

import io.lapsewatch.featurestore.features.FeatureVector;
import io.lapsewatch.modeltraining.monitoring.MonitoredTerm;

/**
 * Which scorings are monitored, and the record they leave: a term's vector at exactly {@code
 * leadDays} before its renewal (midnight UTC, the instant UpdateFeatures re-emits it and the
 * training snapshots cut it), so the live population matches the reference profile's.
 */
public final class MonitoredTerms {
  private static final long DAY_MS = 86_400_000L;

  private MonitoredTerms() {}

  /** Whether {@code v} is its term's vector at the monitoring instant. */
  public static boolean atLeadTime(FeatureVector v, int leadDays) {
    return v.asOf == (v.renewalDate - (long) leadDays) * DAY_MS;
  }

  /** The open monitored term of {@code v} scored {@code score} by model {@code version}. */
  public static MonitoredTerm scored(FeatureVector v, double score, String version) {
    // A copy of the values: vectors are reused downstream with object reuse on.
    return MonitoredTerm.scored(
        v.policyholderId, v.policyId, v.renewalDate, v.asOf, version, score, v.values.clone());
  }

  /** The term's key: one monitored record per policy and renewal date. */
  public static String key(MonitoredTerm t) {
    return t.policyId + "|" + t.renewalDate;
  }
}
