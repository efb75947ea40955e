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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service with a routing file against a real broker: routes by tier, reloads the file when it
 * changes (keeping the old rules when the new file is bad), folds rate-limit overflow into a
 * digest, and turns outcomes into recovery-rate metrics on /metrics.
 */
class RoutedServiceITCase {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final AtomicInteger RUN = new AtomicInteger();

  private static EmbeddedKafka kafka;

  @TempDir Path dir;

  @BeforeAll
  static void startKafka() throws Exception {
    kafka = EmbeddedKafka.start();
  }

  @AfterAll
  static void stopKafka() throws Exception {
    kafka.close();
  }

  private static void produce(String topic, List<byte[]> values) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
      for (byte[] v : values) {
        producer.send(new ProducerRecord<>(topic, "k".getBytes(StandardCharsets.UTF_8), v)).get();
      }
    }
  }

  private static void produceAlerts(String topic, Alert... alerts) throws Exception {
    produce(topic, List.of(alerts).stream().map(AlertJson::toBytes).toList());
  }

  private Map<String, String> settings(String topic, Path routes) throws Exception {
    kafka.createTopics(2, topic, topic + "-dlq");
    Map<String, String> m = new HashMap<>();
    m.put("kafka.bootstrap-servers", kafka.bootstrapServers());
    m.put("alerts.topic", topic);
    m.put("alerts.dead-letter-topic", topic + "-dlq");
    m.put("alerts.group-id", topic + "-group");
    m.put("console.enabled", "false");
    m.put("metrics.port", "0");
    m.put("routing.file", routes.toString());
    m.put("routing.reload-interval-ms", "100");
    return m;
  }

  private static void await(Callable<Boolean> condition) {
    Awaitility.await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(20)).until(condition);
  }

  private static long mtime = 1_700_000_000_000L;

  /**
   * Writes the routing file as an operator's tooling should: to a temporary file in the same
   * directory, moved into place, so the watcher never sees it half written.
   */
  private static void write(Path file, String yaml) throws Exception {
    Path temp = Files.createTempFile(file.getParent(), ".routes-", ".tmp");
    Files.writeString(temp, yaml);
    // Some file systems keep seconds only; a test must not depend on how fast it writes.
    mtime += 10_000;
    Files.setLastModifiedTime(temp, FileTime.fromMillis(mtime));
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static String scrape(AlertsService s) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(s.metricsAddress())).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  @Test
  void shouldRouteByTierAndPickUpAChangedRoutingFile() throws Exception {
    String topic = "routed-" + RUN.incrementAndGet();
    try (WebhookReceiver hv = WebhookReceiver.start();
        WebhookReceiver std = WebhookReceiver.start()) {
      Path routes = dir.resolve("routes.yml");
      String v1 =
          """
          version: 1
          defaults: {locale: en}
          receivers:
            hv-slack: {channel: slack, url: "%s", rate-limit: none}
            std-teams: {channel: teams, url: "%s", rate-limit: none}
          routes:
            - match: {tier: HIGH_VALUE}
              receivers: [hv-slack]
          default: {receivers: [std-teams]}
          """
              .formatted(hv.url("/hv"), std.url("/std"));
      write(routes, v1);
      try (AlertsService service =
          AlertsService.start(AlertsServiceConfig.from(settings(topic, routes)))) {
        produceAlerts(
            topic, TestingAlerts.highValueCallback("PH-1"), TestingAlerts.standardOffer("PH-2"));
        assertThat(service.awaitHandled(2, TIMEOUT)).isTrue();
        assertThat(hv.requests()).hasSize(1);
        assertThat(hv.requests().get(0).body()).contains("POL-1");
        assertThat(std.requests()).hasSize(1);
        assertThat(std.requests().get(0).body()).contains("AdaptiveCard").contains("POL-2");

        // A bad edit: the rules in force stay, the metric says the file on disk is not in force.
        write(routes, v1.replace("[std-teams]}", "[no-such-receiver]}"));
        await(() -> service.metrics().scrape().contains("lapsewatch_routing_rules_valid 0.0"));
        produceAlerts(topic, TestingAlerts.standardOffer("PH-3"));
        assertThat(service.awaitHandled(3, TIMEOUT)).isTrue();
        assertThat(std.requests()).hasSize(2);

        // A good edit: everything to the high-value channel now.
        write(
            routes,
            v1.replace("default: {receivers: [std-teams]}", "default: {receivers: [hv-slack]}"));
        await(() -> service.metrics().scrape().contains("lapsewatch_routing_rules_valid 1.0"));
        produceAlerts(topic, TestingAlerts.standardOffer("PH-4"));
        assertThat(service.awaitHandled(4, TIMEOUT)).isTrue();
        assertThat(hv.requests()).hasSize(2);
        assertThat(hv.requests().get(1).body()).contains("POL-4");
        assertThat(std.requests()).hasSize(2);
        String metrics = scrape(service);
        assertThat(metrics)
            .contains("lapsewatch_routing_reloads_total{result=\"failure\"} 1.0")
            .contains("lapsewatch_routing_reloads_total{result=\"success\"} 1.0")
            .contains("lapsewatch_deliveries_total{channel=\"slack\",status=\"delivered\"} 2.0")
            .contains("lapsewatch_deliveries_total{channel=\"teams\",status=\"delivered\"} 2.0");
      }
    }
  }

  @Test
  void shouldFoldOverflowIntoADigestAtTheChannelsRateLimit() throws Exception {
    String topic = "digest-" + RUN.incrementAndGet();
    try (WebhookReceiver wecom = WebhookReceiver.start()) {
      Path routes = dir.resolve("routes.yml");
      write(
          routes,
          """
          version: 1
          defaults: {locale: zh-CN}
          receivers:
            team-wecom: {channel: wecom, url: "%s", rate-limit: 3/1h}
          default: {receivers: [team-wecom]}
          """
              .formatted(wecom.url("/cgi-bin/webhook/send?key=k")));
      Alert[] alerts = new Alert[12];
      for (int i = 0; i < alerts.length; i++) {
        alerts[i] = TestingAlerts.standardOffer("PH-" + (500 + i));
      }
      // All twelve before the service starts: they arrive in one or two poll batches.
      produceAlerts(topic, alerts);
      Map<String, String> s = settings(topic, routes);
      s.put("alerts.max-poll-records", "100");

      try (AlertsService service = AlertsService.start(AlertsServiceConfig.from(s))) {
        assertThat(service.awaitHandled(12, TIMEOUT)).isTrue();

        // Three messages at most in the hour, and all twelve alerts in them, once each.
        assertThat(wecom.requests()).hasSizeLessThanOrEqualTo(3);
        String all = String.join("\n", wecom.requests().stream().map(r -> r.body()).toList());
        for (Alert a : alerts) {
          long times =
              java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(a.policyId) + "(?!\\d)")
                  .matcher(all)
                  .results()
                  .count();
          assertThat(times).as(a.policyId).isEqualTo(1);
        }
        assertThat(all).contains("续保预警汇总");
        String metrics = scrape(service);
        assertThat(metrics)
            .contains("lapsewatch_deliveries_total{channel=\"wecom\",status=\"delivered\"} 12.0")
            .containsPattern("lapsewatch_alerts_digested_total\\{channel=\"wecom\"} (9|10|11)\\.0");
      }
    }
  }

  @Test
  void shouldTurnOutcomesIntoRecoveryRatesOnMetrics() throws Exception {
    String topic = "outcomes-alerts-" + RUN.incrementAndGet();
    String outcomes = "retention-outcomes-" + RUN.get();
    kafka.createTopics(2, outcomes);
    Path routes = dir.resolve("routes.yml");
    write(routes, "version: 1\nreceivers: {c: {channel: console}}\ndefault: {receivers: [c]}\n");
    produce(
        outcomes,
        List.of(
            OutcomeJson.toBytes(
                TestingOutcomes.of("PH-1", Tier.STANDARD, Arm.TREATED, OutcomeKind.RECOVERED)),
            OutcomeJson.toBytes(
                TestingOutcomes.of("PH-2", Tier.STANDARD, Arm.TREATED, OutcomeKind.RECOVERED)),
            OutcomeJson.toBytes(
                TestingOutcomes.of("PH-3", Tier.STANDARD, Arm.TREATED, OutcomeKind.LAPSED)),
            OutcomeJson.toBytes(
                TestingOutcomes.of("PH-4", Tier.STANDARD, Arm.HOLDOUT, OutcomeKind.LAPSED)),
            OutcomeJson.toBytes(
                TestingOutcomes.of("PH-4", Tier.STANDARD, Arm.HOLDOUT, OutcomeKind.LAPSED)),
            "not json".getBytes(StandardCharsets.UTF_8)));
    Map<String, String> s = settings(topic, routes);
    s.put("outcomes.enabled", "true");
    s.put("outcomes.topic", outcomes);

    try (AlertsService service = AlertsService.start(AlertsServiceConfig.from(s))) {
      await(() -> service.outcomesRead() == 6);

      String metrics = scrape(service);
      assertThat(metrics)
          .contains(
              "lapsewatch_recovery_rate{arm=\"TREATED\",tier=\"STANDARD\"} 0.6666666666666666")
          .contains("lapsewatch_recovery_rate{arm=\"HOLDOUT\",tier=\"STANDARD\"} 0.0")
          .contains("lapsewatch_recovery_uplift{tier=\"ALL\"} 0.6666666666666666")
          .contains(
              "lapsewatch_outcomes_total{arm=\"HOLDOUT\",outcome=\"LAPSED\",tier=\"STANDARD\"} 1.0")
          .contains("lapsewatch_outcomes_rejected_total{reason=\"malformed_json\"} 1.0")
          .doesNotContain("PH-");
    }
  }

  @Test
  void shouldWriteOneActionPerTreatedAlert() throws Exception {
    String topic = "actions-alerts-" + RUN.incrementAndGet();
    String actions = "retention-actions-" + RUN.get();
    kafka.createTopics(1, actions);
    Path routes = dir.resolve("routes.yml");
    write(routes, "version: 1\nreceivers: {c: {channel: console}}\ndefault: {receivers: [c]}\n");
    Map<String, String> s = settings(topic, routes);
    s.put("actions.enabled", "true");
    s.put("actions.topic", actions);
    Alert callback = TestingAlerts.highValueCallback("PH-61");
    Alert offer = TestingAlerts.standardOffer("PH-62");

    try (AlertsService service = AlertsService.start(AlertsServiceConfig.from(s))) {
      produceAlerts(topic, callback, offer, TestingAlerts.holdoutOffer("PH-63"), callback);
      assertThat(service.awaitHandled(4, TIMEOUT)).isTrue();

      Map<String, String> written = readAll(actions, 2);
      assertThat(written).containsOnlyKeys(callback.alertId, offer.alertId);
      assertThat(written.get(callback.alertId))
          .contains("\"type\":\"CALLBACK_TASK\"")
          .contains("\"priority\":\"HIGH\"")
          .contains("\"agentId\":\"AG-17\"")
          .contains("\"deadline\":\"2026-06-12\"");
      assertThat(written.get(offer.alertId)).contains("\"type\":\"RENEWAL_OFFER\"");
      assertThat(scrape(service))
          .contains("lapsewatch_deliveries_total{channel=\"actions\",status=\"delivered\"} 2.0")
          .contains("lapsewatch_notification_duplicates_suppressed_total{channel=\"actions\"} 1.0");
    }
  }

  /** Reads a topic from the start until {@code count} distinct keys or the deadline. */
  private static Map<String, String> readAll(String topic, int count) {
    Properties p = new Properties();
    p.put(
        org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
        kafka.bootstrapServers());
    p.put(org.apache.kafka.clients.consumer.ConsumerConfig.GROUP_ID_CONFIG, topic + "-reader");
    p.put(org.apache.kafka.clients.consumer.ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(
        org.apache.kafka.clients.consumer.ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
        org.apache.kafka.common.serialization.StringDeserializer.class.getName());
    p.put(
        org.apache.kafka.clients.consumer.ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
        org.apache.kafka.common.serialization.StringDeserializer.class.getName());
    Map<String, String> out = new HashMap<>();
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, String>(p)) {
      consumer.subscribe(List.of(topic));
      while (out.size() < count && System.nanoTime() < deadline) {
        consumer
            .poll(Duration.ofMillis(200))
            .forEach(r -> out.merge(r.key(), r.value(), (a, b) -> a + "\n" + b));
      }
    }
    return out;
  }
}
