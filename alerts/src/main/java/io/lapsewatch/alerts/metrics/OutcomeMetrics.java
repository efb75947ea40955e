package io.lapsewatch.alerts.metrics;

import io.lapsewatch.alertcontract.Arm;
import io.lapsewatch.alertcontract.Outcome;
import io.lapsewatch.alertcontract.OutcomeKind;
import io.lapsewatch.alertcontract.Tier;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.OptionalDouble;

/**
 * What became of alerted and held-out policy terms, as Prometheus metrics: outcomes by tier, arm
 * and kind; the recovery rate by tier and arm over a rolling window; its uplift (treated minus
 * holdout); recovered annual premium; time from alert to outcome; time to first contact. Fed by
 * {@link #record(Outcome)} (the outcome consumer calls it); a replayed outcome (same alert id) is
 * counted once.
 *
 * <p>Each policy term counts once in these overall metrics: a journey's follow-up step ({@code
 * followUp}) has an alert, and so an outcome, of its own for the same term, which would count the
 * term again (and its renewal as a second recovery). Follow-ups count only in the journey metrics
 * ({@link JourneyOutcomes}: outcomes and recovery rate by plan, step and arm), where every journey
 * step's outcome counts.
 *
 * <p>The window is a {@link RecoveryWindow}: it ends at the newest outcome's resolution time (event
 * time), so a replay or a simulated history reads the same as live data. A rate with no outcomes in
 * the window is NaN ("no data"), which no alert rule fires on.
 */
public final class OutcomeMetrics {
  /**
   * Histogram buckets for how long a retention case takes to its first contact: one hour to a
   * month, the span a renewal's lead time allows.
   */
  public static final double[] CASE_TIME_BUCKETS_SECONDS = {
    3600, 4 * 3600, 12 * 3600, 86400, 2 * 86400, 3 * 86400, 7 * 86400, 14 * 86400, 30 * 86400
  };

  /** The {@code tier} label value of series over both tiers. */
  public static final String ALL_TIERS = "ALL";

  /**
   * Histogram buckets for the time from an alert to its outcome: a day to four months, the span
   * from an alert ahead of the renewal date to the end of the grace period.
   */
  public static final double[] TIME_TO_OUTCOME_BUCKETS_SECONDS = {
    86400,
    3 * 86400,
    7 * 86400,
    14 * 86400,
    30 * 86400,
    45 * 86400,
    60 * 86400,
    90 * 86400,
    120 * 86400
  };

  private final RecoveryWindow window;
  private final Duration windowLength;

  private final Counter outcomes;
  private final Counter rejected;
  private final Histogram timeToFirstContact;
  private final Histogram timeToOutcome;
  private final JourneyOutcomes journeys;

