package io.lapsewatch.bench;

import io.lapsewatch.embedded.EmbeddedKafka;
import io.lapsewatch.embedded.EmbeddedRedis;
import io.lapsewatch.embedded.LocalStack;
import io.lapsewatch.featurestore.events.EventCodec;
import io.lapsewatch.featurestore.simulator.SimulationConfig;
import io.lapsewatch.featurestore.simulator.Simulator;
import io.lapsewatch.flinkjobs.JobCounters;
import io.lapsewatch.flinkjobs.JobSettings;
import io.lapsewatch.flinkjobs.ScoringJob;
import io.lapsewatch.flinkjobs.kafka.EventDeserializer;
import io.lapsewatch.flinkjobs.kafka.ParsedRecord;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import redis.clients.jedis.RedisClient;

/**
 * The whole scoring job over a pre-filled topic against a job that only reads the same topic and
 * discards it, on the same local MiniCluster set-up, embedded Kafka and real redis-server.
 */
final class PipelineBench {
  static final String SECTION = "pipeline";
  static final int PARALLELISM = 2;
  static final int PARTITIONS = 2;

  /** Runs of each job; the fastest counts. */
  static final int ROUNDS = 5;

  static final int LARGE_BOOK_ROUNDS = 3;

  private final PrintStream log;
  private final BenchResults results;

  PipelineBench(PrintStream log, BenchResults results) {
    this.log = log;
    this.results = results;
  }

