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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/**
 * Erasure end to end: a real Kafka broker and redis-server, the service delivering alerts for two
 * policyholders to a webhook and writing their actions; then the scoring job's tombstone for one of
 * them. Nothing of the erased policyholder may remain in the notification log, everything of the
 * other must; a replay of an erased alert is not sent again, a new alert after the tombstone is;
 * the tombstone is never dead-lettered.
 */
class ErasureITCase {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String PREFIX = "lw:notif:erasure:";
  private static final String ERASED = "PH-5001";
  private static final String KEPT = "PH-6001";

  private static EmbeddedKafka kafka;
  private static EmbeddedRedis redis;

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

  /** A policyholder's callback alert and a second alert (another trigger) for the same term. */
  private static List<Alert> alertsFor(String policyholderId) {
    Alert callback = TestingAlerts.highValueCallback(policyholderId);
    Alert offer = TestingAlerts.standardOffer(policyholderId);
    offer.alertId = offer.alertId + "-offer";
    return List.of(callback, offer);
  }

  private static byte[][] record(Alert a) throws Exception {
    return new byte[][] {a.policyholderId.getBytes(StandardCharsets.UTF_8), AlertJson.toBytes(a)};
  }

  private static byte[][] tombstone(String policyholderId) {
    return new byte[][] {policyholderId.getBytes(StandardCharsets.UTF_8), null};
  }

  private static List<String> delivered(WebhookReceiver hook) throws Exception {
    List<String> ids = new ArrayList<>();
    for (WebhookReceiver.Request r : hook.requests()) {
      ids.add(AlertJson.parse(r.body().getBytes(StandardCharsets.UTF_8)).alertId);
    }
    return ids;
  }

  private static Set<String> logValues(UnifiedJedis jedis, String alertId) {
    Set<String> values = new TreeSet<>();
    for (String k : jedis.keys(PREFIX + alertId + ":*")) {
      values.add(jedis.get(k).startsWith("sent:") ? "sent" : jedis.get(k));
    }
    return values;
  }

  @Test
  void shouldForgetTheErasedPolicyholderAndKeepTheOther() throws Exception {
    String topic = "retention-alerts-erasure";
    String dlq = topic + "-dlq";
    String actions = "retention-actions-erasure";
    // One partition: the record order below is the order the service sees.
    kafka.createTopics(1, topic);
    kafka.createTopics(2, dlq, actions);
    List<Alert> erased = alertsFor(ERASED);
    List<Alert> kept = alertsFor(KEPT);
    List<byte[][]> first = new ArrayList<>();
    for (Alert a : List.of(erased.get(0), kept.get(0), erased.get(1), kept.get(1))) {
      first.add(record(a));
    }
    EmbeddedKafka.produce(kafka.bootstrapServers(), topic, first);

    try (WebhookReceiver hook = WebhookReceiver.start();
        UnifiedJedis jedis = RedisConnections.open(RedisSettings.local(redis.port()))) {
      Map<String, String> settings = new HashMap<>();
      settings.put("kafka.bootstrap-servers", kafka.bootstrapServers());
      settings.put("alerts.topic", topic);
      settings.put("alerts.dead-letter-topic", dlq);
      settings.put("alerts.group-id", "erasure-group");
      settings.put("console.enabled", "false");
      settings.put("webhook.url", hook.url("/hooks/retention"));
      settings.put("metrics.port", "0");
      settings.put("redis.url", redis.url());
      settings.put("notification-log.key-prefix", PREFIX);
      settings.put("actions.enabled", "true");
      settings.put("actions.topic", actions);
      // The desk erases its own cases from the same tombstone (retention-desk's ITCase).
      settings.put("desk.enabled", "false");

      try (AlertsService service = AlertsService.start(AlertsServiceConfig.from(settings))) {
        assertThat(service.awaitHandled(4, TIMEOUT)).isTrue();
        assertThat(jedis.exists(PREFIX + "policyholder:" + ERASED)).isTrue();

        EmbeddedKafka.produce(
            kafka.bootstrapServers(), topic, List.<byte[][]>of(tombstone(ERASED)));
        assertThat(service.awaitHandled(5, TIMEOUT)).isTrue();

        // Nothing of the erased policyholder: no index, only erased markers.
        assertThat(jedis.keys("*" + ERASED + "*")).isEmpty();
        for (Alert a : erased) {
          assertThat(logValues(jedis, a.alertId)).containsExactly("erased");
        }
        // Everything of the other one.
        Set<String> indexed = new TreeSet<>();
        for (String m : jedis.smembers(PREFIX + "policyholder:" + KEPT)) {
          indexed.add(m.substring(0, m.indexOf('\u0000')));
        }
        assertThat(indexed).containsExactlyInAnyOrder(kept.get(0).alertId, kept.get(1).alertId);
        for (Alert a : kept) {
          assertThat(logValues(jedis, a.alertId)).containsExactly("sent");
        }
        // The sample alert (the demo's example message) was the erased one's: gone, not replaced.
        assertThat(service.sampleAlert()).isEmpty();
        assertThat(service.metrics().scrape())
            .contains("lapsewatch_policyholder_erasures_total 1.0")
            .contains("lapsewatch_erased_alerts_total 2.0")
            .doesNotContain(ERASED);

        // The scoring job replays an erased alert (at-least-once), then raises a new one.
        Alert fresh = TestingAlerts.standardOffer(ERASED);
        fresh.alertId = "al-ph-5001-after-erasure";
        EmbeddedKafka.produce(
            kafka.bootstrapServers(), topic, List.of(record(erased.get(1)), record(fresh)));
        assertThat(service.awaitHandled(7, TIMEOUT)).isTrue();
      }

      List<String> ids = delivered(hook);
      List<String> expected = new ArrayList<>();
      for (Alert a : List.of(erased.get(0), kept.get(0), erased.get(1), kept.get(1))) {
        expected.add(a.alertId);
      }
      expected.add("al-ph-5001-after-erasure");
      assertThat(ids).containsExactlyInAnyOrderElementsOf(expected);
    }

    // The tombstone is an erasure, not a bad record.
    assertThat(EmbeddedKafka.readAll(kafka.bootstrapServers(), dlq)).isEmpty();
    // The erased alerts' actions got tombstones; the other policyholder's actions stay.
    List<String> actionTombstones = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r :
        EmbeddedKafka.readAll(kafka.bootstrapServers(), actions)) {
      if (r.value() == null) {
        actionTombstones.add(new String(r.key(), StandardCharsets.UTF_8));
      }
    }
    assertThat(actionTombstones)
        .containsExactlyInAnyOrder(erased.get(0).alertId, erased.get(1).alertId);
  }
}
