package io.lapsewatch.alerts.metrics;

import io.lapsewatch.alertcontract.Arm;
import io.lapsewatch.alertcontract.Outcome;
import io.lapsewatch.alertcontract.OutcomeKind;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Outcomes of journey steps by plan, version, step and arm, and the recovery rate per plan, step
 * and arm over a rolling event-time window (ending at the newest outcome seen here, as {@link
 * RecoveryWindow} does). Every journey outcome counts here, follow-up steps included; the overall
 * metrics of {@link OutcomeMetrics} count each term once. Labels are bounded by {@link
 * JourneyLabels}. Thread-safe: the scrape reads while the outcome consumer writes.
 */
final class JourneyOutcomes {
  /** Most distinct (plan, version, step) label sets; more are counted under plan "other". */
  static final int MAX_LABEL_SETS = 200;

  private record PlanStep(String plan, String step) {}

  private record Resolved(PlanStep planStep, Arm arm, OutcomeKind kind, long resolvedAt) {}

  private final long windowMs;
  private final JourneyLabels labels = new JourneyLabels(MAX_LABEL_SETS);
  private final Map<String, Resolved> inWindow = new HashMap<>();
  // Every plan and step seen, so a series turns NaN (no data) rather than vanishing when its
  // outcomes leave the window; bounded by the label limit.
  private final Set<PlanStep> seen = new LinkedHashSet<>();
  private final Counter outcomes;
  private long newestResolvedAt = Long.MIN_VALUE;
  private long lastEviction = Long.MIN_VALUE / 2;

  JourneyOutcomes(PrometheusRegistry registry, Duration window) {
    this.windowMs = window.toMillis();
    outcomes =
        Counter.builder()
            .name("lapsewatch_journey_outcomes_total")
            .help(
                "Resolved journey steps (follow-ups included), by plan, plan version, step, arm"
                    + " and outcome; plan, version and step \"other\" past "
                    + MAX_LABEL_SETS
                    + " distinct steps.")
            .labelNames("plan", "version", "step", "arm", "outcome")
            .register(registry);
    GaugeWithCallback.builder()
        .name("lapsewatch_journey_recovery_rate")
        .help(
            "Recovered / (recovered + lapsed) among journey step outcomes resolved in the rolling"
                + " window, by plan, step and arm; NaN without outcomes.")
        .labelNames("plan", "step", "arm")
        .callback(
            cb -> {
              synchronized (this) {
                for (PlanStep ps : seen) {
                  for (Arm arm : Arm.values()) {
                    cb.call(
                        rate(ps.plan(), ps.step(), arm).orElse(Double.NaN),
                        ps.plan(),
                        ps.step(),
                        arm.name());
                  }
                }
              }
            })
        .register(registry);
  }

  /**
   * Counts a journey step's outcome unless its alert id was seen or it resolved before the window.
   *
   * @return true if it was counted
   */
  synchronized boolean record(Outcome o) {
    if (inWindow.containsKey(o.alertId)
        || (newestResolvedAt != Long.MIN_VALUE && o.resolvedAt < cutoff())) {
      return false;
    }
    JourneyLabels.Step s = labels.of(o.journey, o.journeyVersion, o.journeyStep);
    PlanStep ps = new PlanStep(s.plan(), s.step());
    seen.add(ps);
    newestResolvedAt = Math.max(newestResolvedAt, o.resolvedAt);
    inWindow.put(o.alertId, new Resolved(ps, o.arm, o.outcome, o.resolvedAt));
    outcomes.labelValues(s.plan(), s.version(), s.step(), o.arm.name(), o.outcome.name()).inc();
    // Evict at most hourly (in event time): a scan per outcome would be quadratic.
    if (newestResolvedAt - lastEviction > Duration.ofHours(1).toMillis()) {
      inWindow.values().removeIf(r -> r.resolvedAt() < cutoff());
      lastEviction = newestResolvedAt;
    }
    return true;
  }

  /** The recovery rate of the step's outcomes in the window; empty without any. */
  synchronized OptionalDouble rate(String plan, String step, Arm arm) {
    PlanStep ps = new PlanStep(plan, step);
    long cutoff = cutoff();
    long recovered = 0;
    long lapsed = 0;
    for (Resolved r : inWindow.values()) {
      if (r.resolvedAt() >= cutoff && r.arm() == arm && r.planStep().equals(ps)) {
        if (r.kind() == OutcomeKind.RECOVERED) {
          recovered++;
        } else if (r.kind() == OutcomeKind.LAPSED) {
          lapsed++;
        }
      }
    }
    return recovered + lapsed == 0
        ? OptionalDouble.empty()
        : OptionalDouble.of((double) recovered / (recovered + lapsed));
  }

  private long cutoff() {
    return newestResolvedAt == Long.MIN_VALUE ? Long.MIN_VALUE : newestResolvedAt - windowMs;
  }
}
