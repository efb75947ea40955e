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
    MonitoredTerm t = new MonitoredTerm();
    t.policyholderId = v.policyholderId;
    t.policyId = v.policyId;
    t.renewalDate = v.renewalDate;
    t.asOf = v.asOf;
    t.modelVersion = version;
    t.score = score;
    // A copy: vectors are reused downstream with object reuse on.
    t.features = v.values.clone();
    t.outcome = null;
    t.endDay = -1;
    return t;
  }

  /** {@code open} ended with {@code outcome} on {@code endDay}, as a new record. */
  public static MonitoredTerm ended(MonitoredTerm open, String outcome, int endDay) {
    MonitoredTerm t = new MonitoredTerm();
    t.policyholderId = open.policyholderId;
    t.policyId = open.policyId;
    t.renewalDate = open.renewalDate;
    t.asOf = open.asOf;
    t.modelVersion = open.modelVersion;
    t.score = open.score;
    t.features = open.features.clone();
    t.outcome = outcome;
    t.endDay = endDay;
    return t;
  }

  /** The term's key: one monitored record per policy and renewal date. */
  public static String key(MonitoredTerm t) {
    return t.policyId + "|" + t.renewalDate;
  }
}
