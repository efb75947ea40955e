package io.lapsewatch.modeltraining.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lapsewatch.modeltraining.model.GoldenChurnFixture.Probe;
import io.lapsewatch.modeltraining.model.GoldenChurnFixture.Scores;
import io.lapsewatch.modeltraining.trainers.TrainerKind;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Churn models saved by an earlier build, one per trainer, must keep scoring the same policyholders
 * the same way: a change to the feature code, to loading or to scoring shows here before it reaches
 * models in the field. After a deliberate change, regenerate with {@link GoldenChurnModelGenerator}
 * and say so in the commit.
 */
class GoldenChurnModelTest {
  private static final double EXACT = 1e-12;

  private static Path golden() throws URISyntaxException {
    return Path.of(GoldenChurnModelTest.class.getResource("/golden").toURI());
  }

  @Test
  void featureCodeTurnsTheGoldenEventsIntoTheSavedVectors() throws Exception {
    List<Probe> saved = GoldenChurnFixture.readVectors(golden());
    List<Probe> now = GoldenChurnFixture.probesFromEvents(golden());

    assertThat(now).hasSameSizeAs(saved).hasSizeGreaterThanOrEqualTo(6);
    for (int i = 0; i < saved.size(); i++) {
      Probe s = saved.get(i);
      assertThat(now.get(i).policyholderId()).isEqualTo(s.policyholderId());
      assertThat(now.get(i).asOf()).isEqualTo(s.asOf());
      assertThat(now.get(i).values())
          .as("features of %s as of %d", s.policyholderId(), s.asOf())
          .containsExactly(s.values(), within(EXACT));
    }
  }

  @ParameterizedTest
  @EnumSource(TrainerKind.class)
  void goldenModelScoresTheSavedVectorsAsWhenItWasSaved(TrainerKind trainer) throws Exception {
    Path dir = GoldenChurnFixture.modelDir(golden(), trainer);
    ChurnModel model = ChurnModel.load(dir);
    List<Probe> probes = GoldenChurnFixture.readVectors(golden());
    List<Scores> expected = GoldenChurnFixture.readScores(dir);

    assertThat(expected).hasSameSizeAs(probes);
    for (int i = 0; i < probes.size(); i++) {
      double[] x = probes.get(i).values();
      Scores want = expected.get(i);
      String row = trainer.flag() + " probe " + i;
      assertThat(model.score(x)).as(row + " score").isCloseTo(want.score(), within(EXACT));
      assertThat(model.rawScore(x)).as(row + " raw").isCloseTo(want.rawScore(), within(EXACT));
      assertThat(model.tribuoScore(x))
          .as(row + " through Tribuo")
          .isCloseTo(want.tribuoScore(), within(EXACT));
    }
    // Different policyholders get different scores, so equal scores are not trivially equal.
    assertThat(expected.stream().map(Scores::score).distinct().count()).isGreaterThan(2);
  }

  @ParameterizedTest
  @EnumSource(TrainerKind.class)
  void goldenModelIsOfItsTrainersKind(TrainerKind trainer) throws Exception {
    ChurnModel model = ChurnModel.load(GoldenChurnFixture.modelDir(golden(), trainer));

    assertThat(model.metadata().trainer()).isEqualTo(trainer.description());
    assertThat(model.metadata().calibration()).isNotNull();
    String modelClass = model.tribuoModel().getClass().getSimpleName();
    switch (trainer) {
      case LR -> assertThat(modelClass).isEqualTo("LinearSGDModel");
      case GBT -> {
        assertThat(modelClass).isEqualTo("XGBoostModel");
        assertThat(model.scoresTreesInJava()).isTrue();
      }
      case RF -> assertThat(modelClass).isEqualTo("WeightedEnsembleModel");
    }
  }
}
