package io.lapsewatch.journeys.plan;

import io.lapsewatch.alertcontract.RiskBand;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One version of a retention journey: who enters, the steps in order, and what ends it early.
 *
 * @param id the plan's id, stable across versions
 * @param version the version (a policyholder stays on the version it entered)
 * @param priority when two plans want the same policyholder, the higher wins
 * @param entry who enters
 * @param exits the exits that apply ({@link ExitReason#ALWAYS} are always among them)
 * @param riskFallenBelow for the RISK_FALLEN exit: a score whose band is below this ends it
 * @param steps the steps, at least one
 */
public record JourneyPlan(
    String id,
    int version,
    int priority,
    PlanEntry entry,
    Set<ExitReason> exits,
    RiskBand riskFallenBelow,
    List<PlanStep> steps)
    implements java.io.Serializable {

  public JourneyPlan {
    exits = Set.copyOf(exits);
    steps = List.copyOf(steps);
  }

  /** The step with index {@code i}, if there is one. */
  public Optional<PlanStep> step(int i) {
    return i >= 0 && i < steps.size() ? Optional.of(steps.get(i)) : Optional.empty();
  }

  /** "id v3". */
  public String label() {
    return id + " v" + version;
  }
}
