package io.lapsewatch.retentiondesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.TestingAlerts;
import io.lapsewatch.alertcontract.policy.AlertPolicy;
import io.lapsewatch.embedded.LocalStack;
import io.lapsewatch.featurestore.events.EventType;
import io.lapsewatch.featurestore.events.PolicyEvent;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/** The desk against a real Kafka broker and a real redis-server. */
class RetentionDeskITCase {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final String[] TAGS = {"open", "two", "rebuild", "repeat", "erase", "expire"};

  private static LocalStack stack;
  private final List<RetentionDesk> desks = new java.util.ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    LocalStack.Builder b = LocalStack.builder().withKafka().withRedis();
    for (String tag : TAGS) {
      b.withTopics(2, "alerts-" + tag, "case-events-" + tag, "policy-events-" + tag);
    }
    stack = b.start();
  }

  @AfterAll
  static void stop() throws Exception {
    stack.close();
  }

  @AfterEach
  void closeDesks() {
    desks.forEach(RetentionDesk::close);
  }

  private RetentionDesk desk(String tag, String instance, String prefix) {
    RetentionDesk d =
        RetentionDesk.start(
            RetentionDeskConfig.from(
                TestingTopics.settings(
                    stack.bootstrapServers(), stack.redisUrl(), tag, instance, prefix),
                Map.of()));
    desks.add(d);
    return d;
  }

  private static Alert callback(String holder, String alertId) {
    Alert a = TestingAlerts.highValueCallback(holder);
    a.alertId = alertId;
    return a;
  }

  private static Alert offer(String holder, String alertId) {
    Alert a = TestingAlerts.standardOffer(holder);
    a.alertId = alertId;
    return a;
  }

  /** Every case the desk's store holds, as stored JSON by case id. */
  private static Map<String, String> snapshot(RetentionDesk d) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String id : d.cases().allCases()) {
      out.put(id, CaseStateJson.toJson(d.find(id).orElseThrow()));
    }
    return out;
  }

  @Test
  void shouldOpenOneCasePerTreatedAlertAndNoneForHoldoutOrReplays() throws Exception {
    RetentionDesk d = desk("open", "open-a", "lw:desk:open:");
    Alert orphan = callback("PH-O1", "al-open-3");
    orphan.agentId = null;
    Alert holdout = TestingAlerts.holdoutOffer("PH-O4");
    holdout.alertId = "al-open-4";
    TestingTopics.publish(
        stack.bootstrapServers(),
        "alerts-open",
        callback("PH-O1", "al-open-1"),
        offer("PH-O2", "al-open-2"),
        orphan,
        holdout);

    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(d.cases().allCases()).hasSize(3));
    // The job replays an alert (a restore from checkpoint): no second case, no second event.
    TestingTopics.publish(stack.bootstrapServers(), "alerts-open", offer("PH-O2", "al-open-2"));
    TestingTopics.publish(stack.bootstrapServers(), "alerts-open", callback("PH-O5", "al-open-5"));
    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(d.cases().allCases()).hasSize(4));

    RetentionCase c1 = d.find(CaseIds.caseFor("al-open-1")).orElseThrow();
    assertThat(c1.action()).isEqualTo(CaseAction.CALLBACK_TASK);
    assertThat(c1.status()).isEqualTo(CaseStatus.OPEN);
    assertThat(d.find(CaseIds.caseFor("al-open-2")).orElseThrow().action())
        .isEqualTo(CaseAction.RENEWAL_OFFER);
    assertThat(d.find(CaseIds.caseFor("al-open-3")).orElseThrow().owner())
        .isEqualTo(AlertPolicy.SENIOR_AGENT_POOL);
    assertThat(d.find(CaseIds.caseFor("al-open-4"))).isEmpty();
    assertThat(d.cases().openCasesOfOwner(AlertPolicy.SENIOR_AGENT_POOL))
        .containsExactly(CaseIds.caseFor("al-open-3"));
    assertThat(d.cases().openCasesOfOwner(c1.owner())).contains(c1.caseId());
    List<CaseEvent> events = TestingTopics.caseEvents(stack.bootstrapServers(), "case-events-open");
    assertThat(events).extracting(CaseEvent::kind).containsOnly(CaseEventKind.OPENED);
    assertThat(events).extracting(CaseEvent::eventId).doesNotHaveDuplicates().hasSize(4);
  }

  @Test
  void shouldShowTheSameCasesOnTwoInstances() throws Exception {
    // Two instances, each with its own Redis state, share the alerts and the case topic: the
    // group splits the alerts between them and both project every case.
    RetentionDesk a = desk("two", "two-a", "lw:desk:two-a:");
    RetentionDesk b = desk("two", "two-b", "lw:desk:two-b:");
    Alert[] alerts = new Alert[12];
    for (int i = 0; i < alerts.length; i++) {
      alerts[i] =
          i % 2 == 0 ? callback("PH-T" + i, "al-two-" + i) : offer("PH-T" + i, "al-two-" + i);
    }
    TestingTopics.publish(stack.bootstrapServers(), "alerts-two", alerts);

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              assertThat(a.cases().allCases()).hasSize(12);
              assertThat(b.cases().allCases()).hasSize(12);
            });
    String caseId = CaseIds.caseFor("al-two-0");
    a.recordResult(
        caseId, ResultKind.REACHED, "AG0001", "call back Friday", null, null, "req-two-1");
    b.awaitCaughtUp();

    assertThat(b.find(caseId).orElseThrow().status()).isEqualTo(CaseStatus.CONTACTED);
    assertThat(snapshot(b)).isEqualTo(snapshot(a));
    assertThat(TestingTopics.caseEvents(stack.bootstrapServers(), "case-events-two"))
        .filteredOn(e -> e.kind() == CaseEventKind.OPENED)
        .hasSize(12);
  }

  @Test
  void shouldRebuildTheSameStateFromTheTopicWhenRedisIsFlushed() throws Exception {
    RetentionDesk d = desk("rebuild", "rebuild-a", "lw:desk:rebuild:");
    TestingTopics.publish(
        stack.bootstrapServers(),
        "alerts-rebuild",
        callback("PH-R1", "al-rb-1"),
        offer("PH-R2", "al-rb-2"),
        callback("PH-R3", "al-rb-3"));
    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(d.cases().allCases()).hasSize(3));
    d.recordResult(
        CaseIds.caseFor("al-rb-1"), ResultKind.ACCEPTED, "AG0001", null, null, null, "r1");
    d.recordResult(
        CaseIds.caseFor("al-rb-2"), ResultKind.REACHED, "AG0002", "note", null, null, "r2");
    d.reassign(CaseIds.caseFor("al-rb-3"), AlertPolicy.SENIOR_AGENT_POOL, "LEAD01", "q1");
    Map<String, String> before = snapshot(d);
    List<String> poolBefore = d.cases().openCasesOfOwner(AlertPolicy.SENIOR_AGENT_POOL);

    try (RedisClient redis = RedisClient.create(stack.redisHost(), stack.redisPort())) {
      redis.flushAll();
      assertThat(redis.dbSize()).isZero();
    }

    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(snapshot(d)).isEqualTo(before));
    assertThat(d.cases().openCasesOfOwner(AlertPolicy.SENIOR_AGENT_POOL))
        .isEqualTo(poolBefore)
        .hasSize(1);
    // A fresh instance on the rebuilt Redis starts from the stored progress: nothing doubles.
    RetentionDesk fresh = desk("rebuild", "rebuild-b", "lw:desk:rebuild:");
    fresh.awaitCaughtUp();
    assertThat(snapshot(fresh)).isEqualTo(before);
  }

  @Test
  void shouldRecordARepeatedRequestOnce() throws Exception {
    RetentionDesk d = desk("repeat", "repeat-a", "lw:desk:repeat:");
    TestingTopics.publish(
        stack.bootstrapServers(),
        "alerts-repeat",
        callback("PH-P1", "al-rp-1"),
        offer("PH-P2", "al-rp-2"));
    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(d.cases().allCases()).hasSize(2));
    String callbackCase = CaseIds.caseFor("al-rp-1");
    String offerCase = CaseIds.caseFor("al-rp-2");

    RecordedResult first =
        d.recordResult(
            callbackCase, ResultKind.DECLINED, "AG0001", "too pricey", null, null, "tap-1");
    RecordedResult second =
        d.recordResult(
            callbackCase, ResultKind.DECLINED, "AG0001", "too pricey", null, null, "tap-1");
    d.recordResult(offerCase, ResultKind.ACCEPTED, "AG0002", null, null, null, "tap-2");

    assertThat(first.repeated()).isFalse();
    assertThat(second.repeated()).isTrue();
    assertThat(second.event().eventId()).isEqualTo(first.event().eventId());
    assertThat(d.find(callbackCase).orElseThrow().resolution()).isEqualTo(Resolution.DECLINED);
    List<CaseEvent> results =
        TestingTopics.caseEvents(stack.bootstrapServers(), "case-events-repeat").stream()
            .filter(e -> e.kind() == CaseEventKind.RESULT_RECORDED)
            .toList();
    assertThat(results)
        .extracting(CaseEvent::caseId)
        .containsExactlyInAnyOrder(callbackCase, offerCase);
    List<PolicyEvent> policyEvents =
        TestingTopics.policyEvents(stack.bootstrapServers(), "policy-events-repeat");
    assertThat(policyEvents)
        .extracting(e -> e.type)
        .containsExactlyInAnyOrder(EventType.CALLBACK_COMPLETED, EventType.OFFER_SENT);
    PolicyEvent callbackEvent =
        policyEvents.stream().filter(e -> e.type == EventType.CALLBACK_COMPLETED).findFirst().get();
    assertThat(callbackEvent.topic).isEqualTo("DECLINED");
    assertThat(callbackEvent.policyholderId).isEqualTo("PH-P1");
    assertThat(callbackEvent.eventId).isEqualTo(CaseIds.policyEvent(first.event().eventId()));
  }

  @Test
  void shouldEraseThePolicyholdersCasesOnAnErasureTombstone() throws Exception {
    RetentionDesk d = desk("erase", "erase-a", "lw:desk:erase:");
    TestingTopics.publish(
        stack.bootstrapServers(),
        "alerts-erase",
        callback("PH-E1", "al-er-1"),
        offer("PH-E1", "al-er-2"),
        offer("PH-E2", "al-er-3"));
    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(d.cases().allCases()).hasSize(3));

    TestingTopics.publish(
        stack.bootstrapServers(),
        "alerts-erase",
        Alert.erasure("PH-E1", io.lapsewatch.alertcontract.RetentionAction.AGENT_CALLBACK, 0));

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(d.find(CaseIds.caseFor("al-er-1")).orElseThrow().status())
                    .isEqualTo(CaseStatus.ERASED));
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(d.find(CaseIds.caseFor("al-er-2")).orElseThrow().status())
                    .isEqualTo(CaseStatus.ERASED));
    assertThat(d.find(CaseIds.caseFor("al-er-1")).orElseThrow().policyholderId()).isNull();
    assertThat(d.cases().casesOfPolicyholder("PH-E1")).isEmpty();
    assertThat(d.find(CaseIds.caseFor("al-er-3")).orElseThrow().status())
        .isEqualTo(CaseStatus.OPEN);
    assertThat(d.cases().openCasesOfOwner(TestingAlerts.standardOffer("x").agentId))
        .doesNotContain(CaseIds.caseFor("al-er-2"));
  }

  @Test
  void shouldExpireUnfinishedCasesPastDeadlineAndGraceOnce() throws Exception {
    RetentionDesk d = desk("expire", "expire-a", "lw:desk:expire:");
    TestingTopics.publish(
        stack.bootstrapServers(),
        "alerts-expire",
        callback("PH-X1", "al-ex-1"),
        offer("PH-X2", "al-ex-2"));
    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(d.cases().allCases()).hasSize(2));
    String closed = CaseIds.caseFor("al-ex-2");
    d.recordResult(closed, ResultKind.ACCEPTED, "AG0002", null, null, null, "r1");
    RetentionCase open = d.find(CaseIds.caseFor("al-ex-1")).orElseThrow();

    // Within the grace period nothing expires; past it the open case does, once.
    assertThat(d.expireOverdue(open.deadline().plus(Duration.ofHours(47)))).isZero();
    assertThat(d.expireOverdue(open.deadline().plus(Duration.ofHours(49)))).isEqualTo(1);
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(d.find(open.caseId()).orElseThrow().resolution())
                    .isEqualTo(Resolution.EXPIRED));
    assertThat(d.expireOverdue(open.deadline().plus(Duration.ofHours(50)))).isZero();
    assertThat(d.find(closed).orElseThrow().resolution()).isEqualTo(Resolution.ACCEPTED);
    assertThat(d.cases().openCasesOfOwner(open.owner())).doesNotContain(open.caseId());
    assertThat(TestingTopics.caseEvents(stack.bootstrapServers(), "case-events-expire"))
        .filteredOn(e -> e.kind() == CaseEventKind.EXPIRED)
        .extracting(CaseEvent::caseId)
        .containsExactly(open.caseId());
  }
}
