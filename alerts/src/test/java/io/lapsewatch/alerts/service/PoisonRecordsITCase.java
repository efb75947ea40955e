package io.lapsewatch.alerts.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.AlertJson;
import io.lapsewatch.alertcontract.Arm;
import io.lapsewatch.alertcontract.OutcomeJson;
import io.lapsewatch.alertcontract.OutcomeKind;
import io.lapsewatch.alertcontract.TestingAlerts;
import io.lapsewatch.alertcontract.TestingOutcomes;
import io.lapsewatch.alertcontract.Tier;
import io.lapsewatch.embedded.EmbeddedKafka;
import io.lapsewatch.embedded.WebhookReceiver;
import io.lapsewatch.featurestore.events.DeadLetterFit;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.AbstractRecords;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.RecordBatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, finding 3 against a real broker: a record near Kafka's 1 MB limit on {@code
 * retention-alerts} or {@code retention-outcomes} goes to the service's dead-letter topic, cut to
 * fit with its original size and SHA-256 in headers, and the service keeps running and handles the
 * valid record behind it. (Before, the dead-letter write failed with RecordTooLargeException, the
 * consumer stopped without committing and every restart met the same record.)
 */
class PoisonRecordsITCase {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final AtomicInteger RUN = new AtomicInteger();

  /** As large as the broker's default message.max.bytes (1,048,588 per batch) lets through. */
  private static final int NEAR_ONE_MB = 1_048_000;

  private static EmbeddedKafka kafka;

  private WebhookReceiver webhook;
  private String alerts;
  private String outcomes;
  private String deadLetters;
  private String groupId;

  @BeforeAll
  static void startKafka() throws Exception {
    kafka = EmbeddedKafka.start();
  }

  @AfterAll
  static void stopKafka() throws Exception {
    kafka.close();
  }

  @BeforeEach
  void freshTopicsAndWebhook() throws Exception {
    int run = RUN.incrementAndGet();
    alerts = "retention-alerts-" + run;
    outcomes = "retention-outcomes-" + run;
    deadLetters = "retention-alerts-dlq-" + run;
    groupId = "lapsewatch-alerts-poison-" + run;
    kafka.createTopics(1, alerts, outcomes, deadLetters);
    webhook = WebhookReceiver.start();
  }

  @AfterEach
  void stopWebhook() {
    webhook.close();
  }

  private AlertsService start() throws Exception {
    Map<String, String> m = new HashMap<>();
    m.put("kafka.bootstrap-servers", kafka.bootstrapServers());
    m.put("alerts.topic", alerts);
    m.put("alerts.dead-letter-topic", deadLetters);
    m.put("alerts.group-id", groupId);
    m.put("outcomes.enabled", "true");
    m.put("outcomes.topic", outcomes);
    m.put("webhook.url", webhook.url("/hooks/retention"));
    m.put("console.enabled", "false");
    m.put("metrics.port", "0");
    return AlertsService.start(AlertsServiceConfig.from(m));
  }

