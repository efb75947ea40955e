package io.lapsewatch.alerts.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.AlertJson;
import io.lapsewatch.alertcontract.TestingAlerts;
import io.lapsewatch.alerts.TestingClock;
import io.lapsewatch.alerts.delivery.InMemoryNotificationLog;
import io.lapsewatch.alerts.delivery.NotificationLog;
import io.lapsewatch.alerts.metrics.AlertMetrics;
import io.lapsewatch.alerts.routing.RoutingTable;
import io.lapsewatch.alerts.routing.Target;
import io.lapsewatch.alerts.service.AlertProcessor.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 12, finding 4 at the alerts service: each kind of invalid alert record is dead-lettered
 * with its reason, never reaches the notification log (so it cannot be deduplicated against a valid
 * alert), and the valid alert right after it is delivered.
 */
class InvalidAlertRecordsTest {
  private final TestingDeadLetterSink deadLetters = new TestingDeadLetterSink();
  private final AlertMetrics metrics = new AlertMetrics();
  private final TestingClock clock = new TestingClock(Instant.parse("2026-05-20T08:00:00Z"));
  private final RecordingLog log = new RecordingLog(clock);
  private final TestingNotifier webhook = TestingNotifier.working("webhook");
  private long offset;

  /** The in-memory log, remembering every alert id it was asked about. */
  private static final class RecordingLog implements NotificationLog {
    final Set<String> touched = ConcurrentHashMap.newKeySet();
    private final InMemoryNotificationLog delegate;

    RecordingLog(TestingClock clock) {
      delegate = new InMemoryNotificationLog(Duration.ofMinutes(1), Duration.ofDays(90), clock);
    }

    @Override
    public void track(String policyholderId, String alertId, java.util.Collection<String> targets) {
      touched.add(alertId);
      delegate.track(policyholderId, alertId, targets);
    }

    @Override
    public Set<String> erase(String policyholderId) {
      return delegate.erase(policyholderId);
    }

    @Override
    public Claim claim(String alertId, String target) {
      touched.add(alertId);
      return delegate.claim(alertId, target);
    }

    @Override
    public boolean isSent(String alertId, String target) {
      touched.add(alertId);
      return delegate.isSent(alertId, target);
    }

    @Override
    public void markSent(String alertId, String target) {
      touched.add(alertId);
      delegate.markSent(alertId, target);
    }

    @Override
    public void release(String alertId, String target) {
      touched.add(alertId);
      delegate.release(alertId, target);
    }

    @Override
    public String describe() {
      return "recording";
    }
  }

  private AlertProcessor processor() {
    return new AlertProcessor(
        RoutingTable.fixed(List.of(new Target("hook", webhook, Optional.empty()))),
        log,
        deadLetters,
        metrics,
        new AlertTally(),
        clock,
        clock::advance,
        Duration.ofSeconds(70),
        () -> false,
        Duration.ZERO,
        a -> Optional.empty());
  }

  private ConsumerRecord<byte[], byte[]> record(byte[] value) {
    return new ConsumerRecord<>(
        "retention-alerts", 0, offset++, "PH-1001".getBytes(StandardCharsets.UTF_8), value);
  }

  private ConsumerRecord<byte[], byte[]> record(String json) {
    return record(json.getBytes(StandardCharsets.UTF_8));
  }

  private static final Alert VALID = TestingAlerts.standardOffer("PH-2002");
  private static final String TEMPLATE =
      AlertJson.toJson(TestingAlerts.highValueCallback("PH-1001"));

  private static String with(String from, String to) {
    assertThat(TEMPLATE).contains(from);
    return TEMPLATE.replace(from, to);
  }

