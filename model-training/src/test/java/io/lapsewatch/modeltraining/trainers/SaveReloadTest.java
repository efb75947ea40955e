package io.lapsewatch.modeltraining.trainers;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.modeltraining.Evaluation;
import io.lapsewatch.modeltraining.tabular.TribuoRows;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tribuo.Model;
import org.tribuo.classification.Label;

/** Every trainer's model survives Tribuo's protobuf save and load unchanged. */
class SaveReloadTest {

  static Stream<Hyperparameters> smallConfigurations() {
    return Stream.of(
        new LogisticRegressionParams(5, 0.1, 1.0, 0, 7L),
        new GradientBoostingParams(20, 0.1, 3, 1, 0.8, 0.8, 1.0, 0.0, 7L),
        new RandomForestParams(10, 5, 2f, 0.5f, 7L));
  }

  @ParameterizedTest
  @MethodSource("smallConfigurations")
  @SuppressWarnings("unchecked")
  void reloadedModelPredictsTheSameAndKeepsItsProvenance(Hyperparameters params, @TempDir Path dir)
      throws IOException {
    SyntheticPolicies data = SyntheticPolicies.draw(400, 1);
    Model<Label> model = ModelTrainer.train(params, data.dataset(), quiet());
    Path file = dir.resolve("model.tribuo");

    model.serializeToFile(file);
    Model<Label> reloaded = (Model<Label>) Model.deserializeFromFile(file);

    double[] before = TribuoRows.positiveScores(model, data.x, SyntheticPolicies.FEATURES);
    double[] after = TribuoRows.positiveScores(reloaded, data.x, SyntheticPolicies.FEATURES);
    assertThat(after).containsExactly(before);
    assertThat(reloaded.getProvenance()).isEqualTo(model.getProvenance());
    // The model learned something, so equal predictions are not trivially all equal.
    assertThat(Evaluation.aucRoc(before, data.lapsed)).isGreaterThan(0.75);
  }

  @ParameterizedTest
  @MethodSource("smallConfigurations")
  void sameSeedSameModel(Hyperparameters params) {
    SyntheticPolicies data = SyntheticPolicies.draw(300, 2);

    double[] a =
        TribuoRows.positiveScores(
            ModelTrainer.train(params, data.dataset(), quiet()),
            data.x,
            SyntheticPolicies.FEATURES);
    double[] b =
        TribuoRows.positiveScores(
            ModelTrainer.train(params, data.dataset(), quiet()),
            data.x,
            SyntheticPolicies.FEATURES);

    assertThat(b).containsExactly(a);
  }

  private static PrintStream quiet() {
    return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
  }
}
