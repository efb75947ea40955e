package io.lapsewatch.modeltraining.uplift;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The golden uplift model in test resources ({@code golden/uplift-two-model}, written by {@link
 * GoldenUpliftModelGenerator}) must keep loading and scoring exactly as when it was saved: a change
 * that breaks saved models fails here.
 */
class GoldenUpliftModelTest {
  static final Path DIR = Path.of("src/test/resources/golden/uplift-two-model");
  static final Path EXPECTED = Path.of("src/test/resources/golden/uplift-expected.csv");

  @Test
  void theSavedModelLoadsAndScoresAsBefore() throws Exception {
    UpliftModel model = UpliftModelStore.load(DIR);
    assertThat(model.provenance().estimator()).isEqualTo("two-model");
    assertThat(model.provenance().featureNames()).isEqualTo(SyntheticUpliftWorld.FEATURES);
    List<String> lines = Files.readAllLines(EXPECTED);
    assertThat(lines).hasSizeGreaterThan(10);
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      double[] x = {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])};
      assertThat(model.uplift(x)).as(line).isEqualTo(Double.parseDouble(f[3]));
    }
  }
}
