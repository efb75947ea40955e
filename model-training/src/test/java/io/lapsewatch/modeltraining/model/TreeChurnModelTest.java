package io.lapsewatch.modeltraining.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lapsewatch.featurestore.simulator.SimulationConfig;
import io.lapsewatch.featurestore.simulator.Simulator;
import io.lapsewatch.modeltraining.LapseTrainer;
import io.lapsewatch.modeltraining.TrainingExample;
import io.lapsewatch.modeltraining.TrainingSetBuilder;
import io.lapsewatch.modeltraining.trainers.TrainerKind;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tree models on event data: pure-Java scoring agrees with Tribuo, saves and reloads. */
class TreeChurnModelTest {
  @TempDir static Path dir;
  static List<TrainingExample> examples;

  @BeforeAll
  static void simulate() {
    TrainingSetBuilder b = new TrainingSetBuilder(60, 30);
    new Simulator(SimulationConfig.of(1500, 365, 12)).run(b::accept);
    examples = b.examples();
  }

  private static LapseTrainer.Result train(TrainerKind kind, String folder) throws Exception {
    return LapseTrainer.train(
        examples,
        new ModelRegistry(dir.resolve(folder)),
        kind,
        new PrintStream(OutputStream.nullOutputStream()));
  }

  @Test
  void boostedTreesScoredInJavaMatchTribuoAndSurviveAReload() throws Exception {
    LapseTrainer.Result r = train(TrainerKind.GBT, "gbt");
    ChurnModel model = ChurnModel.load(r.dir());

    assertThat(model.scoresTreesInJava()).isTrue();
    for (TrainingExample x : examples.subList(0, 300)) {
      assertThat(model.score(x.features()))
          .isCloseTo(model.tribuoScore(x.features()), within(1e-6));
    }
    ChurnModel again = ChurnModel.load(r.dir());
    assertThat(again.tribuoModel().getProvenance()).isEqualTo(model.tribuoModel().getProvenance());
    for (TrainingExample x : examples.subList(300, 400)) {
      assertThat(again.score(x.features())).isEqualTo(model.score(x.features()));
    }
    assertThat(r.metadata().metrics().get("auc_roc")).isGreaterThan(0.6);
    assertThat(r.metadata().trainer()).contains("gradient-boosted");
  }

  @Test
  void treeExplanationsNameTheFeaturesThatRaiseTheScore() throws Exception {
    ChurnModel model = ChurnModel.load(train(TrainerKind.GBT, "gbt-explain").dir());
    TrainingExample risky =
        examples.stream()
            .max(java.util.Comparator.comparingDouble(x -> model.score(x.features())))
            .orElseThrow();

    List<ChurnModel.Contribution> why = model.explain(risky.features(), 3);

    assertThat(why).isNotEmpty().hasSizeLessThanOrEqualTo(3);
    assertThat(why).allSatisfy(c -> assertThat(c.logOdds()).isPositive());
    assertThat(why)
        .isSortedAccordingTo(
            java.util.Comparator.comparingDouble(ChurnModel.Contribution::logOdds).reversed());
  }

  @Test
  void randomForestSavesAndReloadsWithIdenticalScores() throws Exception {
    LapseTrainer.Result r = train(TrainerKind.RF, "rf");
    ChurnModel model = ChurnModel.load(r.dir());
    ChurnModel again = ChurnModel.load(r.dir());

    assertThat(again.tribuoModel().getProvenance()).isEqualTo(model.tribuoModel().getProvenance());
    for (TrainingExample x : examples.subList(0, 100)) {
      assertThat(again.score(x.features())).isEqualTo(model.score(x.features()));
    }
  }
}
