package io.lapsewatch.journeys.plan;

import io.lapsewatch.alertcontract.RiskBand;

/**
 * What must hold for a step to be taken; every given part must hold, an absent part (null or 0)
 * always does.
 *
 * @param engagedSinceLastStep true: a digital session after the day of the last step (or entry);
 *     false: none
 * @param riskAtLeast the latest score's band is at least this
 * @param riskAtLeastEntry the latest score's band is at least the band the policyholder entered
 *     with ("risk still as high as when the journey began"; YAML {@code risk-at-least: entry})
 * @param callbackUnreachableAtLeast this many callback results of this journey were UNREACHABLE or
 *     WRONG_CONTACT (0: no condition)
 * @param offerReceived true: an offer of this journey reached the policyholder; false: none did
 */
public record StepCondition(
    Boolean engagedSinceLastStep,
    RiskBand riskAtLeast,
    boolean riskAtLeastEntry,
    int callbackUnreachableAtLeast,
    Boolean offerReceived)
    implements java.io.Serializable {

  /** No condition: the step is taken when due. */
  public static final StepCondition ALWAYS = new StepCondition(null, null, false, 0, null);

  /** A condition without the entry-band part. */
  public StepCondition(
      Boolean engagedSinceLastStep,
      RiskBand riskAtLeast,
      int callbackUnreachableAtLeast,
      Boolean offerReceived) {
    this(engagedSinceLastStep, riskAtLeast, false, callbackUnreachableAtLeast, offerReceived);
  }
}
