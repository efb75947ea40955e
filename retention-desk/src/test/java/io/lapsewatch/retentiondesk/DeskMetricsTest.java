package io.lapsewatch.retentiondesk;

import static io.lapsewatch.retentiondesk.TestingCases.BRIEF;
import static io.lapsewatch.retentiondesk.TestingCases.OPENED_AT;
import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBucket;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeskMetricsTest {
  private static final Instant NOW = Instant.parse("2026-06-10T12:00:00Z");
  private static final Instant PAST_DEADLINE = NOW.minus(Duration.ofDays(1));
  private static final Instant NEXT_MONTH = NOW.plus(Duration.ofDays(30));

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final TestingCaseStore store = new TestingCaseStore();
  private final DeskMetrics metrics =
      new DeskMetrics(registry, store, Set.of("north", "south"), Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void shouldCountOpenAndOverdueCasesByKnownBranchAndTheRestAsOther() throws Exception {
    store.add(opened("al-1", "north", PAST_DEADLINE));
    store.add(opened("al-2", "north", NEXT_MONTH));
    RetentionCase closed = opened("al-3", "south", PAST_DEADLINE);
    store.add(
        CaseFile.apply(
            closed,
            CaseEvent.resultRecorded(
                "ev-3", closed.caseId(), "AG0001", NOW, ResultKind.DECLINED, null, null)));
    store.add(opened("al-4", "east", PAST_DEADLINE)); // not in the roles file
    store.add(opened("al-5", null, NEXT_MONTH)); // no branch

    assertThat(gauge("lapsewatch_desk_open_cases"))
        .isEqualTo(Map.of("north", 2.0, "south", 0.0, "other", 2.0));
    assertThat(gauge("lapsewatch_desk_overdue_cases"))
        .isEqualTo(Map.of("north", 1.0, "south", 0.0, "other", 1.0));
  }

  @Test
  void shouldCountResultsAndTimeFirstContactAndCloseFromTheOpening() throws Exception {
    RetentionCase open = opened("al-1", "north", NEXT_MONTH);
    Instant reachedAt = OPENED_AT.plus(Duration.ofHours(25)); // in the (1 d, 2 d] bucket
    RecordedResult reached = record(open, "r1", ResultKind.REACHED, reachedAt);
    metrics.resultRecorded(open, reached);
    Instant acceptedAt = OPENED_AT.plus(Duration.ofDays(5)); // in the (3 d, 7 d] bucket
    RecordedResult accepted = record(reached.caseAfter(), "r2", ResultKind.ACCEPTED, acceptedAt);
    metrics.resultRecorded(reached.caseAfter(), accepted);
    metrics.casesOpened(3);

    assertThat(counter("lapsewatch_desk_results", "REACHED")).isEqualTo(1.0);
    assertThat(counter("lapsewatch_desk_results", "ACCEPTED")).isEqualTo(1.0);
    assertThat(counter("lapsewatch_desk_results", "UNREACHABLE")).isEqualTo(0.0);
    assertThat(counter("lapsewatch_desk_cases_opened", null)).isEqualTo(3.0);
    // The accepted result was not a first contact: the case was reached before.
    assertThat(bucketsWithObservations("lapsewatch_desk_time_to_first_contact_seconds"))
        .containsExactly(2 * 86400.0);
    assertThat(bucketsWithObservations("lapsewatch_desk_time_to_close_seconds"))
        .containsExactly(7 * 86400.0);
  }

  @Test
  void shouldNotTimeAnUnreachableResultAsAContact() throws Exception {
    RetentionCase open = opened("al-1", "north", NEXT_MONTH);
    RecordedResult unreachable =
        record(open, "r1", ResultKind.UNREACHABLE, OPENED_AT.plus(Duration.ofHours(2)));
    metrics.resultRecorded(open, unreachable);

    assertThat(counter("lapsewatch_desk_results", "UNREACHABLE")).isEqualTo(1.0);
    assertThat(bucketsWithObservations("lapsewatch_desk_time_to_first_contact_seconds")).isEmpty();
    assertThat(bucketsWithObservations("lapsewatch_desk_time_to_close_seconds"))
        .containsExactly(4 * 3600.0);
  }

  private static RetentionCase opened(String alertId, String branch, Instant deadline)
      throws CaseTransitionException {
    String caseId = CaseIds.caseFor(alertId);
    return CaseFile.apply(
        null,
        CaseEvent.opened(
            CaseIds.openedEvent(alertId),
            caseId,
            RetentionDesk.SYSTEM_ACTOR,
            OPENED_AT,
            alertId,
            "PH0000" + alertId.hashCode(),
            "PO0001-0",
            CaseAction.CALLBACK_TASK,
            "AG0001",
            branch,
            deadline,
            BRIEF));
  }

  private static RecordedResult record(
      RetentionCase before, String requestId, ResultKind kind, Instant at)
      throws CaseTransitionException {
    CaseEvent e =
        CaseEvent.resultRecorded(
            CaseIds.resultEvent(before.caseId(), requestId),
            before.caseId(),
            "AG0001",
            at,
            kind,
            null,
            null);
    return new RecordedResult(e, CaseFile.apply(before, e), Optional.empty(), false);
  }

  private MetricSnapshot snapshot(String name) {
    return registry.scrape().stream()
        .filter(s -> s.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no metric " + name));
  }

  private Map<String, Double> gauge(String name) {
    Map<String, Double> byBranch = new java.util.TreeMap<>();
    for (GaugeSnapshot.GaugeDataPointSnapshot p :
        ((GaugeSnapshot) snapshot(name)).getDataPoints()) {
      byBranch.put(p.getLabels().get("branch"), p.getValue());
    }
    return byBranch;
  }

  @Test
  void shouldCountABreachAtLevelOneAndEachStepByTierAndLevel() throws Exception {
    RetentionCase open = opened("al-1", "north", NEXT_MONTH);
    CaseEvent one =
        CaseEvent.escalated(
            CaseIds.escalatedEvent(open.caseId(), 1),
            open.caseId(),
            RetentionDesk.SYSTEM_ACTOR,
            NOW,
            1,
            null,
            null);
    RetentionCase afterOne = CaseFile.apply(open, one);
    metrics.escalated(afterOne, one);
    CaseEvent two =
        CaseEvent.escalated(
            CaseIds.escalatedEvent(open.caseId(), 2),
            open.caseId(),
            RetentionDesk.SYSTEM_ACTOR,
            NOW,
            2,
            "senior-pool",
            "north");
    metrics.escalated(CaseFile.apply(afterOne, two), two);

    assertThat(labelled("lapsewatch_desk_sla_breaches", Map.of("tier", "HIGH_VALUE")))
        .isEqualTo(1.0);
    assertThat(labelled("lapsewatch_desk_sla_breaches", Map.of("tier", "STANDARD"))).isEqualTo(0.0);
    assertThat(labelled("lapsewatch_desk_escalations", Map.of("tier", "HIGH_VALUE", "level", "1")))
        .isEqualTo(1.0);
    assertThat(labelled("lapsewatch_desk_escalations", Map.of("tier", "HIGH_VALUE", "level", "2")))
        .isEqualTo(1.0);
    assertThat(labelled("lapsewatch_desk_escalations", Map.of("tier", "STANDARD", "level", "2")))
        .isEqualTo(0.0);
  }

  private double labelled(String name, Map<String, String> labels) {
    for (CounterSnapshot.CounterDataPointSnapshot p :
        ((CounterSnapshot) snapshot(name)).getDataPoints()) {
      if (labels.entrySet().stream()
          .allMatch(l -> l.getValue().equals(p.getLabels().get(l.getKey())))) {
        return p.getValue();
      }
    }
    throw new AssertionError("no " + name + " with " + labels);
  }

  private double counter(String name, String result) {
    for (CounterSnapshot.CounterDataPointSnapshot p :
        ((CounterSnapshot) snapshot(name)).getDataPoints()) {
      if (result == null || result.equals(p.getLabels().get("result"))) {
        return p.getValue();
      }
    }
    throw new AssertionError("no " + name + " for " + result);
  }

  /** Upper bounds of the buckets holding an observation (not cumulative). */
  private List<Double> bucketsWithObservations(String name) {
    List<Double> bounds = new ArrayList<>();
    List<? extends DataPointSnapshot> points = ((HistogramSnapshot) snapshot(name)).getDataPoints();
    for (ClassicHistogramBucket b :
        ((HistogramSnapshot.HistogramDataPointSnapshot) points.get(0)).getClassicBuckets()) {
      for (long i = 0; i < b.getCount(); i++) {
        bounds.add(b.getUpperBound());
      }
    }
    return bounds;
  }
}
