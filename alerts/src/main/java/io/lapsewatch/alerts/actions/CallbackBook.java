package io.lapsewatch.alerts.actions;

import io.lapsewatch.alerts.contract.Alert;
import io.lapsewatch.alerts.contract.Tier;
import io.lapsewatch.alerts.metrics.OutcomeMetrics;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The callback tasks this service opened and what agents reported about them: feeds open callbacks,
 * time to first contact and time to close a case. Kept in memory: after a restart the tasks opened
 * before it are unknown (results for them are refused with 404) and the open count starts again
 * from the tasks opened since; rebuilding it from {@code retention-actions} is the next step.
 */
public final class CallbackBook {
  /** What happened to one result report. */
  public enum Recorded {
    /** Recorded; the case stays open. */
    OPEN,
    /** Recorded; the case is now closed. */
    CLOSED,
    /** The case was closed already; nothing changed. */
    ALREADY_CLOSED,
    /** No open callback task with this alert id is known. */
    UNKNOWN
  }

  private static final class Task {
    final Tier tier;
    final Instant openedAt;
    Instant firstContactAt;
    Instant closedAt;

    Task(Tier tier, Instant openedAt) {
      this.tier = tier;
      this.openedAt = openedAt;
    }
  }

  /** Tasks kept at most; the oldest are forgotten first (they are long past their deadline). */
  static final int MAX_TASKS = 200_000;

  private final Map<String, Task> tasks =
      new LinkedHashMap<>() {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Task> eldest) {
          return size() > MAX_TASKS;
        }
      };

  private final Counter results;
  private final Histogram firstContact;
  private final Histogram closure;

  /**
   * Registers the callback metrics; {@code lapsewatch_time_to_first_contact_seconds} is shared with
   * {@code OutcomeMetrics}, which stops feeding it when callbacks are recorded here.
   */
  public CallbackBook(PrometheusRegistry registry, Histogram timeToFirstContact) {
    this.firstContact = timeToFirstContact;
    results =
        Counter.builder()
            .name("lapsewatch_callback_results_total")
            .help("Callback results reported by agents, by value tier and result.")
            .labelNames("tier", "result")
            .register(registry);
    closure =
        Histogram.builder()
            .name("lapsewatch_case_closure_seconds")
            .help("Time from a callback task to the result that closed it, by value tier.")
            .labelNames("tier")
            .classicOnly()
            .classicUpperBounds(OutcomeMetrics.CASE_TIME_BUCKETS_SECONDS)
            .register(registry);
    GaugeWithCallback.builder()
        .name("lapsewatch_callbacks_open")
        .help("Callback tasks opened by this service and not yet closed, by value tier.")
        .labelNames("tier")
        .callback(
            cb -> {
              for (Tier t : Tier.values()) {
                cb.call(open(t), t.name());
              }
            })
        .register(registry);
    for (Tier t : Tier.values()) {
      closure.labelValues(t.name());
      for (CallbackResult r : CallbackResult.values()) {
        results.labelValues(t.name(), r.name());
      }
    }
  }

  /** Opens a callback task for {@code alert} (idempotent). */
  public synchronized void opened(Alert alert, Instant at) {
    tasks.putIfAbsent(alert.alertId, new Task(alert.tier, at));
  }

  /** Records an agent's result for the task of {@code alertId}. */
  public synchronized Recorded record(String alertId, CallbackResult result, Instant at) {
    Task t = tasks.get(alertId);
    if (t == null) {
      return Recorded.UNKNOWN;
    }
    if (t.closedAt != null) {
      return Recorded.ALREADY_CLOSED;
    }
    results.labelValues(t.tier.name(), result.name()).inc();
    if (result.isContact() && t.firstContactAt == null) {
      t.firstContactAt = at;
      firstContact.labelValues(t.tier.name()).observe(seconds(t.openedAt, at));
    }
    if (result.closesCase()) {
      t.closedAt = at;
      closure.labelValues(t.tier.name()).observe(seconds(t.openedAt, at));
      return Recorded.CLOSED;
    }
    return Recorded.OPEN;
  }

  /** Open tasks of {@code tier}. */
  public synchronized long open(Tier tier) {
    return tasks.values().stream().filter(t -> t.tier == tier && t.closedAt == null).count();
  }

  /** When the task of {@code alertId} was opened, if known. */
  public synchronized Optional<Instant> openedAt(String alertId) {
    return Optional.ofNullable(tasks.get(alertId)).map(t -> t.openedAt);
  }

  private static double seconds(Instant from, Instant to) {
    return Math.max(0, Duration.between(from, to).toMillis() / 1000.0);
  }
}
