package io.lapsewatch.flinkjobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.AlertJson;
import io.lapsewatch.alertcontract.Outcome;
import io.lapsewatch.alertcontract.OutcomeJson;
import io.lapsewatch.embedded.EmbeddedKafka;
import io.lapsewatch.featurestore.events.EventCodec;
import io.lapsewatch.featurestore.events.Events;
import io.lapsewatch.featurestore.events.PolicyEvent;
import io.lapsewatch.featurestore.simulator.SimulationConfig;
import io.lapsewatch.featurestore.simulator.Simulator;
import io.lapsewatch.featurestore.store.RedisFeatureStore;
import io.lapsewatch.featurestore.store.RedisSettings;
import io.lapsewatch.featurestore.store.StoredFeatures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

/**
 * The job against a hostile producer and a careless operator: a far-future event and an erasure
 * request in the middle of a replay change nothing for anyone else, and the erased policyholder is
 * gone from Redis, from what the job emits after the request, and from its state.
 */
class HostileInputITCase {
  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .setConfiguration(ScoringJob.baseConfiguration())
              .build());

  @TempDir static Path dir;
  static TestingStack stack;
  static List<PolicyEvent> history;
  static String erased;
  static String timeTraveller;

  @BeforeAll
  static void start() throws Exception {
    stack = TestingStack.start(dir, List.of(), 2000, 5);
    history = new ArrayList<>();
    new Simulator(SimulationConfig.of(300, 150, 21)).run(history::add);
    // Two policyholders with events on both sides of the middle of the replay.
    Map<String, int[]> sides = new TreeMap<>();
    int middle = history.size() / 2;
    for (int i = 0; i < history.size(); i++) {
      sides.computeIfAbsent(history.get(i).policyholderId, k -> new int[2])[i < middle ? 0 : 1]++;
    }
    List<String> both = new ArrayList<>();
    sides.forEach(
        (holder, n) -> {
          if (n[0] > 3 && n[1] > 3) {
            both.add(holder);
          }
        });
    erased = both.get(0);
    timeTraveller = both.get(1);
  }

  @AfterAll
  static void stop() throws Exception {
    stack.close();
  }

  @Test
  void aFarFutureEventAndAnErasureMidStreamChangeNothingForAnyoneElse() throws Exception {
    Run plain = replay("plain", history);

    List<PolicyEvent> hostile = new ArrayList<>();
    int middle = history.size() / 2;
    for (int i = 0; i < history.size(); i++) {
      PolicyEvent e = history.get(i);
      if (i == middle) {
        // A producer whose clock is sixteen months ahead, and the operator's erasure request,
        // stamped with today's wall clock as `features erase` does, in a replay of old history.
        hostile.add(
            Events.session(
                "far-future",
                timeTraveller,
                Instant.ofEpochMilli(e.occurredAt).plusSeconds(480L * 86_400),
                "APP",
                "HOME"));
        hostile.add(Events.erased("erase-" + erased, erased, Instant.now()));
      }
      if (i >= middle && e.policyholderId.equals(erased)) {
        continue; // nothing arrives for an erased policyholder
      }
      hostile.add(e);
    }
    Run attacked = replay("hostile", hostile);

    Set<String> others = new LinkedHashSet<>();
    history.forEach(e -> others.add(e.policyholderId));
    others.remove(erased);
    others.remove(timeTraveller);
    assertThat(plain.alerts).isNotEmpty();
    assertThat(without(attacked.alerts, erased, timeTraveller))
        .isEqualTo(without(plain.alerts, erased, timeTraveller));
    assertThat(without(attacked.outcomes, erased, timeTraveller))
        .isEqualTo(without(plain.outcomes, erased, timeTraveller));
    for (String holder : others) {
      assertThat(attacked.features.get(holder))
          .as("features of %s", holder)
          .isEqualTo(plain.features.get(holder));
    }
    assertThat(attacked.deadLetters).isEqualTo(plain.deadLetters).isZero();

    // The erased policyholder: no features, and nothing after the tombstone on the alerts topic.
    assertThat(attacked.features.get(erased)).isEmpty();
    assertThat(plain.features.get(erased)).isPresent();
    List<ConsumerRecord<byte[], byte[]>> alertRecords =
        EmbeddedKafka.readAll(stack.kafka().bootstrapServers(), "hostile-alerts");
    int tombstone = -1;
    for (int i = 0; i < alertRecords.size(); i++) {
      ConsumerRecord<byte[], byte[]> r = alertRecords.get(i);
      if (new String(r.key(), StandardCharsets.UTF_8).equals(erased)) {
        if (r.value() == null) {
          tombstone = i;
        } else {
          assertThat(tombstone).as("an alert for %s after its tombstone", erased).isEqualTo(-1);
        }
      }
    }
    assertThat(tombstone).as("tombstone for %s on the alerts topic", erased).isNotNegative();
    assertThat(attacked.outcomes.values())
        .noneMatch(o -> o.policyholderId.equals(erased) && o.resolvedAt > midTime());
  }

  @Test
  void theErasedPolicyholderIsAbsentFromTheNextCheckpoint() throws Exception {
    String[] topics = {"ckpt-events", "ckpt-dlq", "ckpt-alerts", "ckpt-outcomes"};
    stack.kafka().createTopics(2, topics);
    produce("ckpt-events", history);
    Path checkpoints = dir.resolve("checkpoints");
    Map<String, String> config = settings("ckpt");
    config.put("events.bounded", "false");
    config.put("checkpoint.interval-ms", "500");
    config.put("checkpoint.dir", checkpoints.toUri().toString());
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(ScoringJob.baseConfiguration());
    var job = ScoringJob.fromSettings(JobSettings.of(config)).executeAsync(env);
    try {
      await("features of " + erased + " stored").until(() -> stored(erased).isPresent());
      await("a checkpoint holding " + erased).until(() -> containsId(checkpoints, erased));

      produce("ckpt-events", List.of(Events.erased("erase-ckpt", erased, Instant.now())));
      await("features of " + erased + " deleted").until(() -> stored(erased).isEmpty());
      await("a newer checkpoint without " + erased).until(() -> !containsId(checkpoints, erased));
    } finally {
      job.cancel().get();
    }
  }

  private static org.awaitility.core.ConditionFactory await(String what) {
    return org.awaitility.Awaitility.await(what)
        .atMost(java.time.Duration.ofMinutes(2))
        .pollInterval(java.time.Duration.ofMillis(200));
  }

  /** What one replay left behind. */
  record Run(
      Map<String, Alert> alerts,
      Map<String, Outcome> outcomes,
      Map<String, Optional<StoredFeatures>> features,
      int deadLetters) {}

  private Run replay(String name, List<PolicyEvent> events) throws Exception {
    String bootstrap = stack.kafka().bootstrapServers();
    stack
        .kafka()
        .createTopics(2, name + "-events", name + "-dlq", name + "-alerts", name + "-outcomes");
    try (UnifiedJedis jedis =
        io.lapsewatch.featurestore.store.RedisConnections.open(
            RedisSettings.parse(stack.redis().url(), null, false))) {
      jedis.flushAll();
    }
    produce(name + "-events", events);
    Map<String, String> config = settings(name);
    config.put("events.bounded", "true");
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(ScoringJob.baseConfiguration());
    ScoringJob.fromSettings(JobSettings.of(config)).execute(env);

    Map<String, Alert> alerts = new TreeMap<>();
    for (ConsumerRecord<byte[], byte[]> r : EmbeddedKafka.readAll(bootstrap, name + "-alerts")) {
      if (r.value() != null) {
        Alert a = AlertJson.parse(r.value());
        alerts.put(a.alertId, a);
      }
    }
    Map<String, Outcome> outcomes = new TreeMap<>();
    for (ConsumerRecord<byte[], byte[]> r : EmbeddedKafka.readAll(bootstrap, name + "-outcomes")) {
      Outcome o = OutcomeJson.parse(r.value());
      outcomes.put(o.alertId + "|" + o.outcome, o);
    }
    Map<String, Optional<StoredFeatures>> features = new HashMap<>();
    for (PolicyEvent e : history) {
      features.computeIfAbsent(e.policyholderId, HostileInputITCase::stored);
    }
    int dead = EmbeddedKafka.readAll(bootstrap, name + "-dlq").size();
    return new Run(alerts, outcomes, features, dead);
  }

  private static Map<String, String> settings(String name) {
    Map<String, String> config = new HashMap<>();
    config.put("kafka.bootstrap-servers", stack.kafka().bootstrapServers());
    config.put("kafka.group-id", name);
    config.put("redis.url", stack.redis().url());
    config.put("model.registry", stack.registry().toString());
    config.put("events.topic", name + "-events");
    config.put("events.dlq-topic", name + "-dlq");
    config.put("alerts.topic", name + "-alerts");
    config.put("outcomes.topic", name + "-outcomes");
    config.put("job.parallelism", "2");
    return config;
  }

  private static void produce(String topic, List<PolicyEvent> events) throws Exception {
    List<byte[][]> records = new ArrayList<>();
    for (PolicyEvent e : events) {
      records.add(
          new byte[][] {e.policyholderId.getBytes(StandardCharsets.UTF_8), EventCodec.toBytes(e)});
    }
    EmbeddedKafka.produce(stack.kafka().bootstrapServers(), topic, records);
  }

  private static Optional<StoredFeatures> stored(String holder) {
    try (RedisFeatureStore store =
        RedisFeatureStore.open(RedisSettings.parse(stack.redis().url(), null, false))) {
      return store.read(holder);
    }
  }

  private static long midTime() {
    return history.get(history.size() / 2).occurredAt;
  }

  private static <T> Map<String, T> without(Map<String, T> byId, String... holders) {
    Map<String, T> out = new TreeMap<>();
    Set<String> skip = Set.of(holders);
    byId.forEach(
        (id, v) -> {
          String holder = v instanceof Alert a ? a.policyholderId : ((Outcome) v).policyholderId;
          if (!skip.contains(holder)) {
            out.put(id, v);
          }
        });
    return out;
  }

  /**
   * True when the latest completed checkpoint's files hold the id's bytes (keys and values are
   * written uncompressed, ids as their UTF-8 bytes).
   */
  private static boolean containsId(Path checkpoints, String id) {
    byte[] needle = id.getBytes(StandardCharsets.UTF_8);
    try (var jobs = Files.list(checkpoints)) {
      Path latest = null;
      int newest = -1;
      for (Path job : jobs.toList()) {
        try (var chks = Files.list(job)) {
          for (Path c : chks.toList()) {
            String n = c.getFileName().toString();
            if (n.startsWith("chk-") && Files.exists(c.resolve("_metadata"))) {
              int number = Integer.parseInt(n.substring(4));
              if (number > newest) {
                newest = number;
                latest = c;
              }
            }
          }
        }
      }
      if (latest == null) {
        return false;
      }
      try (var files = Files.walk(latest)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          if (indexOf(Files.readAllBytes(f), needle) >= 0) {
            return true;
          }
        }
      }
      return false;
    } catch (java.io.IOException e) {
      return false; // a checkpoint being written or subsumed meanwhile: look again
    }
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
