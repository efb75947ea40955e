package io.lapsewatch.featurestore.features;

import java.util.Arrays;
import java.util.Objects;

/**
 * A policyholder's features as of one instant, with the renewing policy they describe. A POJO so
 * Flink serializes it without Kryo.
 */
public class FeatureVector {
  public String policyholderId;
  public String schemaVersion;

  /** {@link #newestEventAt} when no event is known behind the vector (erasures, old writers). */
  public static final long NO_EVENT = Long.MIN_VALUE;

  /** Event time the vector describes (epoch ms). */
  public long asOf;

  /**
   * Event time (epoch ms) of the newest event applied to the state behind the vector, or {@link
   * #NO_EVENT}: {@code asOf - newestEventAt} is how old the freshest evidence is.
   */
  public long newestEventAt = NO_EVENT;

  /** The next policy to renew (null when no policy is in force). */
  public String policyId;

  /** Renewal date of {@link #policyId} (epoch day). */
  public int renewalDate;

  /** Servicing agent of {@link #policyId}, if any. */
  public String agentId;

  /** Product line of {@link #policyId}, e.g. MOTOR (null if unknown). */
  public String product;

  /** Epoch day after which all policies have ended, or -1 while any is in force. */
  public int allEndedDay;

  /** Values in {@link FeatureSchema} order (null for an erasure). */
  public double[] values;

  /** True when this is not a vector but the instruction to forget the policyholder. */
  public boolean erased;

  /**
   * With {@link #erased}: the policyholder left because retention ran out (every policy ended plus
   * the grace period), not by request. Job state goes; the stored hash is left to the TTL it
   * already carries.
   */
  public boolean retired;

  public FeatureVector() {}

  /** The marker that the job has dropped a policyholder whose policies all ended long ago. */
  public static FeatureVector retirement(String policyholderId, long at) {
    FeatureVector v = erasure(policyholderId, at);
    v.retired = true;
    return v;
  }

  /** The marker that tells the feature store and scoring to forget a policyholder. */
  public static FeatureVector erasure(String policyholderId, long at) {
    FeatureVector v = new FeatureVector();
    v.policyholderId = policyholderId;
    v.schemaVersion = FeatureSchema.VERSION;
    v.asOf = at;
    v.allEndedDay = -1;
    v.erased = true;
    return v;
  }

  /** True when the newest event behind the vector is known. */
  public boolean hasNewestEvent() {
    return newestEventAt != NO_EVENT;
  }

  public double get(Feature f) {
    return values[f.ordinal()];
  }

  /** True when a policy is in force, so there is something to renew and to score. */
  public boolean hasRenewingPolicy() {
    return !erased && policyId != null;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof FeatureVector)) {
      return false;
    }
    FeatureVector v = (FeatureVector) o;
    return asOf == v.asOf
        && newestEventAt == v.newestEventAt
        && renewalDate == v.renewalDate
        && allEndedDay == v.allEndedDay
        && erased == v.erased
        && retired == v.retired
        && Objects.equals(policyholderId, v.policyholderId)
        && Objects.equals(schemaVersion, v.schemaVersion)
        && Objects.equals(policyId, v.policyId)
        && Objects.equals(agentId, v.agentId)
        && Objects.equals(product, v.product)
        && Arrays.equals(values, v.values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(policyholderId, asOf, policyId);
  }

  @Override
  public String toString() {
    return "FeatureVector{"
        + policyholderId
        + " asOf="
        + asOf
        + " "
        + Arrays.toString(values)
        + "}";
  }
}
