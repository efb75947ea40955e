package io.lapsewatch.modeltraining.monitoring;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * A policy term as the model saw it at the monitoring lead time (its calibrated score and feature
 * vector) and, once the term has ended, its outcome. A Flink POJO and the monitoring topic's
 * record.
 */
public class MonitoredTerm implements Serializable {
  /** Outcome of a term that renewed. */
  public static final String RENEWED = "RENEWED";

  /** Outcome of a term that lapsed. */
  public static final String LAPSED = "LAPSED";

  public String policyholderId;
  public String policyId;

  /** Renewal date, epoch day. */
  public int renewalDate;

  /** When the vector was taken, epoch millis. */
  public long asOf;

  public String modelVersion;

  /** Calibrated lapse probability. */
  public double score;

  /** The feature vector in schema order. */
  public double[] features;

  /** Null while the term is open, {@link #RENEWED} or {@link #LAPSED} once it ended. */
  public String outcome;

  /** Epoch day the term ended, -1 while open. */
  public int endDay = -1;

  /**
   * Whether the retention programme contacted the policyholder about this policy during the term
   * (an offer sent, or a callback that reached someone): its outcome is then not the one the model
   * predicted for a term left alone. Known once the term ended.
   */
  public boolean contacted;

  public MonitoredTerm() {}

  /** A term scored and still open. */
  public static MonitoredTerm scored(
      String policyholderId,
      String policyId,
      int renewalDate,
      long asOf,
      String modelVersion,
      double score,
      double[] features) {
    MonitoredTerm t = new MonitoredTerm();
    t.policyholderId = policyholderId;
    t.policyId = policyId;
    t.renewalDate = renewalDate;
    t.asOf = asOf;
    t.modelVersion = modelVersion;
    t.score = score;
    t.features = features;
    return t;
  }

  /** This term, ended on {@code endDay} with {@code outcome}. */
  public MonitoredTerm ended(String outcome, int endDay) {
    MonitoredTerm t =
        scored(policyholderId, policyId, renewalDate, asOf, modelVersion, score, features);
    t.outcome = outcome;
    t.endDay = endDay;
    t.contacted = contacted;
    return t;
  }

  /**
   * The same term without the policyholder's and the policy's ids: what a window needs (scores,
   * features, outcome, days) and nothing an erasure would have to find in it.
   */
  public MonitoredTerm anonymous() {
    MonitoredTerm t = ended(outcome, endDay);
    t.policyholderId = null;
    t.policyId = null;
    return t;
  }

  /** Whether the term has ended. */
  public boolean isEnded() {
    return endDay >= 0;
  }

  /** Whether the term ended in a lapse. */
  public boolean lapsed() {
    return LAPSED.equals(outcome);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MonitoredTerm t
        && Objects.equals(policyholderId, t.policyholderId)
        && Objects.equals(policyId, t.policyId)
        && renewalDate == t.renewalDate
        && asOf == t.asOf
        && Objects.equals(modelVersion, t.modelVersion)
        && Double.compare(score, t.score) == 0
        && Arrays.equals(features, t.features)
        && Objects.equals(outcome, t.outcome)
        && endDay == t.endDay
        && contacted == t.contacted;
  }

  @Override
  public int hashCode() {
    return Objects.hash(policyId, renewalDate, asOf, outcome, endDay);
  }

  @Override
  public String toString() {
    // No policyholder id: these end up in logs.
    return "MonitoredTerm[renewalDate="
        + renewalDate
        + ", asOf="
        + asOf
        + ", model="
        + modelVersion
        + ", score="
        + score
        + ", outcome="
        + outcome
        + ", endDay="
        + endDay
        + ", contacted="
        + contacted
        + "]";
  }
}
