package io.lapsewatch.alerts.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.AlertJson;
import io.lapsewatch.alertcontract.TestingAlerts;
import io.lapsewatch.alerts.TestingClock;
import io.lapsewatch.alerts.delivery.InMemoryNotificationLog;
import io.lapsewatch.alerts.delivery.NotificationLog;
import io.lapsewatch.alerts.delivery.RateLimit;
import io.lapsewatch.alerts.metrics.AlertMetrics;
import io.lapsewatch.alerts.routing.RoutingTable;
import io.lapsewatch.alerts.routing.Target;
import io.lapsewatch.alerts.service.AlertProcessor.Outcome;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class AlertProcessorTest {
  private final TestingDeadLetterSink deadLetters = new TestingDeadLetterSink();
  private final AlertMetrics metrics = new AlertMetrics();
  private final AlertTally tally = new AlertTally();
  private long offset;

  private AlertProcessor processor(TestingNotifier... notifiers) {
    return new AlertProcessor(List.of(notifiers), deadLetters, metrics, tally);
  }

  private ConsumerRecord<byte[], byte[]> record(byte[] value) {
    return new ConsumerRecord<>(
        "retention-alerts", 1, offset++, "PH-1".getBytes(StandardCharsets.UTF_8), value);
  }

  private ConsumerRecord<byte[], byte[]> record(Alert alert) {
    return record(AlertJson.toBytes(alert));
  }

  @Test
  void shouldDeliverAnAlertToEveryNotifier() throws Exception {
    TestingNotifier console = TestingNotifier.working("console");
    TestingNotifier webhook = TestingNotifier.working("webhook");
    Alert alert = TestingAlerts.highValueCallback("PH-1001");

    Outcome outcome = processor(console, webhook).process(record(alert));

    assertThat(outcome).isEqualTo(Outcome.DELIVERED);
    assertThat(console.delivered).containsExactly(alert);
    assertThat(webhook.delivered).containsExactly(alert);
    assertThat(deadLetters.letters).isEmpty();
    assertThat(tally.received()).isEqualTo(1);
    assertThat(tally.byTierAndAction())
        .containsExactly(java.util.Map.entry("HIGH_VALUE/AGENT_CALLBACK", 1L));
    assertThat(metrics.scrape())
        .contains("lapsewatch_deliveries_total{channel=\"webhook\",status=\"delivered\"} 1.0");
  }

  @Test
  void shouldDeadLetterUnparseableBytesUnchangedWithAReason() throws Exception {
    TestingNotifier webhook = TestingNotifier.working("webhook");
    byte[] garbage = "policy PH-9 lapsed?".getBytes(StandardCharsets.UTF_8);
    ConsumerRecord<byte[], byte[]> record = record(garbage);

    Outcome outcome = processor(webhook).process(record);

    assertThat(outcome).isEqualTo(Outcome.REJECTED);
    assertThat(webhook.delivered).isEmpty();
    assertThat(deadLetters.letters).hasSize(1);
    TestingDeadLetterSink.Letter letter = deadLetters.letters.get(0);
    assertThat(letter.source().value()).isEqualTo(garbage);
    assertThat(letter.headers())
        .containsEntry("lw.dlq.reason", "malformed_json")
        .containsEntry("lw.dlq.source", "retention-alerts/1/0")
        .doesNotContainKey("lw.dlq.channel");
    assertThat(metrics.scrape())
        .contains("lapsewatch_alerts_rejected_total{reason=\"malformed_json\"} 1.0");
    assertThat(tally.received()).isZero();
  }

  @Test
  void shouldDeadLetterJsonThatIsNotAnAlert() throws Exception {
    Outcome outcome =
        processor(TestingNotifier.working("webhook"))
            .process(record("{\"alertId\":\"a-1\"}".getBytes(StandardCharsets.UTF_8)));

    assertThat(outcome).isEqualTo(Outcome.REJECTED);
    assertThat(deadLetters.letters.get(0).headers())
        .containsEntry("lw.dlq.reason", "missing_field")
        .containsEntry("lw.dlq.detail", "required field 'policyholderId' is missing");
  }

  @Test
  void shouldDeadLetterAnEmptyRecord() throws Exception {
    Outcome outcome = processor(TestingNotifier.working("webhook")).process(record(new byte[0]));

    assertThat(outcome).isEqualTo(Outcome.REJECTED);
    assertThat(deadLetters.letters.get(0).headers()).containsEntry("lw.dlq.reason", "empty");
  }

  @Test
  void shouldDeadLetterPerFailedChannelAndStillDeliverToTheOthers() throws Exception {
    TestingNotifier console = TestingNotifier.working("console");
    TestingNotifier webhook = TestingNotifier.failing("webhook");
    Alert alert = TestingAlerts.standardOffer("PH-2002");
    ConsumerRecord<byte[], byte[]> record = record(alert);

    Outcome outcome = processor(webhook, console).process(record);

    assertThat(outcome).isEqualTo(Outcome.DEAD_LETTERED);
    assertThat(console.delivered).containsExactly(alert);
    assertThat(deadLetters.letters).hasSize(1);
    TestingDeadLetterSink.Letter letter = deadLetters.letters.get(0);
    assertThat(letter.source().value()).isEqualTo(AlertJson.toBytes(alert));
    assertThat(letter.headers())
        .containsEntry("lw.dlq.reason", "delivery_failed")
        .containsEntry("lw.dlq.channel", "webhook")
        .containsEntry("lw.dlq.detail", "gave up after 3 attempts; last: HTTP 503");
    assertThat(metrics.scrape())
        .contains("lapsewatch_deliveries_total{channel=\"webhook\",status=\"failed\"} 1.0")
        .contains("lapsewatch_delivery_retries_total{channel=\"webhook\"} 2.0");
  }

  @Test
  void shouldCountButNeverDeliverHoldoutAlerts() throws Exception {
    TestingNotifier webhook = TestingNotifier.working("webhook");

    Outcome outcome = processor(webhook).process(record(TestingAlerts.holdoutOffer("PH-3003")));

    assertThat(outcome).isEqualTo(Outcome.HELD_OUT);
    assertThat(webhook.delivered).isEmpty();
    assertThat(deadLetters.letters).isEmpty();
    assertThat(metrics.scrape())
        .contains(
            "lapsewatch_alerts_received_total{action=\"RENEWAL_OFFER\",arm=\"HOLDOUT\",tier=\"STANDARD\"} 1.0");
  }

  // ------------------------------------------------------------ routing, log, limits, digests

  private final TestingClock clock = new TestingClock(Instant.parse("2026-05-20T08:00:00Z"));
  private final List<String> linksAskedFor = new ArrayList<>();
  private Function<Alert, Optional<URI>> caseLinks = a -> Optional.empty();
  private final List<Duration> sleeps = new ArrayList<>();
  private final AtomicBoolean halted = new AtomicBoolean();

  /** A processor whose pauses move the clock instead of waiting. */
  private AlertProcessor routed(NotificationLog log, Target... targets) {
    return patient(Duration.ZERO, log, targets);
  }

  /** Like {@link #routed}, retrying transiently failing targets for {@code giveUpAfter}. */
  private AlertProcessor patient(Duration giveUpAfter, NotificationLog log, Target... targets) {
    return new AlertProcessor(
        RoutingTable.fixed(List.of(targets)),
        log,
        deadLetters,
        metrics,
        tally,
        clock,
        d -> {
          sleeps.add(d);
          clock.advance(d);
        },
        Duration.ofSeconds(70),
        halted::get,
        giveUpAfter,
        caseLinks);
  }

  private InMemoryNotificationLog memoryLog() {
    return new InMemoryNotificationLog(Duration.ofMinutes(1), Duration.ofDays(90), clock);
  }

  private static Target limited(TestingNotifier n, int perMinute) {
    return new Target(
        n.channel() + "-target", n, Optional.of(new RateLimit(perMinute, Duration.ofMinutes(1))));
  }

  private List<ConsumerRecord<byte[], byte[]>> offers(int from, int count) {
    List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      batch.add(record(TestingAlerts.standardOffer("PH-" + i)));
    }
    return batch;
  }

  /** Case links as the desk would make them, remembering which alerts asked. */
  private void deskLinks() {
    caseLinks =
        a -> {
          linksAskedFor.add(a.alertId);
          return Optional.of(
              URI.create("https://desk.example.com/desk/cases/c-" + a.alertId + "?t=1.s"));
        };
  }

  @Test
  void shouldGiveEveryTargetsMessageTheAlertsCaseLink() throws Exception {
    deskLinks();
    TestingNotifier slack = TestingNotifier.working("slack");
    TestingNotifier email = TestingNotifier.working("email");
    Alert alert = TestingAlerts.highValueCallback("PH-1001");

    Outcome outcome =
        routed(
                memoryLog(),
                new Target("ops-slack", slack, Optional.empty()),
                new Target("team-mail", email, Optional.empty()))
            .process(record(alert));

    assertThat(outcome).isEqualTo(Outcome.DELIVERED);
    URI expected = URI.create("https://desk.example.com/desk/cases/c-al-ph-1001?t=1.s");
    assertThat(slack.enriched)
        .singleElement()
        .satisfies(e -> assertThat(e.caseLink()).contains(expected));
    assertThat(email.enriched)
        .singleElement()
        .satisfies(e -> assertThat(e.caseLink()).contains(expected));
    // Made once per alert, not once per target.
    assertThat(linksAskedFor).containsExactly("al-ph-1001");
  }

  /** A journey's "message to a route" step for {@code receiver}. */
  private static Alert messageTo(String policyholderId, String receiver) {
    Alert a = TestingAlerts.standardOffer(policyholderId);
    a.journey = "standard-renewal";
    a.journeyVersion = 1;
    a.journeyStep = "tell-branch";
    a.followUp = true;
    a.messageTo = receiver;
    return a;
  }

  @Test
  void shouldDeliverAMessageToItsReceiverOnlyWithoutCaseLinkOrAction() throws Exception {
    deskLinks();
    TestingNotifier slack = TestingNotifier.working("slack");
    TestingNotifier email = TestingNotifier.working("email");
    TestingNotifier actions = TestingNotifier.working("actions");
    Alert message = messageTo("PH-4004", "team-mail");
    AlertProcessor p =
        new AlertProcessor(
            RoutingTable.fixed(
                    List.of(
                        new Target("ops-slack", slack, Optional.empty()),
                        new Target("team-mail", email, Optional.empty())))
                .withTarget(new Target("retention-actions", actions, Optional.empty())),
            memoryLog(),
            deadLetters,
            metrics,
            tally,
            clock,
            clock::advance,
            Duration.ofSeconds(70),
            halted::get,
            Duration.ZERO,
            caseLinks);

    Outcome outcome = p.process(record(message));

    assertThat(outcome).isEqualTo(Outcome.DELIVERED);
    assertThat(email.enriched).singleElement().satisfies(e -> assertThat(e.caseLink()).isEmpty());
    assertThat(slack.delivered).isEmpty();
    assertThat(actions.delivered).isEmpty();
    assertThat(linksAskedFor).isEmpty();
    assertThat(deadLetters.letters).isEmpty();
    assertThat(tally.byJourneyStep())
        .containsExactly(Map.entry("standard-renewal/tell-branch", 1L));
    assertThat(metrics.scrape())
        .contains("lapsewatch_deliveries_total{channel=\"email\",status=\"delivered\"} 1.0")
        .contains("lapsewatch_deliveries_total{channel=\"slack\",status=\"delivered\"} 0.0");
  }

  @Test
  void shouldDeadLetterAMessageToAnUnknownReceiverNamingIt() throws Exception {
    TestingNotifier slack = TestingNotifier.working("slack");

    Outcome outcome =
        routed(memoryLog(), new Target("ops-slack", slack, Optional.empty()))
            .process(record(messageTo("PH-5005", "branch-lead-sh")));

    assertThat(outcome).isEqualTo(Outcome.DEAD_LETTERED);
    assertThat(slack.delivered).isEmpty();
    assertThat(deadLetters.letters)
        .singleElement()
        .satisfies(
            l ->
                assertThat(l.headers())
                    .containsEntry("lw.dlq.reason", "unknown_receiver")
                    .containsEntry("lw.dlq.target", "branch-lead-sh")
                    .hasEntrySatisfying(
                        "lw.dlq.detail",
                        d ->
                            assertThat(d)
                                .contains("receiver 'branch-lead-sh'")
                                .contains("[ops-slack]")));
    assertThat(metrics.scrape())
        .contains("lapsewatch_dead_letters_total{reason=\"unknown_receiver\"} 1.0")
        .contains(
            "lapsewatch_alerts_received_total{action=\"RENEWAL_OFFER\",arm=\"TREATED\",tier=\"STANDARD\"} 1.0");
  }

  @Test
  void shouldNeitherLinkNorDeliverAHoldoutAlert() throws Exception {
    deskLinks();
    TestingNotifier slack = TestingNotifier.working("slack");

    Outcome outcome =
        routed(memoryLog(), new Target("ops-slack", slack, Optional.empty()))
            .process(record(TestingAlerts.holdoutOffer("PH-3003")));

    assertThat(outcome).isEqualTo(Outcome.HELD_OUT);
    assertThat(slack.enriched).isEmpty();
    assertThat(linksAskedFor).isEmpty();
  }

  @Test
  void shouldCarryEachAlertsCaseLinkIntoADigest() throws Exception {
    deskLinks();
    TestingNotifier wecom = TestingNotifier.working("wecom");

    routed(memoryLog(), limited(wecom, 3)).processBatch(offers(100, 10));

    assertThat(wecom.enrichedDigests)
        .singleElement()
        .satisfies(
            d ->
                assertThat(d)
                    .hasSize(8)
                    .allSatisfy(
                        e ->
                            assertThat(e.caseLink())
                                .contains(
                                    URI.create(
                                        "https://desk.example.com/desk/cases/c-"
                                            + e.alert().alertId
                                            + "?t=1.s"))));
    assertThat(wecom.enriched).hasSize(2).allSatisfy(e -> assertThat(e.caseLink()).isPresent());
  }

  @Test
  void shouldFoldWhatExceedsTheRateLimitIntoOneDigest() throws Exception {
    TestingNotifier wecom = TestingNotifier.working("wecom");
    AlertProcessor p = routed(memoryLog(), limited(wecom, 3));

    List<Outcome> outcomes = p.processBatch(offers(100, 10));

    assertThat(outcomes).containsOnly(Outcome.DELIVERED).hasSize(10);
    // Two messages of their own, then the last permit carries the other eight.
    assertThat(wecom.delivered)
        .extracting(a -> a.policyholderId)
        .containsExactly("PH-100", "PH-101");
    assertThat(wecom.digests).singleElement().satisfies(d -> assertThat(d).hasSize(8));
    assertThat(wecom.everything())
        .extracting(a -> a.policyholderId)
        .doesNotHaveDuplicates()
        .hasSize(10);
    assertThat(sleeps).isEmpty();
    assertThat(metrics.scrape())
        .contains("lapsewatch_deliveries_total{channel=\"wecom\",status=\"delivered\"} 10.0")
        .contains("lapsewatch_alerts_digested_total{channel=\"wecom\"} 8.0")
        .contains("lapsewatch_digests_sent_total{channel=\"wecom\"} 1.0");
  }

  @Test
  void shouldWaitForTheWindowWhenNoMessageIsLeft() throws Exception {
    TestingNotifier wecom = TestingNotifier.working("wecom");
    AlertProcessor p = routed(memoryLog(), limited(wecom, 3));
    p.processBatch(offers(100, 3));
    clock.advance(Duration.ofSeconds(20));

    p.processBatch(offers(200, 2));

    // The window opened at the first send: 40 s more (and a millisecond) until a permit frees.
    assertThat(sleeps).containsExactly(Duration.ofSeconds(40).plusMillis(1));
    assertThat(wecom.delivered).hasSize(5);
    assertThat(wecom.digests).isEmpty();
    assertThat(metrics.scrape())
        .contains("lapsewatch_rate_limit_waits_total{channel=\"wecom\"} 1.0");
  }

  @Test
  void shouldSplitOverflowIntoSeveralDigestsWhenOneCannotHoldIt() throws Exception {
    TestingNotifier slack = TestingNotifier.digestingAtMost("slack", 4);
    AlertProcessor p = routed(memoryLog(), limited(slack, 2));

    p.processBatch(offers(100, 12));

    // 1 single + a digest of 4 use the window; then each further window: 1 single + 1 digest.
    assertThat(slack.everything()).hasSize(12).doesNotHaveDuplicates();
    assertThat(slack.digests).allSatisfy(d -> assertThat(d).hasSizeLessThanOrEqualTo(4));
    assertThat(sleeps).isNotEmpty();
    assertThat(deadLetters.letters).isEmpty();
  }

  @Test
  void shouldNotNotifyAReplayedAlertTwice() throws Exception {
    TestingNotifier slack = TestingNotifier.working("slack");
    TestingNotifier email = TestingNotifier.working("email");
    InMemoryNotificationLog log = memoryLog();
    AlertProcessor p =
        routed(
            log,
            new Target("ops-slack", slack, Optional.empty()),
            new Target("team-mail", email, Optional.empty()));
    ConsumerRecord<byte[], byte[]> r = record(TestingAlerts.highValueCallback("PH-1001"));

    p.processBatch(List.of(r));
    List<Outcome> replay = p.processBatch(List.of(r));

    assertThat(replay).containsExactly(Outcome.DELIVERED);
    assertThat(slack.delivered).hasSize(1);
    assertThat(email.delivered).hasSize(1);
    assertThat(log.isSent("al-ph-1001", "ops-slack")).isTrue();
    assertThat(metrics.scrape())
        .contains("lapsewatch_notification_duplicates_suppressed_total{channel=\"slack\"} 1.0")
        .contains("lapsewatch_notification_duplicates_suppressed_total{channel=\"email\"} 1.0");
  }

  @Test
  void shouldReleaseTheClaimOfAFailedDeliverySoAReplayCanSendIt() throws Exception {
    TestingNotifier teams = TestingNotifier.failingFirst("teams", 1);
    InMemoryNotificationLog log = memoryLog();
    AlertProcessor p = routed(log, new Target("hq-teams", teams, Optional.empty()));
    ConsumerRecord<byte[], byte[]> r = record(TestingAlerts.standardOffer("PH-7"));

    assertThat(p.process(r)).isEqualTo(Outcome.DEAD_LETTERED);
    assertThat(deadLetters.letters.get(0).headers())
        .containsEntry("lw.dlq.reason", "delivery_failed")
        .containsEntry("lw.dlq.channel", "teams")
        .containsEntry("lw.dlq.target", "hq-teams");
    assertThat(log.isSent("al-ph-7", "hq-teams")).isFalse();

    assertThat(p.process(r)).isEqualTo(Outcome.DELIVERED);
    assertThat(teams.delivered).hasSize(1);
    assertThat(metrics.scrape())
        .contains("lapsewatch_dead_letters_total{reason=\"delivery_failed\"} 1.0");
  }

  @Test
  void shouldWaitOutAReceiverOutageAndDeliverEveryAlertOnceItIsBack() throws Exception {
    // Three rounds fail (e.g. a minute of HTTP 500 and 429), then the receiver is back.
    TestingNotifier slack = TestingNotifier.failingFirst("slack", 3);
    InMemoryNotificationLog log = memoryLog();
    AlertProcessor p =
        patient(Duration.ofMinutes(5), log, new Target("hq-slack", slack, Optional.empty()));

    List<Outcome> outcomes = p.processBatch(offers(400, 3));

    assertThat(outcomes).containsOnly(Outcome.DELIVERED);
    assertThat(slack.delivered).hasSize(3);
    assertThat(deadLetters.letters).isEmpty();
    assertThat(sleeps)
        .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    assertThat(log.isSent("al-ph-400", "hq-slack")).isTrue();
  }

  @Test
  void shouldDeadLetterOnlyAfterTheGiveUpTimeAndNotWaitAgainInTheSameBatch() throws Exception {
    TestingNotifier slack = TestingNotifier.failing("slack");
    AlertProcessor p =
        patient(
            Duration.ofSeconds(20), memoryLog(), new Target("hq-slack", slack, Optional.empty()));

    List<Outcome> outcomes = p.processBatch(offers(500, 2));

    assertThat(outcomes).containsOnly(Outcome.DEAD_LETTERED);
    assertThat(deadLetters.letters).hasSize(2);
    assertThat(sleeps.stream().mapToLong(Duration::toMillis).sum()).isEqualTo(20_000L);
    // 1 + 2 + 4 + 8 s, then the last 5 s up to the give-up time; the second alert gets one round.
    assertThat(slack.attempts.get()).isEqualTo(7);
  }

  @Test
  void shouldDeadLetterAPermanentFailureAtOnceEvenWhenPatient() throws Exception {
    TestingNotifier teams = TestingNotifier.refusing("teams");
    AlertProcessor p =
        patient(
            Duration.ofMinutes(5), memoryLog(), new Target("hq-teams", teams, Optional.empty()));

    assertThat(p.process(record(TestingAlerts.standardOffer("PH-8"))))
        .isEqualTo(Outcome.DEAD_LETTERED);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void shouldDeadLetterEveryAlertOfAFailedDigest() throws Exception {
    TestingNotifier wecom = TestingNotifier.failingFirst("wecom", 1);
    AlertProcessor p = routed(memoryLog(), limited(wecom, 1));

    List<Outcome> outcomes = p.processBatch(offers(300, 3));

    assertThat(outcomes).containsOnly(Outcome.DEAD_LETTERED);
    assertThat(deadLetters.letters).hasSize(3);
    assertThat(deadLetters.letters)
        .allSatisfy(l -> assertThat(l.headers().get("lw.dlq.detail")).startsWith("digest: "));
    assertThat(metrics.scrape())
        .contains("lapsewatch_deliveries_total{channel=\"wecom\",status=\"failed\"} 3.0");
  }

  @Test
  void shouldWaitWhileAnotherProcessHoldsTheClaim() throws Exception {
    TestingNotifier slack = TestingNotifier.working("slack");
    TestingNotificationLog log = new TestingNotificationLog(clock, 3);
    AlertProcessor p = routed(log, new Target("s", slack, Optional.empty()));

    assertThat(p.process(record(TestingAlerts.standardOffer("PH-8")))).isEqualTo(Outcome.DELIVERED);

    assertThat(sleeps).hasSize(3);
    assertThat(log.claims.get()).isEqualTo(4);
    assertThat(slack.delivered).hasSize(1);
  }

  @Test
  void shouldStopRatherThanCommitWhenAClaimNeverClears() {
    TestingNotifier slack = TestingNotifier.working("slack");
    AlertProcessor p =
        routed(
            new TestingNotificationLog(clock, Integer.MAX_VALUE),
            new Target("s", slack, Optional.empty()));

    assertThatThrownBy(() -> p.process(record(TestingAlerts.standardOffer("PH-9"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("still claimed by another process after 70 s");
    assertThat(slack.delivered).isEmpty();
    assertThat(deadLetters.letters).isEmpty();
  }

  @Test
  void shouldStopAtOnceWhenHalted() throws Exception {
    TestingNotifier slack = TestingNotifier.working("slack");
    AlertProcessor p = routed(memoryLog(), new Target("s", slack, Optional.empty()));
    halted.set(true);

    assertThatThrownBy(() -> p.processBatch(offers(1, 3)))
        .isInstanceOf(AlertProcessor.Halted.class);
    assertThat(slack.delivered).isEmpty();
  }

  @Test
  void shouldPassTheRecordsOwnAttributesToNotifiers() throws Exception {
    TestingNotifier wecom = TestingNotifier.working("wecom");
    AlertProcessor p = routed(memoryLog(), new Target("w", wecom, Optional.empty()));
    String json =
        AlertJson.toJson(TestingAlerts.standardOffer("PH-10"))
            .replaceFirst(
                "^\\{",
                "{\"branch\":\"SH-01\",\"attributes\":{\"policyholderName\":\"张三\",\"bad key\":\"x\",\"n\":{\"deep\":1}},");

    p.process(record(json.getBytes(StandardCharsets.UTF_8)));

    assertThat(wecom.enriched.get(0).attributes())
        .containsOnly(Map.entry("branch", "SH-01"), Map.entry("policyholderName", "张三"));
  }

  @Test
  void shouldPreferAHighValueAlertAsTheSample() throws Exception {
    AlertProcessor p = processor(TestingNotifier.working("webhook"));
    p.process(record(TestingAlerts.standardOffer("PH-1")));
    p.process(record(TestingAlerts.highValueCallback("PH-2")));
    p.process(record(TestingAlerts.standardOffer("PH-3")));

    assertThat(tally.sample()).map(a -> a.policyholderId).hasValue("PH-2");
    assertThat(tally.byTierAndAction())
        .containsEntry("STANDARD/RENEWAL_OFFER", 2L)
        .containsEntry("HIGH_VALUE/AGENT_CALLBACK", 1L);
  }
}
