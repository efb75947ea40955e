package io.lapsewatch.journeys.plan;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.Reason;
import io.lapsewatch.alertcontract.RiskBand;
import io.lapsewatch.alertcontract.Tier;
import java.util.Set;

/**
 * Who enters a plan, judged on the at-risk alert the decision made: every given part must hold; an
 * empty set or a null flag means "any".
 *
 * @param tiers the alert's tier
 * @param riskBands the alert's risk band
 * @param productLines the term's product line
 * @param orphaned whether the term's agent has left
 * @param reasons any one of these features among the alert's reasons
 */
public record PlanEntry(
    Set<Tier> tiers,
    Set<RiskBand> riskBands,
    Set<String> productLines,
    Boolean orphaned,
    Set<String> reasons)
    implements java.io.Serializable {

  public PlanEntry {
    tiers = Set.copyOf(tiers);
    riskBands = Set.copyOf(riskBands);
    productLines = Set.copyOf(productLines);
    reasons = Set.copyOf(reasons);
  }

  /** True when {@code a} qualifies. */
  public boolean admits(Alert a) {
    return (tiers.isEmpty() || tiers.contains(a.tier))
        && (riskBands.isEmpty() || riskBands.contains(a.riskBand))
        && (productLines.isEmpty() || (a.product != null && productLines.contains(a.product)))
        && (orphaned == null || orphaned == a.orphaned)
        && (reasons.isEmpty() || hasReason(a));
  }

  private boolean hasReason(Alert a) {
    if (a.reasons == null) {
      return false;
    }
    for (Reason r : a.reasons) {
      if (reasons.contains(r.feature)) {
        return true;
      }
    }
    return false;
  }
}