  void run(int holders, int days, long seed, Path registry) throws Exception {
    String topic = "policy-events";
    try (LocalStack servers = quietly(() -> LocalStack.builder().withKafka().withRedis().start())) {
      EmbeddedKafka kafka = servers.kafka();
      EmbeddedRedis redis = servers.redis();
      long published = publishBook(kafka, topic, "", holders, days, seed, "pipeline_events");

      // Each job runs ROUNDS times, interleaved, and the fastest run counts: the first runs pay
      // for JIT compilation (one C2 compiler thread on this machine kind, shared with the broker's
      // code), which is not what a long-running job costs.
      List<Run> passes = new ArrayList<>();
      List<Run> reads = new ArrayList<>();
      List<Run> fulls = new ArrayList<>();
      List<Run> punctuals = new ArrayList<>();
      List<Run> unmonitored = new ArrayList<>();
      for (int round = 1; round <= ROUNDS; round++) {
        Run pass = passThrough(kafka.bootstrapServers(), topic, "bench-pass-" + round, true);
        log.printf("  pass-through #%d: %,.0f events/s%n", round, published / pass.wallSeconds);
        passes.add(pass);
        Run read = passThrough(kafka.bootstrapServers(), topic, "bench-read-" + round, false);
        log.printf("  read-only #%d: %,.0f events/s%n", round, published / read.wallSeconds);
        reads.add(read);
        Run full =
            scoringJob(kafka.bootstrapServers(), topic, redis, registry, "bench-scoring-" + round);
        log.printf(
            "  full scoring job #%d: %,d valid events, %,.0f events/s (%,d scorings, %,d"
                + " alerts)%n",
            round, full.valid, full.valid / full.wallSeconds, full.scorings, full.alerts);
        fulls.add(full);
        // The same job without late events applied in place: what the allowed lateness costs.
        punctuals.add(
            variant(
                kafka.bootstrapServers(),
                topic,
                redis,
                registry,
                "bench-punctual-" + round,
                Map.of("events.allowed-lateness-ms", "0"),
                "no allowed lateness #" + round));
        // The same job without watching its model: what drift and performance monitoring cost.
        unmonitored.add(
            variant(
                kafka.bootstrapServers(),
                topic,
                redis,
                registry,
                "bench-unmonitored-" + round,
                Map.of("monitoring.enabled", "false"),
                "no model monitoring #" + round));
      }
      Run punctual = fastest(punctuals);
      Run blind = fastest(unmonitored);
      Run read = fastest(reads);
      Run pass = fastest(passes);
      Run full = fastest(fulls);
      for (Run other : fulls) {
        if (other.alerts != full.alerts || other.scorings != full.scorings) {
          // Same topic, same model, fresh state: any difference is non-determinism in the job.
          results.note(
              String.format(
                  "the scoring runs over the same topic differ: alerts %,d vs %,d, scorings %,d"
                      + " vs %,d, too-late events %,d vs %,d, dead-lettered %,d vs %,d",
                  full.alerts,
                  other.alerts,
                  full.scorings,
                  other.scorings,
                  full.tooLate,
                  other.tooLate,
                  full.deadLettered,
                  other.deadLettered));
          break;
        }
      }

      if (full.valid != published) {
        results.note(
            String.format(
                "the scoring job counted %,d valid events of %,d published",
                full.valid, published));
      }
      results.figure(
          SECTION,
          "e2e_events_per_s",
          full.valid / full.wallSeconds,
          "events/s",
          String.format(
              "ScoringJob bounded over the pre-filled topic (%d partitions, parallelism %d, local"
                  + " MiniCluster, heap state, file checkpoints at the job's interval, real redis-server,"
                  + " alerts/DLQ/outcomes to Kafka):"
                  + " valid events / wall time of execute() = %,d / %.1f s (job net runtime"
                  + " %.1f s; fastest of %d runs: %s s)",
              PARTITIONS,
              PARALLELISM,
              full.valid,
              full.wallSeconds,
              full.netSeconds,
              ROUNDS,
              walls(fulls)));
      results.figure(
          SECTION,
          "passthrough_events_per_s",
          published / pass.wallSeconds,
          "events/s",
          String.format(
              "KafkaSource with the job's EventDeserializer (parses and validates the JSON) ->"
                  + " DiscardingSink, same topic and parallelism, no checkpoints: %,d records /"
                  + " %.1f s wall (fastest of %d runs: %s s)",
              published, pass.wallSeconds, ROUNDS, walls(passes)));
      results.figure(
          SECTION,
          "kafka_read_events_per_s",
          published / read.wallSeconds,
          "events/s",
          String.format(
              "KafkaSource reading only the value bytes -> DiscardingSink, same topic and"
                  + " parallelism: %,d records / %.1f s wall (fastest of %d runs: %s s)",
              published, read.wallSeconds, ROUNDS, walls(reads)));
      results.ratio(
          SECTION, "e2e_vs_passthrough", "e2e_events_per_s", "passthrough_events_per_s", ">= 0.5");
      results.figure(
          SECTION,
          "e2e_no_lateness_events_per_s",
          punctual.valid / punctual.wallSeconds,
          "events/s",
          String.format(
              "the same job with events.allowed-lateness-ms=0 (no late events applied in place, no"
                  + " settled features or applied-event log kept): fastest of %d runs: %s s",
              ROUNDS, walls(punctuals)));
      results.ratio(
          SECTION, "e2e_vs_no_lateness", "e2e_events_per_s", "e2e_no_lateness_events_per_s", null);
      results.figure(
          SECTION,
          "e2e_no_monitoring_events_per_s",
          blind.valid / blind.wallSeconds,
          "events/s",
          String.format(
              "the same job with monitoring.enabled=false (no terms reported at the lead time,"
                  + " labelled at their end or kept in the model monitor's window): fastest of %d"
                  + " runs: %s s",
              ROUNDS, walls(unmonitored)));
      results.ratio(
          SECTION,
          "e2e_vs_no_monitoring",
          "e2e_events_per_s",
          "e2e_no_monitoring_events_per_s",
          ">= 0.9");
      results.ratio(
          SECTION, "e2e_vs_kafka_read", "e2e_events_per_s", "kafka_read_events_per_s", null);
      results.figure(
          SECTION,
          "e2e_events_per_s_net",
          full.valid / full.netSeconds,
          "events/s",
          "same run, over Flink's net job runtime (leaves out MiniCluster start and stop)");
      results.figure(
          SECTION,
          "passthrough_events_per_s_net",
          published / pass.netSeconds,
          "events/s",
          "same pass-through run, over Flink's net job runtime");
      results.ratio(
          SECTION,
          "e2e_vs_passthrough_net",
          "e2e_events_per_s_net",
          "passthrough_events_per_s_net",
          null);
      results.figure(
          SECTION,
          "e2e_events_per_s_per_core",
          full.valid / full.wallSeconds / Runtime.getRuntime().availableProcessors(),
          "events/s/core",
          "e2e_events_per_s over the cores of this machine (Kafka broker and redis-server share"
              + " them)");
    }
  }

