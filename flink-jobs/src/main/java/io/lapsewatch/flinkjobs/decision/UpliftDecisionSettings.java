package io.lapsewatch.flinkjobs.decision;

import io.lapsewatch.alertcontract.RetentionAction;
import io.lapsewatch.modeltraining.uplift.AlertedTermHistory;
import java.io.Serializable;

/**
 * The settings of deciding by uplift: the ranking asked for, the cost of one contact per action (in
 * the premium's currency) and the holdout outcomes a model must have been trained on before its
 * ranking decides.
 *
 * @param registryFolder the model registry; uplift models are under {@code uplift/<action>/}
 */
public record UpliftDecisionSettings(
    Ranking ranking,
    double renewalOfferCost,
    double agentCallbackCost,
    int minHoldoutOutcomes,
    String registryFolder)
    implements Serializable {

  /** Risk ranking, no uplift models read (tests and callers that do not decide by uplift). */
  public static UpliftDecisionSettings off() {
    return new UpliftDecisionSettings(Ranking.RISK, 0, 0, Integer.MAX_VALUE, null);
  }

  /** Cost of one contact of {@code action}. */
  public double cost(RetentionAction action) {
    return action == RetentionAction.AGENT_CALLBACK ? agentCallbackCost : renewalOfferCost;
  }

  /**
   * Expected incremental value of contacting: the estimated uplift (extra renewal probability)
   * times the premium at risk (the term's annual premium), less the contact's cost.
   */
  public double expectedValue(RetentionAction action, double uplift, double annualPremium) {
    return uplift * annualPremium - cost(action);
  }

  /** The name uplift models of {@code action} are saved under ({@code offer}, {@code callback}). */
  public static String modelName(RetentionAction action) {
    return action == RetentionAction.AGENT_CALLBACK
        ? AlertedTermHistory.CALLBACK
        : AlertedTermHistory.OFFER;
  }
}
