package io.lapsewatch.alertcontract;

import java.util.Arrays;
import java.util.Objects;

/**
 * A retention alert (topic {@code retention-alerts}, contract v1): an at-risk policy term and what
 * to do about it. {@link #alertId} is deterministic from policyholder, policy term and trigger, so
 * a replay yields the same id. A POJO so Flink serializes it without Kryo.
 */
public class Alert {
  public String alertId;
  public String policyholderId;
  public String policyId;
  public String agentId;
  public double score;
  public RiskBand riskBand;
  public String modelVersion;

  /** Event time of the features scored (epoch ms). */
  public long asOf;

  /** Renewal date of the policy term (epoch day). */
  public int renewalDate;

  public int daysToRenewal;
  public double annualPremium;
  public Tier tier;
  public RetentionAction action;
  public Arm arm;
  public Reason[] reasons;

  /** Date by which the action must happen (epoch day). */
  public int deadline;

  /** Product line of the policy term, e.g. MOTOR (null when the job did not know it). */
  public String product;

  /** True when the term's agent has left the company (an "orphan" policy). */
  public boolean orphaned;

  /** Id of the journey plan this alert is a step of, or null outside journeys. */
  public String journey;

  /** Version of {@link #journey} the policyholder entered (0 outside journeys). */
  public int journeyVersion;

  /** Id of the step within {@link #journey}, or null. */
  public String journeyStep;

  /**
   * True for a journey step after the term's first contact: its outcome is counted for the step,
   * not again in the overall recovery rate (each term counts once there).
   */
  public boolean followUp;

  /**
   * The channel a renewal offer should go out by (e.g. EMAIL), for the offer system; null leaves it
   * to that system.
   */
  public String offerChannel;

  /**
   * When set, this alert is a message to the named receiver only (a journey's "message to a route"
   * step): no case opens and no action is written.
   */
  public String messageTo;

  /**
   * Not an alert but the job's instruction that {@link #policyholderId} was erased: written to the
   * topic as a tombstone (the key, no value), never as JSON, after which nothing for that
   * policyholder is sent. Only the job sets it.
   */
  @com.fasterxml.jackson.annotation.JsonIgnore public boolean erasure;

  /**
   * Estimated effect of the action on renewal ({@code P(renew | contacted) - P(renew | holdout)},
   * -1..1) from the action's uplift model, or null when none was loaded (optional, contract v1.2).
   */
  public Double uplift;

  /**
   * Expected incremental value of the contact: uplift × annual premium − contact cost, in the
   * premium's currency, or null with {@link #uplift} (optional, contract v1.2).
   */
  public Double expectedValue;

  /**
   * Which ranking chose this contact: {@code uplift} when the uplift mode was active for its
   * action, else null (the risk ranking; optional, contract v1.2).
   */
  public String rankedBy;

  /**
   * Age of the freshest evidence behind the scored features: {@link #asOf} minus the time of the
   * newest event applied to them, in whole seconds, or null when unknown (optional, contract v1.3).
   */
  public Long featureAgeSeconds;

  public Alert() {}

  /** The erasure marker for {@code policyholderId}, on the way to {@code action}'s queue. */
  public static Alert erasure(String policyholderId, RetentionAction action, long at) {
    Alert a = new Alert();
    a.policyholderId = policyholderId;
    a.action = action;
    a.asOf = at;
    a.erasure = true;
    return a;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Alert)) {
      return false;
    }
    Alert a = (Alert) o;
    return Double.compare(score, a.score) == 0
        && asOf == a.asOf
        && renewalDate == a.renewalDate
        && daysToRenewal == a.daysToRenewal
        && Double.compare(annualPremium, a.annualPremium) == 0
        && deadline == a.deadline
        && Objects.equals(alertId, a.alertId)
        && Objects.equals(policyholderId, a.policyholderId)
        && Objects.equals(policyId, a.policyId)
        && Objects.equals(agentId, a.agentId)
        && riskBand == a.riskBand
        && Objects.equals(modelVersion, a.modelVersion)
        && tier == a.tier
        && action == a.action
        && arm == a.arm
        && erasure == a.erasure
        && journeyVersion == a.journeyVersion
        && followUp == a.followUp
        && orphaned == a.orphaned
        && Objects.equals(product, a.product)
        && Objects.equals(journey, a.journey)
        && Objects.equals(journeyStep, a.journeyStep)
        && Objects.equals(offerChannel, a.offerChannel)
        && Objects.equals(messageTo, a.messageTo)
        && Objects.equals(uplift, a.uplift)
        && Objects.equals(expectedValue, a.expectedValue)
        && Objects.equals(rankedBy, a.rankedBy)
        && Objects.equals(featureAgeSeconds, a.featureAgeSeconds)
        && Arrays.equals(reasons, a.reasons);
  }

  /** True when this alert is a step of a journey plan. */
  public boolean inJourney() {
    return journey != null;
  }

  @Override
  public int hashCode() {
    return Objects.hash(alertId);
  }

  @Override
  public String toString() {
    // No personal data beyond ids.
    return "Alert{" + alertId + " " + tier + " " + action + " score=" + score + "}";
  }
}
