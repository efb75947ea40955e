package io.lapsewatch.alerts.routing;

import io.lapsewatch.alertcontract.RetentionAction;
import io.lapsewatch.alertcontract.RiskBand;
import io.lapsewatch.alertcontract.Tier;
import io.lapsewatch.alerts.notify.EnrichedAlert;
import java.util.Set;

/**
 * Conditions a route puts on an alert; an empty set means "any". All given conditions must hold;
 * within one condition any listed value will do. Branch and region come from the alert's attributes
 * (the record or the agent directory): an alert without one does not match a route that asks for
 * it. {@link #journeys} and {@link #steps} hold journey plan and step ids: an alert outside
 * journeys does not match a route that asks for either.
 */
public record RouteMatch(
    Set<Tier> tiers,
    Set<RetentionAction> actions,
    Set<RiskBand> riskBands,
    Set<String> agents,
    Set<String> branches,
    Set<String> regions,
    Set<String> journeys,
    Set<String> steps) {

  public static final RouteMatch ANY =
      new RouteMatch(
          Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of());

  public RouteMatch {
    tiers = Set.copyOf(tiers);
    actions = Set.copyOf(actions);
    riskBands = Set.copyOf(riskBands);
    agents = Set.copyOf(agents);
    branches = Set.copyOf(branches);
    regions = Set.copyOf(regions);
    journeys = Set.copyOf(journeys);
    steps = Set.copyOf(steps);
  }

  public boolean matches(EnrichedAlert e) {
    var a = e.alert();
    return (tiers.isEmpty() || tiers.contains(a.tier))
        && (actions.isEmpty() || actions.contains(a.action))
        && (riskBands.isEmpty() || riskBands.contains(a.riskBand))
        && (agents.isEmpty() || (a.agentId != null && agents.contains(a.agentId)))
        && (branches.isEmpty()
            || e.attribute(EnrichedAlert.BRANCH).map(branches::contains).orElse(false))
        && (regions.isEmpty()
            || e.attribute(EnrichedAlert.REGION).map(regions::contains).orElse(false))
        && (journeys.isEmpty() || (a.journey != null && journeys.contains(a.journey)))
        && (steps.isEmpty() || (a.journeyStep != null && steps.contains(a.journeyStep)));
  }
}
