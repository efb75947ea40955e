package io.lapsewatch.alertcontract;

import java.util.Objects;

/**
 * What happened to an alerted (or held-out) policy term (topic {@code retention-outcomes}, contract
 * v1). Keyed by {@link #alertId}, so a replay is idempotent.
 */
public class Outcome {
  public String alertId;
  public String policyholderId;
  public String policyId;
  public Arm arm;
  public Tier tier;
  public RetentionAction action;
  public OutcomeKind outcome;

  /** Event time the outcome was known (epoch ms). */
  public long resolvedAt;

  /** Event time of the alert (epoch ms). */
  public long alertedAt;

  /** Milliseconds from the alert to the first contact, or -1 when unknown to the job. */
  public long timeToFirstContactMs = -1;

  /** The alerted term's annual premium (from its alert), or -1 when the record does not say. */
  public double annualPremium = -1;

  /** The journey plan, version and step of the alert (null and 0 outside journeys). */
  public String journey;

  public int journeyVersion;
  public String journeyStep;

  /** True when the alert was a journey step after the term's first contact. */
  public boolean followUp;

  public Outcome() {}

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Outcome)) {
      return false;
    }
    Outcome x = (Outcome) o;
    return resolvedAt == x.resolvedAt
        && alertedAt == x.alertedAt
        && timeToFirstContactMs == x.timeToFirstContactMs
        && Double.compare(annualPremium, x.annualPremium) == 0
        && Objects.equals(alertId, x.alertId)
        && Objects.equals(policyholderId, x.policyholderId)
        && Objects.equals(policyId, x.policyId)
        && arm == x.arm
        && tier == x.tier
        && action == x.action
        && outcome == x.outcome
        && journeyVersion == x.journeyVersion
        && followUp == x.followUp
        && Objects.equals(journey, x.journey)
        && Objects.equals(journeyStep, x.journeyStep);
  }

  @Override
  public int hashCode() {
    return Objects.hash(alertId, outcome);
  }

  @Override
  public String toString() {
    return "Outcome{" + alertId + " " + arm + " " + tier + " " + outcome + "}";
  }
}
