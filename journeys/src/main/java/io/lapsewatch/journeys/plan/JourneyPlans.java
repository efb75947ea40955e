package io.lapsewatch.journeys.plan;

import io.lapsewatch.alertcontract.Alert;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The plans file as loaded: every version of every plan. New entries go to the latest version of a
 * plan; older versions stay to serve the policyholders already on them.
 */
public final class JourneyPlans implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private final List<JourneyPlan> plans;

  /** Latest version of each plan, highest priority first (ties: file order). */
  private final List<JourneyPlan> entering;

  public JourneyPlans(List<JourneyPlan> plans) {
    this.plans = List.copyOf(plans);
    this.entering =
        this.plans.stream()
            .filter(p -> latest(p.id()).orElseThrow() == p)
            .sorted(Comparator.comparingInt(JourneyPlan::priority).reversed())
            .toList();
  }

  /** No plans: every alert goes out as the decision made it. */
  public static JourneyPlans none() {
    return new JourneyPlans(List.of());
  }

  public List<JourneyPlan> all() {
    return plans;
  }

  public boolean isEmpty() {
    return plans.isEmpty();
  }

  /** The plan version a policyholder is on, if the file still has it. */
  public Optional<JourneyPlan> find(String id, int version) {
    return plans.stream().filter(p -> p.id().equals(id) && p.version() == version).findFirst();
  }

  /** The latest version of plan {@code id}. */
  public Optional<JourneyPlan> latest(String id) {
    return plans.stream()
        .filter(p -> p.id().equals(id))
        .max(Comparator.comparingInt(JourneyPlan::version));
  }

  /**
   * The plan an at-risk alert enters: the latest version of the highest-priority plan admitting it.
   */
  public Optional<JourneyPlan> entryFor(Alert a) {
    return entering.stream().filter(p -> p.entry().admits(a)).findFirst();
  }
}
