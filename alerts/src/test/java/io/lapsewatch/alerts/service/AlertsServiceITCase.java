package io.lapsewatch.alerts.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.AlertJson;
import io.lapsewatch.alertcontract.TestingAlerts;
import io.lapsewatch.embedded.EmbeddedKafka;
import io.lapsewatch.embedded.WebhookReceiver;
import io.lapsewatch.embedded.WebhookReceiver.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The service against a real in-process Kafka broker and a real HTTP webhook. */
class AlertsServiceITCase {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final AtomicInteger RUN = new AtomicInteger();

  private static EmbeddedKafka kafka;

  private final HttpClient http = HttpClient.newHttpClient();
  private WebhookReceiver webhook;
  private String topic;
  private String deadLetterTopic;
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
    // Each test gets its own topics and group, so no test sees another's records or offsets.
    int run = RUN.incrementAndGet();
    topic = "retention-alerts-" + run;
    deadLetterTopic = "retention-alerts-dlq-" + run;
    groupId = "lapsewatch-alerts-" + run;
    kafka.createTopics(2, topic, deadLetterTopic);
    webhook = WebhookReceiver.start();
  }

  @AfterEach
  void stopWebhook() {
    webhook.close();
  }

  private AlertsServiceConfig config() {
    Map<String, String> m = new HashMap<>();
    m.put("kafka.bootstrap-servers", kafka.bootstrapServers());
    m.put("alerts.topic", topic);
    m.put("alerts.dead-letter-topic", deadLetterTopic);
    m.put("alerts.group-id", groupId);
    m.put("webhook.url", webhook.url("/hooks/retention"));
    m.put("webhook.max-attempts", "4");
    m.put("webhook.initial-backoff-ms", "20");
    m.put("webhook.max-backoff-ms", "200");
    m.put("console.enabled", "false");
    m.put("metrics.port", "0");
    return AlertsServiceConfig.from(m);
  }

  private void produce(List<byte[]> keys, List<byte[]> values) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
      for (int i = 0; i < values.size(); i++) {
        producer.send(new ProducerRecord<>(topic, keys.get(i), values.get(i))).get();
      }
    }
  }

  private void produceAlerts(Alert... alerts) throws Exception {
    List<byte[]> keys = new ArrayList<>();
    List<byte[]> values = new ArrayList<>();
    for (Alert a : alerts) {
      keys.add(a.policyholderId.getBytes(StandardCharsets.UTF_8));
      values.add(AlertJson.toBytes(a));
    }
    produce(keys, values);
  }

  /** Reads the dead-letter topic from the start until {@code count} records or the deadline. */
  private List<ConsumerRecord<byte[], byte[]>> readDeadLetters(int count) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId + "-dlq-reader");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
      consumer.subscribe(List.of(deadLetterTopic));
      while (out.size() < count && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The value of the one sample line of {@code metric} carrying all {@code labels}. */
  private static double sample(String metricsText, String metric, String... labels) {
    List<String> lines =
        metricsText
            .lines()
            .filter(l -> l.startsWith(metric + "{"))
            .filter(l -> List.of(labels).stream().allMatch(l::contains))
            .toList();
    assertThat(lines).as("%s with %s", metric, List.of(labels)).hasSize(1);
    String line = lines.get(0);
    return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
  }

  @Test
  void shouldDeliverAlertsDeadLetterGarbageAndExposeMetrics() throws Exception {
    Alert callback = TestingAlerts.highValueCallback("PH-1001");
    Alert offer1 = TestingAlerts.standardOffer("PH-2002");
    Alert offer2 = TestingAlerts.standardOffer("PH-3003");
    byte[] garbage = "{not an alert at all".getBytes(StandardCharsets.UTF_8);
    List<Alert> alerts = List.of(callback, offer1, offer2);

    try (AlertsService service = AlertsService.start(config())) {
      produceAlerts(callback, offer1, offer2);
      produce(List.of("PH-9009".getBytes(StandardCharsets.UTF_8)), List.of(garbage));

      assertThat(service.awaitHandled(4, TIMEOUT)).isTrue();

      // Each alert reaches the webhook exactly once, byte for byte as the contract writes it.
      assertThat(webhook.requests())
          .extracting(WebhookReceiver.Request::body)
          .containsExactlyInAnyOrderElementsOf(alerts.stream().map(AlertJson::toJson).toList());
      assertThat(webhook.requests())
          .allSatisfy(r -> assertThat(r.path()).isEqualTo("/hooks/retention"))
          .allSatisfy(r -> assertThat(r.header("Content-Type")).hasValue("application/json"));

      List<ConsumerRecord<byte[], byte[]>> dead = readDeadLetters(1);
      assertThat(dead).hasSize(1);
      assertThat(dead.get(0).value()).isEqualTo(garbage);
      assertThat(header(dead.get(0), DeadLetterSink.REASON_HEADER)).isEqualTo("malformed_json");
      assertThat(header(dead.get(0), DeadLetterSink.SOURCE_HEADER)).startsWith(topic + "/");

      assertThat(service.alertsReceived()).isEqualTo(3);
      assertThat(service.countsByTierAndAction())
          .containsOnly(
              Map.entry("HIGH_VALUE/AGENT_CALLBACK", 1L), Map.entry("STANDARD/RENEWAL_OFFER", 2L));
      assertThat(service.sampleAlert()).hasValue(callback);

      assertThat(service.metricsAddress()).matches("http://127\\.0\\.0\\.1:\\d+/metrics");
      HttpResponse<String> scrape = get(service.metricsAddress());
      assertThat(scrape.statusCode()).isEqualTo(200);
      String metrics = scrape.body();
      assertThat(
              sample(
                  metrics,
                  "lapsewatch_alerts_received_total",
                  "tier=\"HIGH_VALUE\"",
                  "action=\"AGENT_CALLBACK\"",
                  "arm=\"TREATED\""))
          .isEqualTo(1.0);
      assertThat(
              sample(
                  metrics,
                  "lapsewatch_alerts_received_total",
                  "tier=\"STANDARD\"",
                  "action=\"RENEWAL_OFFER\"",
                  "arm=\"TREATED\""))
          .isEqualTo(2.0);
      assertThat(
              sample(
                  metrics,
                  "lapsewatch_deliveries_total",
                  "channel=\"webhook\"",
                  "status=\"delivered\""))
          .isEqualTo(3.0);
      assertThat(sample(metrics, "lapsewatch_alerts_rejected_total", "reason=\"malformed_json\""))
          .isEqualTo(1.0);
      assertThat(metrics)
          .contains("lapsewatch_delivery_latency_seconds_count{channel=\"webhook\"} 3");
      for (String id : List.of("PH-1001", "PH-2002", "PH-3003", "PH-9009")) {
        assertThat(metrics).doesNotContain(id);
      }

      HttpResponse<String> health = get(service.healthAddress());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).isEqualTo("OK");
    }
  }

  @Test
  void shouldRetryAFlakyWebhookAndDeliverOnce() throws Exception {
    webhook.respondWith(Response.status(500), Response.status(500));
    Alert alert = TestingAlerts.highValueCallback("PH-4004");

    try (AlertsService service = AlertsService.start(config())) {
      produceAlerts(alert);

      assertThat(service.awaitHandled(1, TIMEOUT)).isTrue();

      // Two failed attempts and one success, all carrying the same alert and idempotency key.
      assertThat(webhook.requests()).hasSize(3);
      assertThat(webhook.requests())
          .allSatisfy(r -> assertThat(r.body()).isEqualTo(AlertJson.toJson(alert)))
          .allSatisfy(r -> assertThat(r.header("Idempotency-Key")).hasValue(alert.alertId));
      String metrics = get(service.metricsAddress()).body();
      assertThat(
              sample(
                  metrics,
                  "lapsewatch_deliveries_total",
                  "channel=\"webhook\"",
                  "status=\"delivered\""))
          .isEqualTo(1.0);
      assertThat(
              sample(
                  metrics,
                  "lapsewatch_deliveries_total",
                  "channel=\"webhook\"",
                  "status=\"failed\""))
          .isEqualTo(0.0);
      assertThat(sample(metrics, "lapsewatch_delivery_retries_total", "channel=\"webhook\""))
          .isEqualTo(2.0);
      assertThat(deadLetterCount()).isZero();
    }
  }

  @Test
  void shouldDeadLetterAnAlertTheWebhookRefuses() throws Exception {
    webhook.respondWith(Response.status(410));
    Alert alert = TestingAlerts.standardOffer("PH-5005");

    try (AlertsService service = AlertsService.start(config())) {
      produceAlerts(alert);

      assertThat(service.awaitHandled(1, TIMEOUT)).isTrue();

      List<ConsumerRecord<byte[], byte[]>> dead = readDeadLetters(1);
      assertThat(dead).hasSize(1);
      assertThat(dead.get(0).value()).isEqualTo(AlertJson.toBytes(alert));
      assertThat(header(dead.get(0), DeadLetterSink.REASON_HEADER)).isEqualTo("delivery_failed");
      assertThat(header(dead.get(0), DeadLetterSink.CHANNEL_HEADER)).isEqualTo("webhook");
      assertThat(header(dead.get(0), DeadLetterSink.DETAIL_HEADER))
          .contains("HTTP 410")
          .doesNotContain("/hooks/retention");
      assertThat(webhook.requests()).hasSize(1);
      assertThat(service.isHealthy()).isTrue();
    }
  }

  @Test
  void shouldResumeAfterTheLastCommittedBatchOnRestart() throws Exception {
    Alert first = TestingAlerts.standardOffer("PH-6006");
    Alert second = TestingAlerts.highValueCallback("PH-7007");

    try (AlertsService service = AlertsService.start(config())) {
      produceAlerts(first);
      assertThat(service.awaitHandled(1, TIMEOUT)).isTrue();
    }
    produceAlerts(second);
    try (AlertsService restarted = AlertsService.start(config())) {
      assertThat(restarted.awaitHandled(1, TIMEOUT)).isTrue();
      assertThat(restarted.alertsReceived()).isEqualTo(1);
    }

    // The committed alert is not delivered again; the one produced while down is not lost.
    assertThat(webhook.requests())
        .extracting(WebhookReceiver.Request::body)
        .containsExactly(AlertJson.toJson(first), AlertJson.toJson(second));
  }

  /** Records on the dead-letter topic, from its end offsets: exact, with no waiting. */
  private long deadLetterCount() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(deadLetterTopic).stream()
              .map(i -> new TopicPartition(i.topic(), i.partition()))
              .toList();
      return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
    }
  }
}
