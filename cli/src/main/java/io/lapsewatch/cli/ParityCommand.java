package io.lapsewatch.cli;

import io.lapsewatch.embedded.LocalStack;
import io.lapsewatch.featurestore.events.EventCodec;
import io.lapsewatch.featurestore.events.PolicyEvent;
import io.lapsewatch.featurestore.features.FeatureVector;
import io.lapsewatch.featurestore.features.PolicyholderState;
import io.lapsewatch.featurestore.simulator.SimulationConfig;
import io.lapsewatch.featurestore.simulator.Simulator;
import io.lapsewatch.flinkjobs.JobSettings;
import io.lapsewatch.flinkjobs.ScoringJob;
import io.lapsewatch.modeltraining.TrainCommand;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * {@code parity --policyholders N [--days D] [--seed S] [--out-of-order-ms MS]}: proves that the
 * Flink job and the offline feature code agree. The same simulated history goes (a) through the
 * pure-Java {@link PolicyholderState} in time order and (b) shuffled within the out-of-orderness
 * bound through Kafka and the ScoringJob at parallelism 2; every vector the job emits is compared
 * with the offline vector of the same policyholder as of the same instant.
 */
final class ParityCommand {
  /** What a parity run found. */
  record Result(long events, long compared, long mismatching, long missing) {
    boolean identical() {
      return mismatching == 0 && missing == 0 && compared > 0;
    }
  }

  private ParityCommand() {}

  static int run(ParityOptions a, PrintStream out) throws Exception {
    int holders = a.holders;
    int days = a.days;
    long seed = a.seed;
    int outOfOrderMs = a.outOfOrderMs;
    Result r = check(holders, days, seed, outOfOrderMs, out);
    out.printf(
        "parity: %,d events, %,d vectors compared, %d mismatching, %d missing%n",
        r.events(), r.compared(), r.mismatching(), r.missing());
    return r.identical() ? 0 : 1;
  }

  static Result check(int holders, int days, long seed, int outOfOrderMs, PrintStream log)
      throws Exception {
    List<PolicyEvent> events = new ArrayList<>();
    new Simulator(SimulationConfig.of(holders, days, seed)).run(events::add);
    log.printf(
        "simulated %,d events for %,d policyholders over %d days%n", events.size(), holders, days);

    Path work = Files.createTempDirectory("lapsewatch-parity");
    // The job needs a model to run; parity is about features, so a small separate one will do.
    Path registry = work.resolve("models");
    TrainCommand.trainOnSimulation(
        SimulationConfig.of(500, 365, seed + 1),
        registry,
        io.lapsewatch.modeltraining.trainers.TrainerKind.LR,
        true);

    List<PolicyEvent> shuffled = shuffleWithin(events, outOfOrderMs, seed);
    String runId = "parity-" + System.nanoTime();
    try (LocalStack servers =
        LocalStack.builder()
            .withKafka()
            .withTopics(2, "policy-events", "policy-events-dlq", "retention-alerts")
            .withRedis()
            .start()) {
      try (KafkaProducer<byte[], byte[]> producer =
          SimulateCommand.producer(servers.bootstrapServers())) {
        for (PolicyEvent e : shuffled) {
          producer.send(
              new ProducerRecord<>(
                  "policy-events",
                  e.policyholderId.getBytes(StandardCharsets.UTF_8),
                  EventCodec.toBytes(e)));
        }
      }
      Map<String, String> config = new HashMap<>();
      config.put("kafka.bootstrap-servers", servers.bootstrapServers());
      config.put("redis.url", servers.redisUrl());
      config.put("model.registry", registry.toString());
      config.put("events.bounded", "true");
      config.put("events.max-out-of-orderness-ms", Integer.toString(outOfOrderMs));
      config.put("job.parallelism", "2");
      JobSettings settings = JobSettings.of(config);
      StreamExecutionEnvironment env =
          StreamExecutionEnvironment.createLocalEnvironment(2, ScoringJob.baseConfiguration());
      log.printf(
          "running the job on %,d events shuffled within %d ms ...%n",
          shuffled.size(), outOfOrderMs);
      ScoringJob.fromSettings(settings)
          .withFeatureSink(new LocalCollectingSink(runId))
          .execute(env);
    }
    return compare(events, LocalCollectingSink.take(runId));
  }

  /**
   * Reorders events so that none arrives after an event more than {@code boundMs / 2} later than
   * itself: shuffled, yet within what the watermark tolerates.
   */
  static List<PolicyEvent> shuffleWithin(List<PolicyEvent> events, int boundMs, long seed) {
    Random r = new Random(seed);
    long jitter = Math.max(1, boundMs / 2);
    List<long[]> keyed = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      keyed.add(new long[] {events.get(i).occurredAt + (long) (r.nextDouble() * jitter), i});
    }
    keyed.sort(Comparator.comparingLong(k -> k[0]));
    List<PolicyEvent> out = new ArrayList<>(events.size());
    for (long[] k : keyed) {
      out.add(events.get((int) k[1]));
    }
    return out;
  }

  /** Compares every online vector with the offline one as of the same instant. */
  static Result compare(List<PolicyEvent> events, List<FeatureVector> online) {
    Map<String, List<PolicyEvent>> byHolder = new HashMap<>();
    for (PolicyEvent e : events) {
      byHolder.computeIfAbsent(e.policyholderId, k -> new ArrayList<>()).add(e);
    }
    Map<String, List<FeatureVector>> onlineByHolder = new HashMap<>();
    for (FeatureVector v : online) {
      if (!v.erased) {
        onlineByHolder.computeIfAbsent(v.policyholderId, k -> new ArrayList<>()).add(v);
      }
    }
    long compared = 0;
    long mismatching = 0;
    long missing = 0;
    Comparator<PolicyEvent> order =
        Comparator.comparingLong((PolicyEvent e) -> e.occurredAt).thenComparing(e -> e.eventId);
    for (Map.Entry<String, List<PolicyEvent>> h : byHolder.entrySet()) {
      List<PolicyEvent> history = new ArrayList<>(h.getValue());
      history.sort(order);
      List<FeatureVector> vectors =
          new ArrayList<>(onlineByHolder.getOrDefault(h.getKey(), List.of()));
      vectors.sort(Comparator.comparingLong(v -> v.asOf));
      // Every distinct event time must have produced a vector.
      long eventTimes = history.stream().mapToLong(e -> e.occurredAt).distinct().count();
      long covered =
          vectors.stream()
              .mapToLong(v -> v.asOf)
              .distinct()
              .filter(t -> history.stream().anyMatch(e -> e.occurredAt == t))
              .count();
      missing += eventTimes - covered;
      PolicyholderState offline = new PolicyholderState();
      int next = 0;
      for (FeatureVector v : vectors) {
        while (next < history.size() && history.get(next).occurredAt <= v.asOf) {
          offline.apply(history.get(next++));
        }
        FeatureVector expected = offline.vector(h.getKey(), v.asOf);
        compared++;
        if (!Arrays.equals(expected.values, v.values)
            || !Objects.equals(expected.policyId, v.policyId)
            || expected.renewalDate != v.renewalDate
            // The freshness behind each alert must be the same online and offline too.
            || expected.newestEventAt != v.newestEventAt) {
          mismatching++;
        }
      }
    }
    return new Result(events.size(), compared, mismatching, missing);
  }
}