  /** A JSON record of exactly {@code size} bytes: {@code json} with a padding field added. */
  private static byte[] padded(byte[] json, int size) {
    String head = "{\"padding\":\"";
    String tail = "\"," + new String(json, StandardCharsets.UTF_8).substring(1);
    int fill = size - head.length() - tail.length();
    byte[] out = (head + "x".repeat(fill) + tail).getBytes(StandardCharsets.UTF_8);
    assertThat(out).hasSize(size);
    return out;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private static void await(BooleanSupplier condition) {
    org.awaitility.Awaitility.await()
        .atMost(TIMEOUT)
        .pollInterval(java.time.Duration.ofMillis(50))
        .until(condition::getAsBoolean);
  }

  /** The one dead letter on the topic, once it is there. */
  private ConsumerRecord<byte[], byte[]> theDeadLetter() throws InterruptedException {
    await(() -> !EmbeddedKafka.readAll(kafka.bootstrapServers(), deadLetters).isEmpty());
    List<ConsumerRecord<byte[], byte[]>> dead =
        EmbeddedKafka.readAll(kafka.bootstrapServers(), deadLetters);
    assertThat(dead).hasSize(1);
    return dead.get(0);
  }

  private static void assertCutToFit(ConsumerRecord<byte[], byte[]> dead, byte[] original)
      throws Exception {
    assertThat(header(dead, "lw.dlq.reason")).isEqualTo("too_large");
    assertThat(header(dead, "lw.dlq.detail")).contains(Integer.toString(NEAR_ONE_MB));
    assertThat(header(dead, DeadLetterFit.TRUNCATED)).isEqualTo("true");
    assertThat(header(dead, DeadLetterFit.ORIGINAL_SIZE)).isEqualTo(Integer.toString(NEAR_ONE_MB));
    assertThat(header(dead, DeadLetterFit.ORIGINAL_SHA256))
        .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(original)));
    assertThat(dead.value()).isEqualTo(Arrays.copyOf(original, dead.value().length));
    assertThat(
            AbstractRecords.estimateSizeInBytesUpperBound(
                RecordBatch.CURRENT_MAGIC_VALUE,
                CompressionType.NONE,
                dead.key(),
                dead.value(),
                dead.headers().toArray()))
        .isLessThanOrEqualTo(DeadLetterFit.DEFAULT_LIMIT);
  }

  @Test
  void shouldDeadLetterANearlyOneMegabyteAlertAndDeliverTheAlertBehindIt() throws Exception {
    byte[] huge =
        padded(AlertJson.toBytes(TestingAlerts.highValueCallback("PH-1001")), NEAR_ONE_MB);
    Alert next = TestingAlerts.standardOffer("PH-2002");
    EmbeddedKafka.produce(
        kafka.bootstrapServers(),
        alerts,
        List.of(
            new byte[][] {utf8("PH-1001"), huge},
            new byte[][] {utf8("PH-2002"), AlertJson.toBytes(next)}));

    try (AlertsService service = start()) {
      assertThat(service.awaitHandled(2, TIMEOUT)).isTrue();

      assertThat(webhook.requests())
          .extracting(WebhookReceiver.Request::body)
          .containsExactly(AlertJson.toJson(next));
      ConsumerRecord<byte[], byte[]> dead = theDeadLetter();
      assertThat(dead.key()).isEqualTo(utf8("PH-1001"));
      assertThat(header(dead, "lw.dlq.source")).isEqualTo(alerts + "/0/0");
      assertCutToFit(dead, huge);
      assertThat(service.isHealthy()).isTrue();
      assertThat(service.failure()).isEmpty();
    }

    // The offset behind the record was committed: a restart neither stops on it nor repeats it.
    try (AlertsService restarted = start()) {
      Alert later = TestingAlerts.standardOffer("PH-3003");
      EmbeddedKafka.produce(
          kafka.bootstrapServers(),
          alerts,
          List.<byte[][]>of(new byte[][] {utf8("PH-3003"), AlertJson.toBytes(later)}));
      assertThat(restarted.awaitHandled(1, TIMEOUT)).isTrue();
      assertThat(webhook.requests())
          .extracting(WebhookReceiver.Request::body)
          .containsExactly(AlertJson.toJson(next), AlertJson.toJson(later));
      assertThat(EmbeddedKafka.readAll(kafka.bootstrapServers(), deadLetters)).hasSize(1);
      assertThat(restarted.isHealthy()).isTrue();
    }
  }

  @Test
  void shouldDeadLetterANearlyOneMegabyteOutcomeAndCountTheOutcomeBehindIt() throws Exception {
    byte[] huge =
        padded(
            OutcomeJson.toBytes(
                TestingOutcomes.of("PH-1001", Tier.STANDARD, Arm.TREATED, OutcomeKind.LAPSED)),
            NEAR_ONE_MB);
    EmbeddedKafka.produce(
        kafka.bootstrapServers(),
        outcomes,
        List.of(
            new byte[][] {utf8("al-ph-1001"), huge},
            new byte[][] {
              utf8("al-ph-2002"),
              OutcomeJson.toBytes(
                  TestingOutcomes.of("PH-2002", Tier.STANDARD, Arm.TREATED, OutcomeKind.RECOVERED))
            }));

    try (AlertsService service = start()) {
      await(() -> service.outcomesRead() == 2);

      ConsumerRecord<byte[], byte[]> dead = theDeadLetter();
      assertThat(dead.key()).isEqualTo(utf8("al-ph-1001"));
      assertThat(header(dead, "lw.dlq.source")).isEqualTo(outcomes + "/0/0");
      assertCutToFit(dead, huge);
      assertThat(service.outcomeMetrics().rate(Tier.STANDARD, Arm.TREATED)).hasValue(1.0);
      assertThat(service.metrics().scrape())
          .contains("lapsewatch_outcomes_rejected_total{reason=\"too_large\"} 1.0");
      assertThat(service.isHealthy()).isTrue();

      // The alerts consumer is unaffected and still delivers.
      Alert alert = TestingAlerts.standardOffer("PH-4004");
      EmbeddedKafka.produce(
          kafka.bootstrapServers(),
          alerts,
          List.<byte[][]>of(new byte[][] {utf8("PH-4004"), AlertJson.toBytes(alert)}));
      assertThat(service.awaitHandled(1, TIMEOUT)).isTrue();
      assertThat(webhook.requests()).hasSize(1);
    }
  }
}
