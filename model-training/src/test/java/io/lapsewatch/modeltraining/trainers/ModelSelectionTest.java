package io.lapsewatch.modeltraining.trainers;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.modeltraining.tabular.CsvReader;
import io.lapsewatch.modeltraining.tabular.CsvTable;
import io.lapsewatch.modeltraining.tabular.LabelSpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ModelSelectionTest {

  /** Lapse depends on price shock only through a threshold, which stumps find easily. */
  private static CsvTable policies(int n) {
    SplittableRandom rng = new SplittableRandom(4);
    StringBuilder sb = new StringBuilder("shock,tenure,lapse\n");
    for (int i = 0; i < n; i++) {
      double shock = rng.nextDouble();
      double tenure = rng.nextDouble();
      double p = shock > 0.7 ? 0.7 : 0.15;
      sb.append(shock).append(',').append(tenure).append(',');
      sb.append(rng.nextDouble() < p ? "yes" : "no").append('\n');
    }
    return CsvReader.parse(sb.toString(), ',', "policies");
  }

  @Test
  void bestMeanAucWinsAndEveryConfigurationIsScoredOnce() {
    List<Hyperparameters> grid =
        List.of(
            new GradientBoostingParams(30, 0.1, 1, 1, 1.0, 1.0, 1.0, 0.0, 1L),
            new GradientBoostingParams(30, 0.1, 3, 1, 1.0, 1.0, 1.0, 0.0, 1L));
    ByteArrayOutputStream log = new ByteArrayOutputStream();

    ModelSelection.Result r =
        ModelSelection.select(
            policies(600),
            new LabelSpec("lapse", "yes"),
            Set.of(),
            grid,
            3,
            9L,
            new PrintStream(log, true, StandardCharsets.UTF_8));

    double top = r.scores().stream().mapToDouble(ModelSelection.Score::meanAuc).max().orElseThrow();
    ModelSelection.Score chosen =
        r.scores().stream().filter(s -> s.params().equals(r.best())).findFirst().orElseThrow();
    assertThat(chosen.meanAuc()).isEqualTo(top);
    // The grid, then 9 subsampling variants (1 already scored), then 6 leaf settings (1 scored).
    assertThat(r.scores()).hasSize(2 + 8 + 5);
    assertThat(r.scores().stream().map(ModelSelection.Score::params).distinct()).hasSize(15);
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("refining around the best so far");
  }
}
