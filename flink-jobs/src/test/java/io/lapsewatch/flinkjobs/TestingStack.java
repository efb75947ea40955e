package io.lapsewatch.flinkjobs;

import io.lapsewatch.embedded.EmbeddedKafka;
import io.lapsewatch.embedded.EmbeddedRedis;
import io.lapsewatch.featurestore.simulator.SimulationConfig;
import io.lapsewatch.modeltraining.TrainCommand;
import io.lapsewatch.modeltraining.trainers.TrainerKind;
import java.nio.file.Path;
import java.util.List;

/**
 * What a whole-job ITCase runs against: an in-process Kafka broker with the job's topics, a real
 * redis-server, and a model trained on a simulated year and published in a registry folder.
 */
record TestingStack(EmbeddedKafka kafka, EmbeddedRedis redis, Path registry)
    implements AutoCloseable {

  static TestingStack start(Path dir, List<String> redisArgs, int trainingHolders, long seed)
      throws Exception {
    EmbeddedKafka kafka = EmbeddedKafka.start();
    EmbeddedRedis redis = EmbeddedRedis.start(EmbeddedRedis.freePort(), redisArgs);
    kafka.createTopics(
        2, "policy-events", "policy-events-dlq", "retention-alerts", "retention-outcomes");
    Path registry = dir.resolve("models");
    TrainCommand.trainOnSimulation(
        SimulationConfig.of(trainingHolders, 365, seed), registry, TrainerKind.LR, true);
    return new TestingStack(kafka, redis, registry);
  }

  @Override
  public void close() throws Exception {
    kafka.close();
    redis.close();
  }
}