  /**
   * The same full job and pass-through over a larger book: tens of thousands of policyholders, as
   * many as the latency run simulates (and fewer than an insurer's book). The job's cost per event
   * grows with the book, since state lookups and timer queues outgrow the CPU caches and fewer
   * updates per policyholder share a feature-store write; the pass-through's does not. Fewer
   * rounds, as each run is longer and so less dominated by start-up.
   */
  void runLargeBook(int holders, int days, long seed, Path registry) throws Exception {
    String topic = "policy-events-large-book";
    try (LocalStack servers = quietly(() -> LocalStack.builder().withKafka().withRedis().start())) {
      EmbeddedKafka kafka = servers.kafka();
      EmbeddedRedis redis = servers.redis();
      long published =
          publishBook(kafka, topic, "large book: ", holders, days, seed, "large_book_events");
      List<Run> passes = new ArrayList<>();
      List<Run> fulls = new ArrayList<>();
      for (int round = 1; round <= LARGE_BOOK_ROUNDS; round++) {
        Run pass = passThrough(kafka.bootstrapServers(), topic, "large-pass-" + round, true);
        log.printf(
            "  large book pass-through #%d: %,.0f events/s%n", round, published / pass.wallSeconds);
        passes.add(pass);
        Run full =
            scoringJob(kafka.bootstrapServers(), topic, redis, registry, "large-scoring-" + round);
        log.printf(
            "  large book full scoring job #%d: %,d valid events, %,.0f events/s%n",
            round, full.valid, full.valid / full.wallSeconds);
        fulls.add(full);
      }
      Run pass = fastest(passes);
      Run full = fastest(fulls);
      results.figure(
          SECTION,
          "e2e_large_book_events_per_s",
          full.valid / full.wallSeconds,
          "events/s",
          String.format(
              "as e2e_events_per_s, over %,d policyholders x %d days: %,d valid events / %.1f s"
                  + " wall (fastest of %d runs: %s s)",
              holders, days, full.valid, full.wallSeconds, LARGE_BOOK_ROUNDS, walls(fulls)));
      results.figure(
          SECTION,
          "passthrough_large_book_events_per_s",
          published / pass.wallSeconds,
          "events/s",
          String.format(
              "as passthrough_events_per_s, over the large book: %,d records / %.1f s wall"
                  + " (fastest of %d runs: %s s)",
              published, pass.wallSeconds, LARGE_BOOK_ROUNDS, walls(passes)));
      results.ratio(
          SECTION,
          "e2e_large_book_vs_passthrough",
          "e2e_large_book_events_per_s",
          "passthrough_large_book_events_per_s",
          null);
    }
  }

  /**
   * Kafka's test kit prints its storage formatting to System.out; the benchmark's log is elsewhere.
   */
  private static <T> T quietly(java.util.concurrent.Callable<T> start) throws Exception {
    PrintStream stdout = System.out;
    System.setOut(new PrintStream(java.io.OutputStream.nullOutputStream()));
    try {
      return start.call();
    } finally {
      System.setOut(stdout);
    }
  }

  /** Creates the job's topics, publishes the book to {@code topic}, logs and records its size. */
  private long publishBook(
      EmbeddedKafka kafka,
      String topic,
      String label,
      int holders,
      int days,
      long seed,
      String sizeKey)
      throws Exception {
    kafka.createTopics(
        PARTITIONS, topic, "policy-events-dlq", "retention-alerts", "retention-outcomes");
    long t0 = System.nanoTime();
    long published = publish(kafka.bootstrapServers(), topic, holders, days, seed);
    log.printf(
        "  %spublished %,d events (%,d policyholders, %d days) in %.1f s%n",
        label, published, holders, days, (System.nanoTime() - t0) / 1e9);
    results.size(sizeKey, published);
    return published;
  }

