package io.lapsewatch.retentiondesk;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.AlertJson;
import io.lapsewatch.embedded.EmbeddedKafka;
import io.lapsewatch.featurestore.events.EventCodec;
import io.lapsewatch.featurestore.events.PolicyEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads and writes the desk's topics in ITCases the way a read-committed consumer sees them. */
public final class TestingTopics {
  private TestingTopics() {}

  /** The case-link secret of the ITCases' desks. */
  public static final String LINK_SECRET = "itcase-link-secret-0123456789abcdef";

  /**
   * Settings of a desk on {@code bootstrap} and {@code redisUrl}, topics suffixed by {@code tag}.
   */
  public static Map<String, String> settings(
      String bootstrap, String redisUrl, String tag, String instance, String keyPrefix) {
    Map<String, String> m = new HashMap<>();
    m.put("kafka.bootstrap-servers", bootstrap);
    m.put("redis.url", redisUrl);
    m.put("alerts.topic", "alerts-" + tag);
    m.put("desk.case-events-topic", "case-events-" + tag);
    m.put("desk.policy-events-topic", "policy-events-" + tag);
    m.put("desk.group-id", "desk-" + tag);
    m.put("desk.instance-id", instance);
    m.put("desk.key-prefix", keyPrefix);
    m.put("desk.catch-up-timeout-ms", "60000");
    m.put("desk.expiry-interval-ms", "86400000");
    m.put("desk.link-secret", LINK_SECRET);
    return m;
  }

  /** Writes alerts keyed by policyholder, as the scoring job does. */
  public static void publish(String bootstrap, String topic, Alert... alerts) throws Exception {
    List<byte[][]> kv = new ArrayList<>();
    for (Alert a : alerts) {
      kv.add(
          new byte[][] {
            a.policyholderId.getBytes(StandardCharsets.UTF_8),
            a.erasure ? null : AlertJson.toBytes(a)
          });
    }
    EmbeddedKafka.produce(bootstrap, topic, kv);
  }

  /** The committed case events on {@code topic}, in partition order. */
  public static List<CaseEvent> caseEvents(String bootstrap, String topic) throws Exception {
    List<CaseEvent> out = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : readCommitted(bootstrap, topic)) {
      out.add(CaseEventJson.read(r.value()));
    }
    return out;
  }

  /** The committed policy events on {@code topic}. */
  static List<PolicyEvent> policyEvents(String bootstrap, String topic) throws Exception {
    List<PolicyEvent> out = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : readCommitted(bootstrap, topic)) {
      out.add(EventCodec.parse(r.value()));
    }
    return out;
  }

  /** Everything committed on {@code topic} now (aborted transactions' records left out). */
  static List<ConsumerRecord<byte[], byte[]>> readCommitted(String bootstrap, String topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> tps = new ArrayList<>();
      for (var info : c.partitionsFor(topic, Duration.ofSeconds(30))) {
        tps.add(new TopicPartition(topic, info.partition()));
      }
      c.assign(tps);
      c.seekToBeginning(tps);
      Map<TopicPartition, Long> end = c.endOffsets(tps, Duration.ofSeconds(30));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (tps.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("could not read " + topic + " to its end " + end);
        }
        c.poll(Duration.ofMillis(100)).forEach(out::add);
      }
    }
    return out;
  }
}
