package io.lapsewatch.journeys.plan;

import io.lapsewatch.alertcontract.RiskBand;

/**
 * What must hold for a step to be taken; every given part must hold, an absent part (null or 0)
 * always does.
 *
 * @param engagedSinceLastStep true: a digital session after the day of the last step (or entry);
 *     false: none
 * @param riskAtLeast the latest score's band is at least this
 * @param callbackUnreachableAtLeast this many callback results of this journey were UNREACHABLE or
 *     WRONG_CONTACT (0: no condition)
 * @param offerReceived true: an offer of this journey reached the policyholder; false: none did
 */
public record StepCondition(
    Boolean engagedSinceLastStep,
    RiskBand riskAtLeast,
    int callbackUnreachableAtLeast,
    Boolean offerReceived)
    implements java.io.Serializable {

  /** No condition: the step is taken when due. */
  public static final StepCondition ALWAYS = new StepCondition(null, null, 0, null);
}
