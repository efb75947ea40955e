package io.lapsewatch.bench;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.AlertJson;
import io.lapsewatch.embedded.EmbeddedKafka;
import io.lapsewatch.embedded.LocalStack;
import io.lapsewatch.featurestore.simulator.SimulationConfig;
import io.lapsewatch.featurestore.simulator.Simulator;
import io.lapsewatch.flinkjobs.JobSettings;
import io.lapsewatch.flinkjobs.ScoringJob;
import io.lapsewatch.modeltraining.TrainCommand;
import io.lapsewatch.modeltraining.trainers.TrainerKind;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Event → alert latency on the embedded stack: the job runs unbounded while events are produced at
 * a fixed rate below its capacity; for every alert raised by an event (not by a calendar milestone)
 * the latency is the time from sending that event to reading the alert back.
 */
final class LatencyBench {
  static final String SECTION = "latency";
  static final double ALERT_THRESHOLD = 0.02;

  /** Events per policyholder-year to plan a run with: ~55 in a first year, fewer as terms end. */
  static final int PLANNED_EVENTS_PER_YEAR = 40;

  static final long DRAIN_MAX_MS = 60_000;

  /**
   * Checkpoints the warm-up holds: in a fresh JVM the second one still ran with the compiler thread
   * busy on the snapshot code (a quarter of a core) and cost ~1 s of latency where a warm JVM's
   * cost ~0.4 s.
   */
  static final int WARM_UP_CHECKPOINTS = 2;

  static final int CHECKPOINT_SETTLE_S = 15;

  private final PrintStream log;
  private final BenchResults results;

  LatencyBench(PrintStream log, BenchResults results) {
    this.log = log;
    this.results = results;
  }

