package io.lapsewatch.flinkjobs.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lapsewatch.embedded.EmbeddedRedis;
import io.lapsewatch.featurestore.simulator.NdjsonEvents;
import io.lapsewatch.featurestore.simulator.SimulationConfig;
import io.lapsewatch.featurestore.simulator.Simulator;
import io.lapsewatch.featurestore.store.RedisSettings;
import io.lapsewatch.modeltraining.TrainCommand;
import io.lapsewatch.modeltraining.model.ChurnModel;
import io.lapsewatch.modeltraining.model.ModelRegistry;
import io.lapsewatch.modeltraining.model.ModelSource;
import io.lapsewatch.modeltraining.model.RedisModelStore;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publishing a model into a real redis-server and loading it back as a job would. */
class RedisModelStoreITCase {
  @TempDir Path dir;

  @Test
  void aModelPublishedToRedisScoresExactlyLikeTheFileOne() throws Exception {
    Path history = dir.resolve("h.ndjson");
    try (NdjsonEvents.Writer w = new NdjsonEvents.Writer(history)) {
      new Simulator(SimulationConfig.of(800, 365, 4)).run(w);
    }
    ModelRegistry registry = new ModelRegistry(dir.resolve("models"));
    String version =
        TrainCommand.run(
                history,
                registry.root(),
                new int[] {30},
                false,
                new PrintStream(OutputStream.nullOutputStream()))
            .version();
    try (EmbeddedRedis redis = EmbeddedRedis.start();
        RedisModelStore store =
            RedisModelStore.open(RedisSettings.parse(redis.url(), null, false))) {
      assertThat(store.currentVersion()).isEmpty();
      store.publish(registry, version);

      assertThat(store.currentVersion()).contains(version);
      ChurnModel fromRedis = store.load(version);
      ChurnModel fromFile = ModelSource.folder(registry).load(version);
      double[] row = new double[fromFile.features().size()];
      for (int i = 0; i < row.length; i++) {
        row[i] = i % 3;
      }
      assertThat(fromRedis.score(row)).isEqualTo(fromFile.score(row));
      assertThat(fromRedis.metadata().featureSchemaHash())
          .isEqualTo(fromFile.metadata().featureSchemaHash());
      assertThatThrownBy(() -> store.load("m-missing")).hasMessageContaining("m-missing");
    }
  }
}
