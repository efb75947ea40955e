package io.lapsewatch.alerts.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.AlertJson;
import io.lapsewatch.alertcontract.TestingAlerts;
import io.lapsewatch.embedded.EmbeddedKafka;
import io.lapsewatch.embedded.EmbeddedRedis;
import io.lapsewatch.embedded.WebhookReceiver;
import io.lapsewatch.featurestore.store.RedisConnections;
import io.lapsewatch.featurestore.store.RedisSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

/**
 * Effectively-once notification end to end: a real Kafka broker, a real redis-server for the
 * notification log, a routing file sending every alert to a WeCom robot and a Slack channel (both
 * local HTTP receivers). The service is killed mid-stream (stops without committing) and restarted;
 * every alert must reach every target exactly once.
 */
class EffectivelyOnceITCase {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final Pattern ALERT_ID = Pattern.compile("al-ph-\\d+");

  private static EmbeddedKafka kafka;
  private static EmbeddedRedis redis;

  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    kafka = EmbeddedKafka.start();
    redis = EmbeddedRedis.start();
  }

  @AfterAll
  static void stop() throws Exception {
    redis.close();
    kafka.close();
  }

  private static void produce(String topic, List<Alert> alerts) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
      for (Alert a : alerts) {
        producer
            .send(
                new ProducerRecord<>(
                    topic, a.policyholderId.getBytes(StandardCharsets.UTF_8), AlertJson.toBytes(a)))
            .get();
      }
    }
  }

  /** How many messages each alert id appears in, on one receiver. */
  private static Map<String, Long> deliveriesPerAlert(WebhookReceiver receiver) {
    return receiver.requests().stream()
        .flatMap(
            r -> {
              Matcher m = ALERT_ID.matcher(r.body());
              return m.results().map(x -> x.group()).distinct();
            })
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
  }

  @Test
  void shouldDeliverEachAlertExactlyOncePerTargetAcrossAKillAndRestart() throws Exception {
    String topic = "retention-alerts-eo";
    kafka.createTopics(2, topic, topic + "-dlq");
    List<Alert> alerts =
        IntStream.range(0, 40)
            .mapToObj(i -> TestingAlerts.standardOffer("PH-" + (7000 + i)))
            .toList();
    produce(topic, alerts);

    try (WebhookReceiver wecom = WebhookReceiver.start();
        WebhookReceiver slack = WebhookReceiver.start()) {
      Path routes = dir.resolve("routes.yml");
      Files.writeString(
          routes,
          """
          version: 1
          defaults: {locale: en}
          receivers:
            team-wecom: {channel: wecom, url: "${env:TEST_WECOM_URL}", rate-limit: none}
            ops-slack: {channel: slack, url: "${env:TEST_SLACK_URL}", rate-limit: none}
          default: {receivers: [team-wecom, ops-slack]}
          """);
      Map<String, String> env =
          Map.of(
              "TEST_WECOM_URL", wecom.url("/cgi-bin/webhook/send?key=k1"),
              "TEST_SLACK_URL", slack.url("/services/T/B/x"));
      Map<String, String> settings = new HashMap<>();
      settings.put("kafka.bootstrap-servers", kafka.bootstrapServers());
      settings.put("alerts.topic", topic);
      settings.put("alerts.dead-letter-topic", topic + "-dlq");
      settings.put("alerts.group-id", "eo-group");
      settings.put("alerts.max-poll-records", "100");
      settings.put("console.enabled", "false");
      settings.put("metrics.port", "0");
      settings.put("routing.file", routes.toString());
      settings.put("redis.url", redis.url());
      settings.put("desk.enabled", "false");
      AlertsServiceConfig config = AlertsServiceConfig.from(settings, env);

      // The first service is killed as its WeCom robot receives the 15th message.
      AtomicReference<AlertsService> first = new AtomicReference<>();
      AtomicInteger wecomSeen = new AtomicInteger();
      wecom.onRequest(
          r -> {
            if (wecomSeen.incrementAndGet() == 15) {
              first.get().crash();
            }
          });
      first.set(AlertsService.start(config));
      first.get().awaitTermination();
      first.get().close();
      wecom.onRequest(r -> {});

      int wecomBeforeRestart = wecom.requests().size();
      int slackBeforeRestart = slack.requests().size();
      assertThat(wecomBeforeRestart).isEqualTo(15);
      assertThat(wecomBeforeRestart + slackBeforeRestart).isLessThan(80);

      try (AlertsService second = AlertsService.start(config)) {
        assertThat(second.awaitHandled(1, TIMEOUT)).isTrue();
        // Everything uncommitted is consumed again; wait until both receivers have all 40.
        Awaitility.await()
            .atMost(TIMEOUT)
            .pollInterval(Duration.ofMillis(50))
            .until(
                () ->
                    deliveriesPerAlert(wecom).size() >= 40
                        && deliveriesPerAlert(slack).size() >= 40);
        assertThat(second.awaitHandled(second.recordsHandled(), TIMEOUT)).isTrue();

        Map<String, Long> expected =
            alerts.stream().collect(Collectors.toMap(a -> a.alertId, a -> 1L));
        assertThat(deliveriesPerAlert(wecom)).isEqualTo(expected);
        assertThat(deliveriesPerAlert(slack)).isEqualTo(expected);
        assertThat(wecom.requests()).hasSize(40);
        assertThat(slack.requests()).hasSize(40);

        String metrics = second.metrics().scrape();
        assertThat(metrics)
            .containsPattern(
                "lapsewatch_notification_duplicates_suppressed_total\\{channel=\"wecom\"} [1-9]");
      }

      try (UnifiedJedis jedis = RedisConnections.open(RedisSettings.local(redis.port()))) {
        for (Alert a : alerts) {
          assertThat(jedis.get("lw:notif:v1:" + a.alertId + ":team-wecom")).startsWith("sent:");
          assertThat(jedis.get("lw:notif:v1:" + a.alertId + ":ops-slack")).startsWith("sent:");
        }
      }
    }
  }
}
