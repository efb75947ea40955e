package io.lapsewatch.retentiondesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.TestingAlerts;
import io.lapsewatch.alertcontract.policy.AlertPolicy;
import io.lapsewatch.embedded.LocalStack;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Escalation against a real Kafka broker and a real redis-server: two desk instances run their
 * scheduled scan on one moved clock; a case nobody contacts climbs to level 1 and then to the
 * senior pool, each step once, and a contacted case never escalates.
 */
class EscalationITCase {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final String TAG = "escalate";
  // High value: 48 h after opening (05-20 08:00) comes before 5 days ahead of the 06-13 deadline.
  private static final Instant BREACH = Instant.parse("2026-05-22T08:00:00Z");

  private static LocalStack stack;
  private final List<RetentionDesk> desks = new ArrayList<>();
  private final List<CaseEvent> notices = new CopyOnWriteArrayList<>();
  private final List<CaseEvent> offers = new CopyOnWriteArrayList<>();
  private final java.util.concurrent.atomic.AtomicBoolean failFirst =
      new java.util.concurrent.atomic.AtomicBoolean(true);
  private final MovableClock clock = new MovableClock(TestingAlerts.AS_OF);

  @BeforeAll
  static void start() throws Exception {
    stack =
        LocalStack.builder()
            .withKafka()
            .withRedis()
            .withTopics(2, "alerts-" + TAG, "case-events-" + TAG, "policy-events-" + TAG)
            .start();
  }

  @AfterAll
  static void stop() throws Exception {
    stack.close();
  }

  @AfterEach
  void closeDesks() {
    desks.forEach(RetentionDesk::close);
  }

  private RetentionDesk desk(String instance) {
    Map<String, String> s =
        TestingTopics.settings(
            stack.bootstrapServers(), stack.redisUrl(), TAG, instance, "lw:desk:escalate:");
    // Both instances scan often, on the same Redis projection, so they race for every step.
    s.put("desk.expiry-interval-ms", "200");
    s.put("desk.catch-up-timeout-ms", "20000");
    RetentionDesk d =
        RetentionDesk.start(
            RetentionDeskConfig.from(s, Map.of()),
            clock,
            () -> {},
            (store, users) -> DeskObserver.NONE,
            (caseBefore, caseAfter, escalation) -> {
              offers.add(escalation);
              // The first message fails (a channel outage): a later scan must offer it again.
              if (failFirst.getAndSet(false)) {
                return false;
              }
              // Level 2 is told to the lead of the branch the case came from.
              assertThat(caseBefore.owner()).isNotEqualTo(AlertPolicy.SENIOR_AGENT_POOL);
              return notices.add(escalation);
            });
    desks.add(d);
    return d;
  }

  private static Alert callback(String holder, String alertId) {
    Alert a = TestingAlerts.highValueCallback(holder);
    a.alertId = alertId;
    return a;
  }

  @Test
  void shouldEscalateAnUncontactedCaseOncePerLevelAndNeverAContactedOne() throws Exception {
    RetentionDesk a = desk("escalate-a");
    RetentionDesk b = desk("escalate-b");
    TestingTopics.publish(
        stack.bootstrapServers(),
        "alerts-" + TAG,
        callback("PH-E1", "al-esc-1"),
        callback("PH-E2", "al-esc-2"));
    String silent = CaseIds.caseFor("al-esc-1");
    String called = CaseIds.caseFor("al-esc-2");
    await()
        .atMost(TIMEOUT)
        .untilAsserted(() -> assertThat(a.cases().allCases()).contains(silent, called));
    String owner = a.find(silent).orElseThrow().owner();
    a.recordResult(called, ResultKind.REACHED, "AG0001", null, null, null, "req-esc-1");

    // Past the breach: both instances' scans find the silent case due for level 1.
    clock.set(BREACH.plusSeconds(60));
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> assertThat(b.find(silent).orElseThrow().escalationLevel()).isEqualTo(1));
    assertThat(a.find(silent).orElseThrow().owner()).isEqualTo(owner);

    // The first message failed; a later scan offers it again and the lead is told.
    await().atMost(TIMEOUT).until(() -> notices.size() == 1);

    // A day later the senior pool takes it over.
    clock.advance(Duration.ofHours(24).plusMinutes(1));
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> assertThat(a.find(silent).orElseThrow().escalationLevel()).isEqualTo(2));
    RetentionCase pooled = a.find(silent).orElseThrow();
    assertThat(pooled.owner()).isEqualTo(AlertPolicy.SENIOR_AGENT_POOL);
    assertThat(a.cases().openCasesOfOwner(AlertPolicy.SENIOR_AGENT_POOL)).contains(silent);
    assertThat(pooled.escalations()).extracting(CaseHistoryEntry::level).containsExactly(1, 2);

    // Let a few more scans run on both instances: nothing more happens.
    clock.advance(Duration.ofDays(2));
    a.escalateDue(clock.instant());
    b.escalateDue(clock.instant());
    a.awaitCaughtUp();
    assertThat(a.find(silent).orElseThrow().escalations()).hasSize(2);
    assertThat(a.find(called).orElseThrow().escalations()).isEmpty();
    assertThat(notices)
        .extracting(CaseEvent::eventId)
        .containsExactlyInAnyOrder(
            CaseIds.escalatedEvent(silent, 1), CaseIds.escalatedEvent(silent, 2));
    // Level 1 was offered twice (failed, then told), level 2 once.
    assertThat(offers)
        .extracting(CaseEvent::eventId)
        .containsExactlyInAnyOrder(
            CaseIds.escalatedEvent(silent, 1),
            CaseIds.escalatedEvent(silent, 1),
            CaseIds.escalatedEvent(silent, 2));
    List<CaseEvent> written =
        TestingTopics.caseEvents(stack.bootstrapServers(), "case-events-" + TAG).stream()
            .filter(e -> e.kind() == CaseEventKind.ESCALATED)
            .toList();
    // The Redis claim lets one instance write each step.
    assertThat(written).extracting(CaseEvent::eventId).doesNotHaveDuplicates().hasSize(2);
    assertThat(written).extracting(CaseEvent::caseId).containsOnly(silent);
  }
}