  static Stream<Arguments> invalidAlerts() {
    return Stream.of(
        Arguments.of(
            "duplicate_key", TEMPLATE.replaceFirst("\\{", "{\"policyholderId\":\"PH-9\",")),
        Arguments.of("duplicate_key", TEMPLATE.replaceFirst("\\{", "{\"tier\":\"STANDARD\",")),
        Arguments.of("invalid_id", with("\"PH-1001\"", "\"PH\\u0000\"")),
        Arguments.of("invalid_id", with("\"PH-1001\"", "\"PH\\n\\u001b[31m\"")),
        Arguments.of("invalid_id", with("\"PH-1001\"", "\"PH\\u202e1\"")),
        Arguments.of("invalid_id", with("\"PH-1001\"", "\" PH1 \"")),
        Arguments.of("invalid_id", with("\"PH-1001\"", "\"PH\\ud800\"")),
        Arguments.of("wrong_type", with("\"al-ph-1001\"", "{}")),
        Arguments.of("wrong_type", with("\"score\":0.82", "\"score\":\"NaN\"")),
        Arguments.of("malformed_json", with("\"score\":0.82", "\"score\":NaN")),
        Arguments.of(
            "bad_timestamp", with("\"2026-05-20T08:00:00Z\"", "\"+99999-05-20T08:00:00Z\"")),
        Arguments.of("bad_value", with("\"TREATED\"", "\"CONTROL\"")),
        Arguments.of("missing_field", with("\"riskBand\":\"CRITICAL\",", "")));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("invalidAlerts")
  void shouldDeadLetterAnInvalidAlertAndDeliverTheValidOneAfterIt(String reason, String json)
      throws Exception {
    ConsumerRecord<byte[], byte[]> invalid = record(json);

    List<Outcome> outcomes =
        processor().processBatch(List.of(invalid, record(AlertJson.toBytes(VALID))));

    assertThat(outcomes).containsExactly(Outcome.REJECTED, Outcome.DELIVERED);
    assertThat(webhook.delivered).containsExactly(VALID);
    assertThat(deadLetters.letters).hasSize(1);
    TestingDeadLetterSink.Letter letter = deadLetters.letters.get(0);
    assertThat(letter.source().value()).isEqualTo(invalid.value());
    assertThat(letter.headers())
        .containsEntry("lw.dlq.reason", reason)
        .containsEntry("lw.dlq.source", "retention-alerts/0/0");
    assertThat(letter.headers().get("lw.dlq.detail"))
        .doesNotContainPattern("[\\x00-\\x1f\\x7f-\\x{10ffff}]");
    assertThat(log.touched).containsExactly(VALID.alertId);
    assertThat(metrics.scrape())
        .contains("lapsewatch_alerts_rejected_total{reason=\"" + reason + "\"} 1.0");
  }

  @Test
  void shouldNotDropAValidAlertAsTheDuplicateOfAnAlertWithoutAnId() throws Exception {
    // The finding: {"alertId": {}} was delivered with the id "" and the next alert whose id also
    // read as "" was then skipped as already sent.
    Alert second = TestingAlerts.standardOffer("PH-3003");
    List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>();
    batch.add(record(with("\"al-ph-1001\"", "{}")));
    batch.add(record(with("\"al-ph-1001\"", "[]")));
    batch.add(record(AlertJson.toBytes(VALID)));
    batch.add(record(AlertJson.toBytes(second)));

    List<Outcome> outcomes = processor().processBatch(batch);

    assertThat(outcomes)
        .containsExactly(Outcome.REJECTED, Outcome.REJECTED, Outcome.DELIVERED, Outcome.DELIVERED);
    assertThat(webhook.delivered).containsExactly(VALID, second);
    assertThat(log.touched).containsExactlyInAnyOrder(VALID.alertId, second.alertId);
    assertThat(deadLetters.letters)
        .extracting(l -> l.headers().get("lw.dlq.reason"))
        .containsExactly("wrong_type", "wrong_type");
  }

  @Test
  void shouldDeadLetterANullValueThatNoErasureClaimed() throws Exception {
    // Real erasures (a null value under a well-formed policyholder key) are split off before the
    // processor; one that reaches it had no usable key and must not vanish.
    AlertProcessor p = processor();
    ConsumerRecord<byte[], byte[]> keyless = record((byte[]) null);

    List<Outcome> outcomes = p.processBatch(List.of(keyless, record(AlertJson.toBytes(VALID))));

    assertThat(outcomes).containsExactly(Outcome.REJECTED, Outcome.DELIVERED);
    assertThat(deadLetters.letters)
        .extracting(l -> l.headers().get("lw.dlq.reason"))
        .containsExactly("empty");
    assertThat(log.touched).containsExactly(VALID.alertId);
  }

  @Test
  void shouldStillDeadLetterAValueWithNoBytesAsEmpty() throws Exception {
    assertThat(processor().process(record(new byte[0]))).isEqualTo(Outcome.REJECTED);
    assertThat(deadLetters.letters.get(0).headers()).containsEntry("lw.dlq.reason", "empty");
  }
}