  /**
   * @param minWarmUpSeconds sent at a rate ramping up to {@code eventsPerSecond}, not timed: the
   *     JIT compiles the job's code and the pipeline settles (a cold job falls behind in its first
   *     seconds, and draining that backlog is start-up, not the steady state a long-running job is
   *     in); longer when needed to hold the job's first two checkpoints
   * @param minTimedSeconds sent and timed after the warm-up; at least one checkpoint interval
   * @param bookHolders policyholders to simulate, as many as in the book the rate was derived from
   */
  void run(
      int eventsPerSecond, int bookHolders, int minWarmUpSeconds, int minTimedSeconds, long seed)
      throws Exception {
    Path registry = Files.createTempDirectory("lapsewatch-latency-models");
    Path checkpoints = Files.createTempDirectory("lapsewatch-latency-checkpoints");
    TrainCommand.trainOnSimulation(
        SimulationConfig.of(2000, 365, seed), registry, TrainerKind.LR, true);
    try (LocalStack servers =
        LocalStack.builder()
            .withKafka()
            .withTopics(
                2, "policy-events", "policy-events-dlq", "retention-alerts", "retention-outcomes")
            .withRedis()
            .start()) {
      EmbeddedKafka kafka = servers.kafka();
      Map<String, String> c = new HashMap<>();
      c.put("kafka.bootstrap-servers", kafka.bootstrapServers());
      c.put("redis.url", servers.redisUrl());
      c.put("model.registry", registry.toString());
      c.put("decision.holdout-share", "0");
      // A low alert threshold: every policy term with some risk alerts once (cooldown still
      // applies), so the tail percentiles rest on thousands of alerts rather than a hundred.
      // The path an alert takes is the same at any threshold.
      c.put("decision.threshold", Double.toString(ALERT_THRESHOLD));
      PipelineBench.putJobOverrides(c);
      JobSettings settings = JobSettings.of(c);
      // A running job checkpoints once per interval, so the timed part spans a whole interval and
      // holds one checkpoint. The job's first checkpoints (their serialization code still cold,
      // the JIT compiling it) fall in the warm-up with time after them to settle, like the rest
      // of a start-up.
      int intervalSeconds = (int) Math.ceil(settings.checkpointIntervalMs() / 1000.0);
      int warmUpSeconds =
          Math.max(minWarmUpSeconds, WARM_UP_CHECKPOINTS * intervalSeconds + CHECKPOINT_SETTLE_S);
      int timedSeconds = Math.max(minTimedSeconds, intervalSeconds);
      // The book the run's maximum was measured on, simulated over as many days as the run needs:
      // the job's cost per event grows with the book, so a larger book than that maximum's would
      // be held to a rate it cannot reach. Lapsed policyholders leave the book in later years, so
      // the days are planned at a lower yearly rate per policyholder than a first year's.
      long wanted = sentBy(warmUpSeconds + timedSeconds, eventsPerSecond, warmUpSeconds);
      int days =
          (int)
              Math.min(
                  3650,
                  Math.max(365, Math.ceil(365.0 * wanted / bookHolders / PLANNED_EVENTS_PER_YEAR)));
      // Encoded and indexed up front, so the run itself allocates little in this JVM, which the
      // job shares: the send time of event i goes into a primitive array, and the reader finds i
      // from the alert's policyholder and as-of time.
      PackedEvents events = new PackedEvents((int) wanted);
      new Simulator(SimulationConfig.of(bookHolders, days, seed + 7)).run(events::add);
      int total = events.size();
      if (total < wanted) {
        results.note(
            String.format(
                "latency: %,d policyholders over %d days gave %,d events of the %,d the run"
                    + " needed; it ends early",
                bookHolders, days, total, wanted));
      }
      // File checkpoints, as deployed: the JobManager-memory default fails every checkpoint once a
      // task's state passes 5 MB (here: the keyed state of tens of thousands of policyholders plus
      // the feature-store writer's unconfirmed vectors), and the job then restarts with back-off.
      Configuration flink = PipelineBench.deploymentLike(checkpoints);
      // Latency settings: watermarks every 20 ms (default 200), network buffers flushed every
      // 5 ms (default 100).
      flink.set(PipelineOptions.AUTO_WATERMARK_INTERVAL, Duration.ofMillis(20));
      flink.set(ExecutionOptions.BUFFER_TIMEOUT, Duration.ofMillis(5));
      StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2, flink);
      env.setParallelism(2);
      env.enableCheckpointing(settings.checkpointIntervalMs());
      ScoringJob.fromSettings(settings).build(env);
      JobClient job = env.executeAsync("lapsewatch-latency");

      AtomicLongArray sentAt = new AtomicLongArray(total);
      int warmUp = (int) Math.min(total, sentBy(warmUpSeconds, eventsPerSecond, warmUpSeconds));
      // One {latency ms, sent at ms} pair per event-triggered alert, warm-up included (the log
      // shows how the warm-up went); only those sent after it count in the percentiles.
      List<long[]> timed = java.util.Collections.synchronizedList(new ArrayList<>());
      AtomicBoolean stop = new AtomicBoolean();
      Thread reader =
          new Thread(() -> readAlerts(kafka.bootstrapServers(), events, sentAt, timed, stop));
      reader.start();
      Map<Integer, Long> checkpointsDone = new java.util.concurrent.ConcurrentSkipListMap<>();
      Thread checkpointWatch =
          new Thread(() -> watchCheckpoints(checkpoints, checkpointsDone, stop));
      checkpointWatch.start();
      Thread.sleep(3_000); // let the job start before the clock matters
      // Sent in 1 ms steps with the generator parked in between: a spinning generator took a
      // whole core of the two the job runs on.
      long start = System.nanoTime();
      try (KafkaProducer<byte[], byte[]> producer = producer(kafka.bootstrapServers())) {
        int i = 0;
        while (i < total) {
          double elapsed = (System.nanoTime() - start) / 1e9;
          int due = (int) Math.min(total, sentBy(elapsed, eventsPerSecond, warmUpSeconds) + 1);
          long now = System.currentTimeMillis();
          for (; i < due; i++) {
            sentAt.set(i, now);
            producer.send(new ProducerRecord<>("policy-events", events.key(i), events.value(i)));
          }
          java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
        }
      }
      double sendSeconds = (System.nanoTime() - start) / 1e9;
      // Drain: until no alert has come for 5 s (at most a minute), so a run that fell behind
      // still reports how far behind, instead of losing its slowest alerts.
      long drainEnd = System.currentTimeMillis() + DRAIN_MAX_MS;
      int seen = -1;
      while (System.currentTimeMillis() < drainEnd && timed.size() != seen) {
        seen = timed.size();
        Thread.sleep(5_000);
      }
      stop.set(true);
      reader.join();
      checkpointWatch.join();
      job.cancel().get();
      long startMillis = System.currentTimeMillis() - (System.nanoTime() - start) / 1_000_000;
      List<long[]> all;
      synchronized (timed) {
        all = new ArrayList<>(timed);
      }
      log.printf("  worst latency ms per 5 s of sending: %s%n", worstPerWindow(all, startMillis));
      // The timed part starts with the first event sent after the warm-up.
      long cut = warmUp < total ? sentAt.get(warmUp) : Long.MAX_VALUE;
      long lastSent = sentAt.get(total - 1);
      long checkpointsTimed =
          checkpointsDone.values().stream().filter(t -> t >= cut && t <= lastSent).count();
      log.printf(
          "  checkpoints completed (s into the run): %s; %d during the timed part (%.0f-%.0f s)%n",
          checkpointsDone.entrySet().stream()
              .map(
                  e ->
                      String.format(
                          Locale.ROOT, "%d@%.1f", e.getKey(), (e.getValue() - startMillis) / 1e3))
              .toList(),
          checkpointsTimed,
          (cut - startMillis) / 1e3,
          (lastSent - startMillis) / 1e3);
      List<long[]> afterWarmUp = all.stream().filter(t -> t[1] >= cut).toList();
      long[] sorted = afterWarmUp.stream().mapToLong(t -> t[0]).sorted().toArray();
      // When the slowest alerts' events were sent (seconds into the run): clusters at a fixed
      // period point at checkpoints, scattered ones at GC or a busy machine.
      log.printf(
          "  slowest alerts (latency ms @ s into the run): %s%n",
          afterWarmUp.stream()
              .sorted((a, b) -> Long.compare(b[0], a[0]))
              .limit(12)
              .map(x -> String.format(Locale.ROOT, "%d@%.1f", x[0], (x[1] - startMillis) / 1e3))
              .toList());
      if (sorted.length == 0) {
        results.notMeasured("latency_p50_ms", "no event-triggered alert was read back");
        return;
      }
      String how =
          String.format(
              Locale.ROOT,
              "unbounded job, %,d events of %,d policyholders produced in %.0f s: a %d s warm-up"
                  + " ramping up to %,d"
                  + " events/s, then %,d events/s; watermark interval 20 ms, buffer timeout 5 ms,"
                  + " out-of-orderness 1 s, file checkpoints every %,d ms (%d completed in the timed"
                  + " part), alert threshold %.2f; %,d event-triggered alerts after the warm-up:"
                  + " time from sending the event to reading the alert",
              total,
              bookHolders,
              sendSeconds,
              warmUpSeconds,
              eventsPerSecond,
              eventsPerSecond,
              settings.checkpointIntervalMs(),
              checkpointsTimed,
              ALERT_THRESHOLD,
              sorted.length);
      results.figure(SECTION, "latency_p50_ms", percentile(sorted, 0.50), "ms", how);
      results.figure(SECTION, "latency_p95_ms", percentile(sorted, 0.95), "ms", how);
      results.figure(SECTION, "latency_p99_ms", percentile(sorted, 0.99), "ms", "<= 200", how);
      results.figure(SECTION, "latency_max_ms", sorted[sorted.length - 1], "ms", how);
      log.printf(
          "  latency p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %d ms over %,d alerts%n",
          percentile(sorted, 0.50),
          percentile(sorted, 0.95),
          percentile(sorted, 0.99),
          sorted[sorted.length - 1],
          sorted.length);
    } finally {
      BenchCommand.deleteTree(registry);
      BenchCommand.deleteTree(checkpoints);
    }
  }

  /**
   * Events sent {@code t} seconds into the run. The warm-up ramps the rate linearly from a quarter
   * of {@code rate} to all of it, so that the cold job (JIT still compiling) does not start the
   * timed part with a backlog built in its first seconds; then the rate is held.
   */
  static long sentBy(double t, int rate, int warmUpSeconds) {
    double w = warmUpSeconds;
    if (t < w) {
      return (long) (rate * (0.25 * t + 0.375 * t * t / w));
    }
    return (long) (rate * (0.625 * w + (t - w)));
  }

  /** The worst latency among alerts whose events were sent in each 5-second window. */
  static String worstPerWindow(List<long[]> samples, long startMillis) {
    java.util.TreeMap<Long, Long> worst = new java.util.TreeMap<>();
    for (long[] t : samples) {
      worst.merge(Math.max(0, (t[1] - startMillis) / 5_000), t[0], Math::max);
    }
    StringBuilder b = new StringBuilder();
    worst.forEach(
        (w, ms) -> b.append(b.length() == 0 ? "" : ", ").append(w * 5).append("s:").append(ms));
    return b.toString();
  }

  static double percentile(long[] sorted, double q) {
    int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
    return sorted[Math.max(0, i)];
  }

  /**
   * Notes when each checkpoint completes: Flink writes {@code chk-N/_metadata} last, and keeps only
   * the newest checkpoint, so the folder is polled often enough to see every one.
   */
  private static void watchCheckpoints(Path root, Map<Integer, Long> done, AtomicBoolean stop) {
    while (!stop.get()) {
      try (java.util.stream.Stream<Path> jobs = Files.list(root)) {
        for (Path job : jobs.toList()) {
          try (java.util.stream.Stream<Path> chks = Files.list(job)) {
            for (Path chk : chks.toList()) {
              String name = chk.getFileName().toString();
              if (name.startsWith("chk-") && Files.exists(chk.resolve("_metadata"))) {
                done.putIfAbsent(Integer.parseInt(name.substring(4)), System.currentTimeMillis());
              }
            }
          }
        }
      } catch (java.io.IOException | java.io.UncheckedIOException e) {
        // A checkpoint folder removed while listed: the next poll sees the newer one.
      }
      java.util.concurrent.locks.LockSupport.parkNanos(100_000_000L);
    }
  }

  private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("key.serializer", ByteArraySerializer.class.getName());
    p.put("value.serializer", ByteArraySerializer.class.getName());
    // Client defaults otherwise, as an application publishing events would have them (Kafka 4:
    // linger.ms 5); the send time is taken before send(), so the linger counts in the latency.
    return new KafkaProducer<>(p);
  }

  private static void readAlerts(
      String bootstrap,
      PackedEvents events,
      AtomicLongArray sentAt,
      List<long[]> timed,
      AtomicBoolean stop) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("key.deserializer", ByteArrayDeserializer.class.getName());
    p.put("value.deserializer", ByteArrayDeserializer.class.getName());
    p.put("enable.auto.commit", "false");
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
      List<TopicPartition> parts =
          Arrays.asList(
              new TopicPartition("retention-alerts", 0), new TopicPartition("retention-alerts", 1));
      c.assign(parts);
      c.seekToBeginning(parts);
      while (!stop.get()) {
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(5))) {
          long now = System.currentTimeMillis();
          try {
            Alert a = AlertJson.parse(r.value());
            int i = events.indexOf(a.policyholderId, a.asOf);
            long sent = i < 0 ? 0 : sentAt.get(i);
            if (sent != 0) {
              timed.add(new long[] {now - sent, sent});
            }
          } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable alert", e);
          }
        }
      }
    }
  }
}