  /** Publishes a simulated period, keyed by policyholder, and returns the number of events. */
  private static long publish(String bootstrap, String topic, int holders, int days, long seed) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
      long n =
          new Simulator(SimulationConfig.of(holders, days, seed))
              .run(
                  e ->
                      producer.send(
                          new ProducerRecord<>(
                              topic,
                              e.policyholderId.getBytes(StandardCharsets.UTF_8),
                              EventCodec.toBytes(e))));
      producer.flush();
      return n;
    }
  }

  /** One run of the scoring job with {@code overrides}, logged as "scoring job, {@code what}". */
  private Run variant(
      String bootstrap,
      String topic,
      EmbeddedRedis redis,
      Path registry,
      String groupId,
      Map<String, String> overrides,
      String what)
      throws Exception {
    Run run = scoringJob(bootstrap, topic, redis, registry, groupId, overrides);
    log.printf("  scoring job, %s: %,.0f events/s%n", what, run.valid / run.wallSeconds);
    return run;
  }

  private static Run fastest(List<Run> runs) {
    return runs.stream().min(java.util.Comparator.comparingDouble(Run::wallSeconds)).orElseThrow();
  }

  private static String walls(List<Run> runs) {
    return String.join(
        ", ", runs.stream().map(r -> String.format(Locale.ROOT, "%.1f", r.wallSeconds)).toList());
  }

  private record Run(
      double wallSeconds,
      double netSeconds,
      long valid,
      long alerts,
      long scorings,
      long tooLate,
      long deadLettered) {}

  static final String JOB_SETTING_PREFIX = "lapsewatch.job.";

  /** Any job setting can be tried on the benchmarks: {@code -Dlapsewatch.job.<key>=<value>}. */
  static void putJobOverrides(Map<String, String> config) {
    for (String name : System.getProperties().stringPropertyNames()) {
      if (name.startsWith(JOB_SETTING_PREFIX)) {
        config.put(name.substring(JOB_SETTING_PREFIX.length()), System.getProperty(name));
      }
    }
  }

  private Run scoringJob(
      String bootstrap, String topic, EmbeddedRedis redis, Path registry, String groupId)
      throws Exception {
    return scoringJob(bootstrap, topic, redis, registry, groupId, Map.of());
  }

  private Run scoringJob(
      String bootstrap,
      String topic,
      EmbeddedRedis redis,
      Path registry,
      String groupId,
      Map<String, String> overrides)
      throws Exception {
    // Every run starts from an empty feature store, so both write the same hashes.
    try (RedisClient admin = RedisClient.create("127.0.0.1", redis.port())) {
      admin.flushAll();
    }
    Map<String, String> config = new LinkedHashMap<>();
    config.put("kafka.bootstrap-servers", bootstrap);
    config.put("kafka.group-id", groupId);
    config.put("events.topic", topic);
    config.put("redis.url", redis.url());
    config.put("model.registry", registry.toString());
    config.put("events.bounded", "true");
    config.put("job.parallelism", Integer.toString(PARALLELISM));
    putJobOverrides(config);
    config.putAll(overrides);
    JobSettings settings = JobSettings.of(config);
    Path checkpoints = Files.createTempDirectory("lapsewatch-bench-checkpoints");
    JobExecutionResult r;
    long t0 = System.nanoTime();
    try {
      StreamExecutionEnvironment env =
          StreamExecutionEnvironment.createLocalEnvironment(
              PARALLELISM, deploymentLike(checkpoints));
      r = ScoringJob.fromSettings(settings).execute(env);
    } finally {
      BenchCommand.deleteTree(checkpoints);
    }
    double wall = (System.nanoTime() - t0) / 1e9;
    return new Run(
        wall,
        r.getNetRuntime() / 1000.0,
        JobCounters.get(r, JobCounters.EVENTS_VALID),
        JobCounters.get(r, JobCounters.ALERTS),
        JobCounters.get(r, JobCounters.SCORINGS),
        JobCounters.get(r, JobCounters.EVENTS_TOO_LATE),
        JobCounters.get(r, JobCounters.EVENTS_DEAD_LETTERED));
  }

  /**
   * The job's base configuration plus file checkpoints, as a deployment's Flink configuration has.
   * The job checkpoints even bounded runs, and Flink's default (checkpoints in the JobManager's
   * memory, at most 5 MB of state per task) fails every checkpoint once the keyed state of a larger
   * book outgrows it, which restarts the job over and over.
   */
  static Configuration deploymentLike(Path checkpointDir) {
    Configuration c = ScoringJob.baseConfiguration();
    c.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
    c.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDir.toUri().toString());
    return c;
  }

  /**
   * Reads the topic and discards it. With {@code parse}, through the job's own deserializer (which
   * parses and validates contract-v1 JSON), as the pass-through baseline; without, only the value
   * bytes: the cost of getting records out of Kafka at all.
   */
  private Run passThrough(String bootstrap, String topic, String groupId, boolean parse)
      throws Exception {
    KafkaSource<?> source =
        parse
            ? KafkaSource.<ParsedRecord>builder()
                .setBootstrapServers(bootstrap)
                .setTopics(topic)
                .setGroupId(groupId)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new EventDeserializer())
                .setBounded(OffsetsInitializer.latest())
                .build()
            : KafkaSource.<byte[]>builder()
                .setBootstrapServers(bootstrap)
                .setTopics(topic)
                .setGroupId(groupId)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(
                    KafkaRecordDeserializationSchema.valueOnly(
                        org.apache.kafka.common.serialization.ByteArrayDeserializer.class))
                .setBounded(OffsetsInitializer.latest())
                .build();
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironment(
            PARALLELISM, ScoringJob.baseConfiguration());
    env.setParallelism(PARALLELISM);
    discardAll(env, source);
    long t0 = System.nanoTime();
    JobExecutionResult r = env.execute("lapsewatch-bench-pass-through");
    double wall = (System.nanoTime() - t0) / 1e9;
    return new Run(wall, r.getNetRuntime() / 1000.0, 0, 0, 0, 0, 0);
  }

  private static <T> void discardAll(StreamExecutionEnvironment env, KafkaSource<T> source) {
    env.fromSource(source, WatermarkStrategy.noWatermarks(), "policy-events")
        .sinkTo(new DiscardingSink<>())
        .name("discard");
  }
}
