package io.lapsewatch.alerts.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.alerts.TestingAlerts;
import io.lapsewatch.alerts.contract.Alert;
import io.lapsewatch.alerts.contract.AlertJson;
import io.lapsewatch.alerts.metrics.AlertMetrics;
import io.lapsewatch.alerts.service.AlertProcessor.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
        .containsEntry("lw.dlq.reason", "invalid_alert")
        .containsEntry("lw.dlq.detail", "alert field 'policyholderId' is missing");
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
