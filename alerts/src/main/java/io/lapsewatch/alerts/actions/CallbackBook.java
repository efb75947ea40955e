package io.lapsewatch.alerts.actions;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.Tier;
import io.lapsewatch.alerts.metrics.OutcomeMetrics;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
    /** The same result was recorded for this case before (a retry); nothing changed. */
    DUPLICATE,
    /** The case was closed already with another result; nothing changed. */
    ALREADY_CLOSED,
    /** The result's time is before the task was opened; nothing changed. */
    BEFORE_OPENING,
    /** No callback task with this alert id is known. */
    UNKNOWN
  }

  private static final class Task {
    final String policyholderId;
    final Tier tier;
    final Instant openedAt;
    final Set<CallbackResult> results = EnumSet.noneOf(CallbackResult.class);
    Instant firstContactAt;
    Instant closedAt;

    Task(String policyholderId, Tier tier, Instant openedAt) {
      this.policyholderId = policyholderId;
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
          if (size() > MAX_TASKS) {
            unindex(eldest.getValue().policyholderId, eldest.getKey());
            return true;
          }
          return false;
        }
      };

  /** Alert ids of each policyholder's tasks, so an erasure finds them without a scan. */
  private final Map<String, Set<String>> byPolicyholder = new HashMap<>();

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
    if (tasks.putIfAbsent(alert.alertId, new Task(alert.policyholderId, alert.tier, at)) == null) {
      byPolicyholder.computeIfAbsent(alert.policyholderId, k -> new HashSet<>()).add(alert.alertId);
    }
  }

  /**
   * Records an agent's result for the task of {@code alertId}. A result is a fact about the case,
   * not an attempt: the same result again (an app retrying, an agent tapping twice) is a {@link
   * Recorded#DUPLICATE} and counts once, whatever its time; another result for a closed case is
   * {@link Recorded#ALREADY_CLOSED}.
   *
   * @param at when the agent got the result; must not be before the task was opened (the caller
   *     bounds it by the present)
   */
  public synchronized Recorded record(String alertId, CallbackResult result, Instant at) {
    Task t = tasks.get(alertId);
    if (t == null) {
      return Recorded.UNKNOWN;
    }
    if (at.isBefore(t.openedAt)) {
      return Recorded.BEFORE_OPENING;
    }
    if (t.results.contains(result)) {
      return Recorded.DUPLICATE;
    }
    if (t.closedAt != null) {
      return Recorded.ALREADY_CLOSED;
    }
    t.results.add(result);
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

  /** True when the task of {@code alertId} is closed. */
  public synchronized boolean isClosed(String alertId) {
    Task t = tasks.get(alertId);
    return t != null && t.closedAt != null;
  }

  /**
   * Forgets every task of {@code policyholderId} (an erasure): results for them are then refused as
   * unknown. Metrics already observed stay, as they hold no id.
   *
   * @return how many tasks were forgotten
   */
  public synchronized int forget(String policyholderId) {
    Set<String> ids = byPolicyholder.remove(policyholderId);
    if (ids == null) {
      return 0;
    }
    ids.forEach(tasks::remove);
    return ids.size();
  }

  /** Alert ids of the tasks kept for {@code policyholderId}. */
  public synchronized Set<String> tasksOf(String policyholderId) {
    return Set.copyOf(byPolicyholder.getOrDefault(policyholderId, Set.of()));
  }

  private void unindex(String policyholderId, String alertId) {
    Set<String> ids = byPolicyholder.get(policyholderId);
    if (ids != null && ids.remove(alertId) && ids.isEmpty()) {
      byPolicyholder.remove(policyholderId);
    }
  }

  private static double seconds(Instant from, Instant to) {
    return Math.max(0, Duration.between(from, to).toMillis() / 1000.0);
  }
}
