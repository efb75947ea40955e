package io.lapsewatch.faults;

import io.lapsewatch.alertcontract.AlertJson;
import io.lapsewatch.embedded.EmbeddedKafka;
import io.lapsewatch.embedded.EmbeddedRedis;
import io.lapsewatch.embedded.LocalStack;
import io.lapsewatch.featurestore.events.EventCodec;
import io.lapsewatch.featurestore.events.PolicyEvent;
import io.lapsewatch.featurestore.simulator.SimulationConfig;
import io.lapsewatch.featurestore.simulator.Simulator;
import io.lapsewatch.featurestore.store.RedisConnections;
import io.lapsewatch.featurestore.store.RedisSettings;
import io.lapsewatch.flinkjobs.JobCounters;
import io.lapsewatch.flinkjobs.JobSettings;
import io.lapsewatch.flinkjobs.ScoringJob;
import io.lapsewatch.modeltraining.TrainCommand;
import io.lapsewatch.modeltraining.model.ModelRegistry;
import io.lapsewatch.modeltraining.trainers.TrainerKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * What every fault case runs against: the {@link LocalStack}'s in-process Kafka broker and its real
 * redis-server with an append-only file fsynced on every write (so a killed server keeps what it
 * acknowledged), a churn model trained on a simulated year, one bounded stream of policyholder
 * events on a topic, and the lazily computed clean reference run of the scoring job over that
 * stream — the ground truth the job-side cases count losses against.
 */
public final class FaultStack implements AutoCloseable {
  static final String EVENTS_TOPIC = "faults-policy-events";
  static final String REFERENCE = "reference";

  /** The shipped journey plans, copied into the jar from deploy/journeys by faults/pom.xml. */
  static final String PLANS_RESOURCE = "/lapsewatch-faults/journeys/retention-journeys.yaml";

  private final boolean quick;
  private final Path workDir;
  private final LocalStack servers;
  private final EmbeddedKafka kafka;
  private final EmbeddedRedis redis;
  private final Path registry;
  private final Path plans;
  private final String modelVersion;
  private final List<byte[][]> events;
  private JobOutput reference;

  /**
   * What a job run left behind: alerts on its topic, vectors in Redis, and (for a run that
   * finished) its {@link JobCounters#JOURNEYS} accumulator, empty otherwise.
   */
  record JobOutput(
      Map<String, List<byte[]>> alertsById,
      Map<String, Map<String, String>> vectors,
      long vectorsEmitted,
      Map<String, Long> journeys) {}

  private FaultStack(
      boolean quick,
      Path workDir,
      LocalStack servers,
      Path registry,
      Path plans,
      String modelVersion,
      List<byte[][]> events) {
    this.quick = quick;
    this.workDir = workDir;
    this.servers = servers;
    this.kafka = servers.kafka();
    this.redis = servers.redis();
    this.registry = registry;
    this.plans = plans;
    this.modelVersion = modelVersion;
    this.events = events;
  }

  /** Starts the servers, trains and publishes a model, and puts the event stream on Kafka. */
  public static FaultStack start(Path workDir, boolean quick) throws Exception {
    LocalStack servers =
        LocalStack.builder()
            .withKafka()
            .withTopics(2, EVENTS_TOPIC)
            .withRedis(List.of("--appendonly", "yes", "--appendfsync", "always"))
            .start();
    try {
      Path registry = workDir.resolve("models");
      long t0 = System.nanoTime();
      TrainCommand.trainOnSimulation(
          SimulationConfig.of(quick ? 1500 : 3000, 365, 31), registry, TrainerKind.LR, true);
      String version = new ModelRegistry(registry).current().orElseThrow();
      // A fresh book the model has not seen: the stream every job-side case replays.
      List<byte[][]> events = new ArrayList<>();
      new Simulator(SimulationConfig.of(quick ? 700 : 2000, quick ? 240 : 365, 77))
          .run(
              (PolicyEvent e) ->
                  events.add(
                      new byte[][] {
                        e.policyholderId.getBytes(StandardCharsets.UTF_8), EventCodec.toBytes(e)
                      }));
      long t1 = System.nanoTime();
      EmbeddedKafka.produce(servers.bootstrapServers(), EVENTS_TOPIC, events);
      System.out.printf(
          "faults: model trained in %.0f s, %,d events simulated and produced in %.0f s%n",
          (t1 - t0) / 1e9, events.size(), (System.nanoTime() - t1) / 1e9);
      return new FaultStack(
          quick, workDir, servers, registry, writePlans(workDir), version, events);
    } catch (Exception | Error e) {
      servers.close();
      throw e;
    }
  }

