package io.lapsewatch.retentiondesk;

import io.lapsewatch.alertcontract.Tier;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The desk's metrics on the host service's registry: results by kind, time to first contact and to
 * close, cases opened, and open and overdue cases by branch. Branch is a bounded label: branches
 * outside {@code knownBranches} (or none) count under {@value #OTHER_BRANCH}, so a typo in an alert
 * cannot grow the series without end.
 */
public final class DeskMetrics implements DeskObserver {
  /** The branch label of cases without a known branch. */
  public static final String OTHER_BRANCH = "other";

  /** Buckets of case times: an hour to four weeks, the span from an alert to its deadline. */
  static final double[] CASE_TIME_BUCKETS_SECONDS = {
    3600, 4 * 3600, 12 * 3600, 86400, 2 * 86400, 3 * 86400, 7 * 86400, 14 * 86400, 28 * 86400
  };

  private final Counter results;
  private final Counter opened;
  private final Counter breaches;
  private final Counter escalations;
  private final Histogram timeToFirstContact;
  private final Histogram timeToClose;

  /**
   * Registers the metrics.
   *
   * @param cases where the open and overdue gauges count at scrape time
   * @param knownBranches the branch label values; every other branch counts as {@value
   *     #OTHER_BRANCH}
   * @param clock decides what is overdue
   */
  public DeskMetrics(
      PrometheusRegistry registry, CaseStore cases, Set<String> knownBranches, Clock clock) {
    this(registry, Optional.of(cases), knownBranches, clock);
  }

  private DeskMetrics(
      PrometheusRegistry registry,
      Optional<CaseStore> store,
      Set<String> knownBranches,
      Clock clock) {
    Set<String> branches = new TreeSet<>(knownBranches);
    branches.remove(OTHER_BRANCH);
    results =
        Counter.builder()
            .name("lapsewatch_desk_results_total")
            .help("Results agents recorded on retention cases, by result.")
            .labelNames("result")
            .register(registry);
    opened =
        Counter.builder()
            .name("lapsewatch_desk_cases_opened_total")
            .help("Retention cases this instance opened from treated alerts.")
            .register(registry);
    timeToFirstContact =
        Histogram.builder()
            .name("lapsewatch_desk_time_to_first_contact_seconds")
            .help("Time from a case's opening to the first result that reached the policyholder.")
            .classicOnly()
            .classicUpperBounds(CASE_TIME_BUCKETS_SECONDS)
            .register(registry);
    timeToClose =
        Histogram.builder()
            .name("lapsewatch_desk_time_to_close_seconds")
            .help("Time from a case's opening to the result that closed it (expiries excluded).")
            .classicOnly()
            .classicUpperBounds(CASE_TIME_BUCKETS_SECONDS)
            .register(registry);
    breaches =
        Counter.builder()
            .name("lapsewatch_desk_sla_breaches_total")
            .help(
                "Retention cases nobody contacted within their tier's service level (each case"
                    + " once), by tier.")
            .labelNames("tier")
            .register(registry);
    escalations =
        Counter.builder()
            .name("lapsewatch_desk_escalations_total")
            .help("Escalation steps (1 branch lead told, 2 moved to the senior pool), by tier.")
            .labelNames("tier", "level")
            .register(registry);
    for (ResultKind r : ResultKind.values()) {
      results.labelValues(r.name());
    }
    for (Tier t : Tier.values()) {
      breaches.labelValues(t.name());
      for (int level = 1; level <= CaseEvent.MAX_ESCALATION_LEVEL; level++) {
        escalations.labelValues(t.name(), Integer.toString(level));
      }
    }
    GaugeWithCallback.builder()
        .name("lapsewatch_desk_open_cases")
        .help("Unfinished retention cases (open or contacted), by branch.")
        .labelNames("branch")
        .callback(
            cb -> {
              if (store.isEmpty()) {
                cb.call(0, OTHER_BRANCH);
                return;
              }
              CaseStore cases = store.get();
              long known = 0;
              for (String b : branches) {
                long n = cases.openCasesOfBranch(b).size();
                known += n;
                cb.call(n, b);
              }
              cb.call(cases.openCasesDueBefore(Long.MAX_VALUE).size() - known, OTHER_BRANCH);
            })
        .register(registry);
    GaugeWithCallback.builder()
        .name("lapsewatch_desk_overdue_cases")
        .help("Unfinished retention cases past their deadline, by branch.")
        .labelNames("branch")
        .callback(
            cb -> {
              if (store.isEmpty()) {
                cb.call(0, OTHER_BRANCH);
                return;
              }
              CaseStore cases = store.get();
              // Id sets only, no case reads: a scrape stays a few Redis calls per branch.
              Set<String> overdue =
                  new HashSet<>(cases.openCasesDueBefore(clock.instant().toEpochMilli()));
              long known = 0;
              for (String b : branches) {
                List<String> ofBranch = cases.openCasesOfBranch(b);
                long n = ofBranch.stream().filter(overdue::contains).count();
                known += n;
                cb.call(n, b);
              }
              cb.call(overdue.size() - known, OTHER_BRANCH);
            })
        .register(registry);
  }

  /**
   * Registers the metrics without a case store (the open and overdue gauges then report 0 under
   * {@value #OTHER_BRANCH}): for listing what a service exports.
   */
  public static DeskMetrics withoutCases(PrometheusRegistry registry) {
    return new DeskMetrics(registry, Optional.empty(), Set.of(), Clock.systemUTC());
  }

  @Override
  public void casesOpened(int count) {
    opened.inc(count);
  }

  @Override
  public void resultRecorded(RetentionCase before, RecordedResult recorded) {
    CaseEvent e = recorded.event();
    results.labelValues(e.result().name()).inc();
    boolean contactedBefore =
        before.history().stream().anyMatch(h -> h.result() != null && h.result().reached());
    if (e.result().reached() && !contactedBefore) {
      timeToFirstContact.observe(seconds(before.openedAt(), e.at()));
    }
    if (!before.isFinished() && recorded.caseAfter().status() == CaseStatus.CLOSED) {
      timeToClose.observe(seconds(before.openedAt(), e.at()));
    }
  }

  @Override
  public void escalated(RetentionCase caseAfter, CaseEvent escalation) {
    String tier = Escalations.tierOf(caseAfter).name();
    if (escalation.level() == 1) {
      breaches.labelValues(tier).inc();
    }
    escalations.labelValues(tier, Integer.toString(escalation.level())).inc();
  }

  private static double seconds(Instant from, Instant to) {
    return Math.max(0, Duration.between(from, to).toMillis() / 1000.0);
  }
}
