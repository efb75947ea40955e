package io.lapsewatch.modeltraining.uplift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lapsewatch.modeltraining.trainers.LogisticRegressionParams;
import io.lapsewatch.modeltraining.trainers.RandomForestParams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpliftModelStoreTest {
  private static final SyntheticUpliftWorld WORLD = SyntheticUpliftWorld.draw(1_500, 0.6, 5);
  private static final SyntheticUpliftWorld PROBE = SyntheticUpliftWorld.draw(200, 0.5, 6);

  @TempDir Path registry;

  @Test
  void everyEstimatorReloadsWithEqualProvenanceAndPredictions() throws IOException {
    var lr = new LogisticRegressionParams(10, 0.1, 10.0, 0, 3L);
    var rf = new RandomForestParams(5, 3, 5f, 0.67f, 3L);
    List<UpliftEstimator> estimators =
        List.of(new TwoModelLearner(lr), new ClassTransformationLearner(rf), new XLearner(lr));
    UpliftModelStore store = new UpliftModelStore(registry);
    for (UpliftEstimator e : estimators) {
      UpliftModel model = e.train(WORLD.data());
      Path dir = store.save(model);
      assertThat(dir.getParent()).isEqualTo(registry.resolve("uplift").resolve("offer"));
      UpliftModel back = UpliftModelStore.load(dir);
      assertThat(back.provenance()).as(e.describe()).isEqualTo(model.provenance());
      assertThat(back.uplift(PROBE.data().features()))
          .as(e.describe())
          .containsExactly(model.uplift(PROBE.data().features()));
    }
    assertThat(store.versions("offer")).hasSize(3).isSorted();
  }

  @Test
  void aFolderWithoutProvenanceIsNotAModel() throws IOException {
    Path dir = Files.createDirectories(registry.resolve("uplift/offer/u1"));
    assertThatThrownBy(() -> UpliftModelStore.load(dir))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("provenance.json");
    assertThat(new UpliftModelStore(registry).versions("offer")).isEmpty();
  }

  @Test
  void anUnknownLayoutFormatIsRefusedNamingIt() throws IOException {
    Path dir = registry.resolve("m");
    UpliftModelStore.saveTo(TwoModelLearner.DEFAULT.train(WORLD.data()), dir);
    Path file = dir.resolve(UpliftModelStore.PROVENANCE_FILE);
    Files.writeString(file, Files.readString(file).replace("\"format\" : 1", "\"format\" : 99"));
    assertThatThrownBy(() -> UpliftModelStore.load(dir)).hasMessageContaining("format 99");
  }
}
