package io.lapsewatch.flinkjobs;

import io.lapsewatch.embedded.EmbeddedKafka;
import io.lapsewatch.embedded.EmbeddedRedis;
import io.lapsewatch.embedded.LocalStack;
import io.lapsewatch.featurestore.simulator.SimulationConfig;
import io.lapsewatch.modeltraining.TrainCommand;
import io.lapsewatch.modeltraining.trainers.TrainerKind;
import java.nio.file.Path;
import java.util.List;

/**
 * What a whole-job ITCase runs against: the {@link LocalStack}'s Kafka broker with the job's topics
 * and its redis-server, and a model trained on a simulated year and published in a registry folder.
 */
record TestingStack(LocalStack servers, Path registry) implements AutoCloseable {

  static TestingStack start(Path dir, List<String> redisArgs, int trainingHolders, long seed)
      throws Exception {
    LocalStack servers =
        LocalStack.builder()
            .withKafka()
            .withTopics(
                2,
                "policy-events",
                "policy-events-dlq",
                "retention-alerts",
                "retention-outcomes",
                "lapsewatch.model-monitoring")
            .withRedis(redisArgs)
            .start();
    try {
      Path registry = dir.resolve("models");
      TrainCommand.trainOnSimulation(
          SimulationConfig.of(trainingHolders, 365, seed), registry, TrainerKind.LR, true);
      return new TestingStack(servers, registry);
    } catch (Exception | Error e) {
      servers.close();
      throw e;
    }
  }

  EmbeddedKafka kafka() {
    return servers.kafka();
  }

  EmbeddedRedis redis() {
    return servers.redis();
  }

  @Override
  public void close() throws Exception {
    servers.close();
  }
}
