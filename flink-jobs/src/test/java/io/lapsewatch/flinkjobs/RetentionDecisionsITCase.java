package io.lapsewatch.flinkjobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.AlertJson;
import io.lapsewatch.embedded.EmbeddedKafka;
import io.lapsewatch.embedded.EmbeddedRedis;
import io.lapsewatch.featurestore.events.EventCodec;
import io.lapsewatch.featurestore.events.EventType;
import io.lapsewatch.featurestore.events.PolicyEvent;
import io.lapsewatch.featurestore.features.FeatureVector;
import io.lapsewatch.featurestore.simulator.SimulationConfig;
import io.lapsewatch.featurestore.simulator.Simulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole-job properties of the retention decisions: alerts survive a failover from a checkpoint with
 * nothing lost and only exact duplicates, and the highest-scored alerts find real lapsers.
 */
class RetentionDecisionsITCase {
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
  static EmbeddedKafka kafka;
  static EmbeddedRedis redis;
  static Path registry;
  static List<PolicyEvent> cohort = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    stack = TestingStack.start(dir, List.of(), 3000, 31);
    kafka = stack.kafka();
    redis = stack.redis();
    registry = stack.registry();
    // A fresh cohort the model has never seen, with known outcomes.
    new Simulator(SimulationConfig.of(1500, 300, 77)).run(cohort::add);
    kafka.createTopics(2, "cohort-events");
    List<byte[][]> records = new ArrayList<>();
    for (PolicyEvent e : cohort) {
      records.add(
          new byte[][] {e.policyholderId.getBytes(StandardCharsets.UTF_8), EventCodec.toBytes(e)});
    }
    EmbeddedKafka.produce(kafka.bootstrapServers(), "cohort-events", records);
  }

  @AfterAll
  static void stop() throws Exception {
    stack.close();
  }

  private static JobSettings settings(String run, String alertsTopic) {
    Map<String, String> c = new HashMap<>();
    c.put("kafka.bootstrap-servers", kafka.bootstrapServers());
    c.put("kafka.group-id", "group-" + run);
    c.put("events.topic", "cohort-events");
    c.put("alerts.topic", alertsTopic);
    c.put("outcomes.topic", "outcomes-" + run);
    c.put("events.dlq-topic", "dlq-" + run);
    c.put("redis.url", redis.url());
    c.put("model.registry", registry.toString());
    c.put("events.bounded", "true");
    c.put("checkpoint.interval-ms", "300");
    c.put("decision.holdout-share", "0");
    return JobSettings.of(c);
  }

  private static Map<String, List<byte[]>> alertsOn(String topic) {
    Map<String, List<byte[]>> byId = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r :
        EmbeddedKafka.readAll(kafka.bootstrapServers(), topic)) {
      try {
        byId.computeIfAbsent(AlertJson.parse(r.value()).alertId, k -> new ArrayList<>())
            .add(r.value());
      } catch (java.io.IOException e) {
        throw new AssertionError("unreadable alert on " + topic, e);
      }
    }
    return byId;
  }

  @Test
  void failoverFromACheckpointLosesNoAlertAndRepeatsOnlyExactDuplicates() throws Exception {
    kafka.createTopics(2, "alerts-clean", "alerts-failover");
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(ScoringJob.baseConfiguration());
    ScoringJob.fromSettings(settings("clean", "alerts-clean")).execute(env);
    // At the end of a bounded replay the watermark jumps to the end of time, and which calendar
    // milestones in the last few days fired before that depends on where the last periodic
    // watermark landed. Compare everything before that final stretch (an unbounded job has none).
    long settled = cohort.get(cohort.size() - 1).occurredAt - 30L * 86_400_000L;
    Map<String, List<byte[]>> clean = before(alertsOn("alerts-clean"), settled);

    FailOnce.reset(cohort.size() / 2);
    StreamExecutionEnvironment env2 =
        StreamExecutionEnvironment.getExecutionEnvironment(ScoringJob.baseConfiguration());
    ScoringJob.fromSettings(settings("failover", "alerts-failover"))
        .withFeatureSink(new FailOnce())
        .execute(env2);
    Map<String, List<byte[]>> failover = before(alertsOn("alerts-failover"), settled);

    assertThat(FailOnce.FAILED.get()).as("the job really failed once").isTrue();
    assertThat(clean).isNotEmpty();
    java.util.Set<String> missing = new java.util.TreeSet<>(clean.keySet());
    missing.removeAll(failover.keySet());
    java.util.Set<String> extra = new java.util.TreeSet<>(failover.keySet());
    extra.removeAll(clean.keySet());
    assertThat(missing).as("alerts lost in the failover").isEmpty();
    assertThat(extra).as("alerts only the failover run raised").isEmpty();
    long repeats = 0;
    for (Map.Entry<String, List<byte[]>> e : failover.entrySet()) {
      byte[] expected = clean.get(e.getKey()).get(0);
      for (byte[] got : e.getValue()) {
        assertThat(Arrays.equals(got, expected))
            .as("repeat of %s is identical", e.getKey())
            .isTrue();
      }
      repeats += e.getValue().size() - 1;
    }
    System.out.printf(
        "failover: %d alert ids, all present, %d exact repeats%n", clean.size(), repeats);
  }

  private static Map<String, List<byte[]>> before(Map<String, List<byte[]>> alerts, long until)
      throws java.io.IOException {
    Map<String, List<byte[]>> out = new HashMap<>();
    for (Map.Entry<String, List<byte[]>> e : alerts.entrySet()) {
      if (AlertJson.parse(e.getValue().get(0)).asOf <= until) {
        out.put(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  @Test
  void topScoredAlertsLapseAtLeastTwiceAsOftenAsTheCohort() throws Exception {
    kafka.createTopics(2, "alerts-topk");
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(ScoringJob.baseConfiguration());
    ScoringJob.fromSettings(settings("topk", "alerts-topk")).execute(env);
    List<Alert> alerts = new ArrayList<>();
    for (List<byte[]> copies : alertsOn("alerts-topk").values()) {
      alerts.add(AlertJson.parse(copies.get(0)));
    }

    // Ground truth from the simulated world: how each policy's next term ended.
    Map<String, List<PolicyEvent>> endings = new HashMap<>();
    long lapses = 0;
    long ends = 0;
    for (PolicyEvent e : cohort) {
      if (e.type == EventType.POLICY_RENEWED
          || e.type == EventType.POLICY_LAPSED
          || e.type == EventType.POLICY_CANCELLED) {
        endings.computeIfAbsent(e.policyId, k -> new ArrayList<>()).add(e);
        ends++;
        lapses += e.type == EventType.POLICY_RENEWED ? 0 : 1;
      }
    }
    double cohortRate = lapses / (double) ends;
    alerts.sort(Comparator.comparingDouble((Alert a) -> a.score).reversed());
    int k = Math.max(20, alerts.size() / 4);
    long known = 0;
    long lapsed = 0;
    for (Alert a : alerts.subList(0, Math.min(k, alerts.size()))) {
      PolicyEvent end =
          endings.getOrDefault(a.policyId, List.of()).stream()
              .filter(e -> e.occurredAt >= a.asOf)
              .findFirst()
              .orElse(null);
      if (end != null) {
        known++;
        lapsed += end.type == EventType.POLICY_RENEWED ? 0 : 1;
      }
    }
    double topRate = lapsed / (double) known;
    System.out.printf(
        "top-%d alerts: lapse rate %.1f%% (%d of %d with a known outcome) vs cohort %.1f%% -> %.2fx%n",
        k, 100 * topRate, lapsed, known, 100 * cohortRate, topRate / cohortRate);
    assertThat(known).isGreaterThan(k / 2);
    assertThat(topRate).isGreaterThanOrEqualTo(2 * cohortRate);
  }

  /** A feature sink that fails the job once, after a given number of vectors. */
  static final class FailOnce implements Sink<FeatureVector> {
    static final AtomicBoolean FAILED = new AtomicBoolean();
    static final AtomicLong SEEN = new AtomicLong();
    static volatile long failAfter;

    static void reset(long after) {
      FAILED.set(false);
      SEEN.set(0);
      failAfter = after;
    }

    @Override
    public SinkWriter<FeatureVector> createWriter(WriterInitContext context) {
      return new SinkWriter<>() {
        @Override
        public void write(FeatureVector v, Context ctx) {
          if (SEEN.incrementAndGet() >= failAfter && FAILED.compareAndSet(false, true)) {
            throw new IllegalStateException("injected failure after " + failAfter + " vectors");
          }
        }

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public void close() {}
      };
    }
  }
}