  public OutcomeMetrics(PrometheusRegistry registry, Duration window) {
    this.window = new RecoveryWindow(window);
    this.windowLength = window;
    this.journeys = new JourneyOutcomes(registry, window);
    outcomes =
        Counter.builder()
            .name("lapsewatch_outcomes_total")
            .help(
                "Resolved alerted or held-out policy terms, by value tier, arm and outcome"
                    + " (RECOVERED, LAPSED, EXPIRED_UNKNOWN).")
            .labelNames("tier", "arm", "outcome")
            .register(registry);
    rejected =
        Counter.builder()
            .name("lapsewatch_outcomes_rejected_total")
            .help("Records on the outcomes topic that were not valid outcomes, by reason.")
            .labelNames("reason")
            .register(registry);
    timeToFirstContact =
        Histogram.builder()
            .name("lapsewatch_time_to_first_contact_seconds")
            .help("Time from an alert to the first contact with the policyholder, by value tier.")
            .labelNames("tier")
            .classicOnly()
            .classicUpperBounds(CASE_TIME_BUCKETS_SECONDS)
            .register(registry);
    timeToOutcome =
        Histogram.builder()
            .name("lapsewatch_time_to_outcome_seconds")
            .help(
                "Time from an alert to its term's outcome (renewed, lapsed or unknown), in event"
                    + " time, by value tier, arm and outcome.")
            .labelNames("tier", "arm", "outcome")
            .classicOnly()
            .classicUpperBounds(TIME_TO_OUTCOME_BUCKETS_SECONDS)
            .register(registry);
    GaugeWithCallback.builder()
        .name("lapsewatch_recovered_annual_premium")
        .help(
            "Annual premium of the terms that renewed among outcomes resolved in the rolling"
                + " window, by value tier (ALL = both) and arm; outcomes without a premium add"
                + " nothing.")
        .labelNames("tier", "arm")
        .callback(
            cb -> {
              for (String tier : tierLabels()) {
                for (Arm arm : Arm.values()) {
                  cb.call(recoveredPremium(tierOf(tier), arm), tier, arm.name());
                }
              }
            })
        .register(registry);
    GaugeWithCallback.builder()
        .name("lapsewatch_recovery_window_end_timestamp_seconds")
        .help(
            "Event time the rolling window ends at: the newest outcome's resolution time (NaN"
                + " before any); a replayed history shows its own dates here.")
        .callback(cb -> cb.call(windowEndSeconds()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("lapsewatch_recovery_rate")
        .help(
            "Recovered / (recovered + lapsed) among outcomes resolved in the rolling window, by"
                + " value tier (ALL = both) and arm; NaN without outcomes.")
        .labelNames("tier", "arm")
        .callback(
            cb -> {
              for (String tier : tierLabels()) {
                for (Arm arm : Arm.values()) {
                  cb.call(rate(tierOf(tier), arm).orElse(Double.NaN), tier, arm.name());
                }
              }
            })
        .register(registry);
    GaugeWithCallback.builder()
        .name("lapsewatch_recovery_uplift")
        .help(
            "Recovery rate of treated minus holdout policy terms in the rolling window, by value"
                + " tier (ALL = both); NaN until both arms have outcomes.")
        .labelNames("tier")
        .callback(
            cb -> {
              for (String tier : tierLabels()) {
                cb.call(uplift(tierOf(tier)).orElse(Double.NaN), tier);
              }
            })
        .register(registry);
    GaugeWithCallback.builder()
        .name("lapsewatch_outcomes_in_window")
        .help(
            "Outcomes resolved in the rolling window behind the recovery rate, by value tier, arm"
                + " and outcome: the sample size.")
        .labelNames("tier", "arm", "outcome")
        .callback(
            cb -> {
              for (Tier tier : Tier.values()) {
                for (Arm arm : Arm.values()) {
                  for (OutcomeKind kind : OutcomeKind.values()) {
                    cb.call(count(tier, arm, kind), tier.name(), arm.name(), kind.name());
                  }
                }
              }
            })
        .register(registry);
    GaugeWithCallback.builder()
        .name("lapsewatch_recovery_window_seconds")
        .help("Length of the rolling window behind the recovery rate.")
        .callback(cb -> cb.call(windowLength.toSeconds()))
        .register(registry);
    for (Tier tier : Tier.values()) {
      timeToFirstContact.labelValues(tier.name());
      for (Arm arm : Arm.values()) {
        for (OutcomeKind kind : OutcomeKind.values()) {
          outcomes.labelValues(tier.name(), arm.name(), kind.name());
          timeToOutcome.labelValues(tier.name(), arm.name(), kind.name());
        }
      }
    }
    // The contract's reason codes, and the fallback for a parser error on this topic.
    for (RejectReason reason : RejectReason.values()) {
      if (reason != RejectReason.INVALID_ALERT) {
        rejected.labelValues(reason.label());
      }
    }
    rejected.labelValues("invalid_outcome");
  }

  /**
   * Records an outcome; a second one for the same alert id, or one resolved before the window, is
   * ignored (so re-reading the topic after a restart does not count twice). A follow-up journey
   * step counts only in the journey metrics.
   *
   * @return true if it was counted
   */
  public synchronized boolean record(Outcome o) {
    if (o.followUp) {
      // The term counted with its first contact; here only its step counts.
      return o.journey != null && journeys.record(o);
    }
    if (!window.add(o)) {
      return false;
    }
    if (o.journey != null) {
      journeys.record(o);
    }
    outcomes.labelValues(o.tier.name(), o.arm.name(), o.outcome.name()).inc();
    if (o.resolvedAt >= o.alertedAt) {
      timeToOutcome
          .labelValues(o.tier.name(), o.arm.name(), o.outcome.name())
          .observe((o.resolvedAt - o.alertedAt) / 1000.0);
    }
    // Agents' results reach policy-events from the retention desk as CALLBACK_COMPLETED, so the
    // job's outcomes carry the first contact; this is its only source, nothing counts it twice.
    if (o.timeToFirstContactMs >= 0) {
      timeToFirstContact.labelValues(o.tier.name()).observe(o.timeToFirstContactMs / 1000.0);
    }
    return true;
  }

  /** Counts a record of the outcomes topic that was not a valid outcome. */
  public void rejected(String reason) {
    rejected.labelValues(reason).inc();
  }

  /** The recovery rate of {@code tier} (null = both) and {@code arm}; empty without outcomes. */
  public synchronized OptionalDouble rate(Tier tier, Arm arm) {
    return window.rate(tier, arm);
  }

  /** The recovery rate of a journey plan's step and {@code arm}; empty without outcomes. */
  public synchronized OptionalDouble journeyRate(String plan, String step, Arm arm) {
    return journeys.rate(plan, step, arm);
  }

  /** Treated minus holdout recovery rate of {@code tier} (null = both). */
  public synchronized OptionalDouble uplift(Tier tier) {
    return window.uplift(tier);
  }

  /** Annual premium of the recovered terms of {@code tier} (null = both) and {@code arm}. */
  public synchronized double recoveredPremium(Tier tier, Arm arm) {
    return window.recoveredPremium(tier, arm);
  }

  private synchronized long count(Tier tier, Arm arm, OutcomeKind kind) {
    return window.count(tier, arm, kind);
  }

  private synchronized double windowEndSeconds() {
    OptionalDouble end = window.newestResolvedAt();
    return end.isPresent() ? end.getAsDouble() / 1000.0 : Double.NaN;
  }

  private static String[] tierLabels() {
    return new String[] {Tier.HIGH_VALUE.name(), Tier.STANDARD.name(), ALL_TIERS};
  }

  private static Tier tierOf(String label) {
    return ALL_TIERS.equals(label) ? null : Tier.valueOf(label);
  }
}