  /**
   * Writes the shipped plans out of the jar for {@code journeys.file}: the same file whether the
   * suite runs from the repository root ({@code bin/lapsewatch faults}) or a module (the ITCase).
   */
  private static Path writePlans(Path workDir) throws IOException {
    Path file = workDir.resolve("journeys").resolve("retention-journeys.yaml");
    Files.createDirectories(file.getParent());
    try (InputStream in = FaultStack.class.getResourceAsStream(PLANS_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            PLANS_RESOURCE + " is not on the class path (faults/pom.xml copies it from deploy/)");
      }
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
    }
    return file;
  }

  boolean quick() {
    return quick;
  }

  Path workDir() {
    return workDir;
  }

  EmbeddedKafka kafka() {
    return kafka;
  }

  EmbeddedRedis redis() {
    return redis;
  }

  Path registry() {
    return registry;
  }

  /** The model version published at start (what every alert must carry). */
  String modelVersion() {
    return modelVersion;
  }

  /** The valid event stream, as {key, value} pairs in the order it was produced. */
  List<byte[][]> events() {
    return events;
  }

  /** The clean run: computed once, on first use. */
  synchronized JobOutput reference() throws Exception {
    if (reference == null) {
      Tripwire.arm(REFERENCE, Long.MAX_VALUE);
      clearFeatures();
      JobClient job = submit(REFERENCE, EVENTS_TOPIC, new Configuration());
      reference = collect(REFERENCE, journeyCounts(awaitSuccess(job).getAllAccumulatorResults()));
    }
    return reference;
  }

  /** The job's settings for one run: its own group, output topics and checkpoint folder. */
  JobSettings settings(String run, String eventsTopic) throws Exception {
    kafka.createTopics(2, "alerts-" + run, "outcomes-" + run, "dlq-" + run);
    Map<String, String> c = new HashMap<>();
    c.put("kafka.bootstrap-servers", kafka.bootstrapServers());
    c.put("kafka.group-id", "faults-" + run);
    c.put("events.topic", eventsTopic);
    c.put("alerts.topic", "alerts-" + run);
    c.put("outcomes.topic", "outcomes-" + run);
    c.put("events.dlq-topic", "dlq-" + run);
    c.put("redis.url", redis.url());
    c.put("model.registry", registry.toString());
    c.put("model.check-interval-ms", "300");
    c.put("events.bounded", "true");
    c.put("job.parallelism", "2");
    c.put("checkpoint.interval-ms", "300");
    c.put("checkpoint.dir", checkpointDir(run).toUri().toString());
    // Every alert is then one the alerts service must deliver (holdout alerts are never sent).
    c.put("decision.holdout-share", "0");
    // The shipped plans: every case then also counts the journeys' step alerts.
    c.put("journeys.file", plans.toString());
    return JobSettings.of(c);
  }

  Path checkpointDir(String run) {
    return workDir.resolve("checkpoints").resolve(run);
  }

  /**
   * The local MiniCluster's configuration: the metrics probe, restarts from the last checkpoint
   * every 500 ms for as long as a fault lasts, and small network buffers.
   */
  static Configuration flinkConfiguration(Configuration extra) {
    Configuration c = ScoringJob.baseConfiguration();
    MetricsProbe.configure(c);
    // With Flink's 32 KB buffers the whole quick replay fits in flight between the source and a
    // held feature sink: the sources read to the end and finish early, and a checkpoint after that
    // completes only once everything in flight is consumed, at the end of the job. A case that
    // crashes the job "after a checkpoint past the trip point" then found the job finished. 4 KB
    // buffers keep the sources a few thousand records ahead, so barriers keep flowing.
    c.set(
        org.apache.flink.configuration.TaskManagerOptions.MEMORY_SEGMENT_SIZE,
        org.apache.flink.configuration.MemorySize.parse("4kb"));
    c.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 10_000);
    c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(500));
    c.addAll(extra);
    return c;
  }

  /** Submits the job for {@code run} with its Redis sink behind the run's armed tripwire. */
  JobClient submit(String run, String eventsTopic, Configuration extra) throws Exception {
    JobSettings s = settings(run, eventsTopic);
    ScoringJob job = ScoringJob.fromSettings(s);
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(flinkConfiguration(extra));
    return job.withFeatureSink(
            new Tripwire<>(
                run,
                new io.lapsewatch.flinkjobs.sinks.FeatureStoreSink(
                    s.redis(), s.featureBatchSize(), s.featureMaxDelayMs())))
        .executeAsync(env);
  }

  /** Waits for a bounded run to finish; throws with the job's failure otherwise. */
  static JobExecutionResult awaitSuccess(JobClient job) throws Exception {
    return job.getJobExecutionResult().get(15, java.util.concurrent.TimeUnit.MINUTES);
  }

  /**
   * The {@link JobCounters#JOURNEYS} accumulator among a job's accumulators (keys explained at
   * {@code JourneyTally.key}), empty when the job counted none.
   */
  static Map<String, Long> journeyCounts(Map<String, Object> accumulators) {
    Object v = accumulators.get(JobCounters.JOURNEYS);
    Map<String, Long> out = new TreeMap<>();
    if (v instanceof Map<?, ?> m) {
      m.forEach((k, n) -> out.put(String.valueOf(k), ((Number) n).longValue()));
    }
    return out;
  }

  /** Deletes every stored feature vector (each run starts from an empty store). */
  void clearFeatures() {
    try (UnifiedJedis j = jedis()) {
      for (String key : keys(j, "lw:f:*")) {
        j.del(key);
      }
    }
  }

  /** Reads a run's alerts and the feature vectors now in Redis. */
  JobOutput collect(String run) throws IOException {
    return collect(run, Map.of());
  }

  /** Reads a run's alerts and the feature vectors now in Redis, with its journey counts. */
  JobOutput collect(String run, Map<String, Long> journeys) throws IOException {
    Map<String, List<byte[]>> alerts = alertsOn("alerts-" + run);
    Map<String, Map<String, String>> vectors = new TreeMap<>();
    try (UnifiedJedis j = jedis()) {
      for (String key : keys(j, "lw:f:*")) {
        vectors.put(key, j.hgetAll(key));
      }
    }
    return new JobOutput(alerts, vectors, Tripwire.wire(run).seen.get(), Map.copyOf(journeys));
  }

  /** Alerts on {@code topic}, every copy, grouped by alert id. */
  Map<String, List<byte[]>> alertsOn(String topic) throws IOException {
    Map<String, List<byte[]>> byId = new TreeMap<>();
    for (ConsumerRecord<byte[], byte[]> r : read(topic)) {
      if (r.value() == null) {
        continue; // an erasure tombstone, not an alert
      }
      byId.computeIfAbsent(AlertJson.parse(r.value()).alertId, k -> new ArrayList<>())
          .add(r.value());
    }
    return byId;
  }

  List<ConsumerRecord<byte[], byte[]>> read(String topic) {
    return EmbeddedKafka.readAll(kafka.bootstrapServers(), topic);
  }

  UnifiedJedis jedis() {
    return RedisConnections.open(RedisSettings.parse(redis.url(), null, false));
  }

  private static List<String> keys(UnifiedJedis j, String pattern) {
    List<String> out = new ArrayList<>();
    String cursor = ScanParams.SCAN_POINTER_START;
    ScanParams params = new ScanParams().match(pattern).count(1000);
    do {
      ScanResult<String> page = j.scan(cursor, params);
      out.addAll(page.getResult());
      cursor = page.getCursor();
    } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    return out;
  }

  @Override
  public void close() throws Exception {
    servers.close();
  }
}
