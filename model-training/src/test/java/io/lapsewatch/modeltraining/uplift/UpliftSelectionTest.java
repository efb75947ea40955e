package io.lapsewatch.modeltraining.uplift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lapsewatch.modeltraining.trainers.LogisticRegressionParams;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UpliftSelectionTest {
  private static final LogisticRegressionParams QUICK_LR =
      new LogisticRegressionParams(10, 0.1, 10.0, 0, 7L);

  /** A deliberately wrong estimator: the wrapped one's ranking turned upside down. */
  private record TestingReversedEstimator(UpliftEstimator inner) implements UpliftEstimator {
    @Override
    public String name() {
      return "reversed " + inner.name();
    }

    @Override
    public Map<String, Object> params() {
      return new LinkedHashMap<>(inner.params());
    }

    @Override
    public UpliftModel train(UpliftDataset data) {
      UpliftModel m = inner.train(data);
      return new UpliftModel() {
        @Override
        public double[] uplift(double[][] rows) {
          double[] s = m.uplift(rows);
          for (int i = 0; i < s.length; i++) {
            s[i] = -s[i];
          }
          return s;
        }

        @Override
        public UpliftProvenance provenance() {
          return m.provenance();
        }
      };
    }
  }

  @Test
  void foldsAreStratifiedByArmAndOutcome() {
    UpliftDataset d = SyntheticUpliftWorld.draw(3_001, 0.3, 4L).data();
    boolean[] t = d.treatedFlags();
    boolean[] y = d.renewedFlags();

    int[] folds = UpliftSelection.folds(t, y, 5, 9L);

    for (int stratum = 0; stratum < 4; stratum++) {
      int[] perFold = new int[5];
      for (int i = 0; i < folds.length; i++) {
        if ((t[i] ? 2 : 0) + (y[i] ? 1 : 0) == stratum) {
          perFold[folds[i]]++;
        }
      }
      int min = Arrays.stream(perFold).min().orElseThrow();
      int max = Arrays.stream(perFold).max().orElseThrow();
      assertThat(max - min).as("stratum %d per fold %s", stratum, perFold).isLessThanOrEqualTo(1);
    }
    assertThat(UpliftSelection.folds(t, y, 5, 9L)).isEqualTo(folds);
  }

  @Test
  void crossValidationChoosesByQiniAndReportsEveryCandidate() {
    UpliftDataset d = SyntheticUpliftWorld.draw(8_000, 0.5, 31L).data();
    List<UpliftEstimator> candidates =
        List.of(
            new TestingReversedEstimator(new TwoModelLearner(QUICK_LR)),
            new TwoModelLearner(QUICK_LR),
            new ClassTransformationLearner(QUICK_LR));

    UpliftSelection.Result r = UpliftSelection.select(d, candidates, 3, 5L);

    assertThat(r.scores())
        .extracting(UpliftSelection.CandidateScore::estimator)
        .containsExactlyElementsOf(candidates);
    assertThat(r.scores().get(0).meanQiniCoefficient()).isLessThan(0);
    assertThat(r.scores().get(1).meanQiniCoefficient()).isGreaterThan(0);
    assertThat(r.scores().get(2).meanQiniCoefficient()).isGreaterThan(0);
    assertThat(r.scores()).allSatisfy(s -> assertThat(s.foldQiniCoefficients()).hasSize(3));
    UpliftSelection.CandidateScore best =
        r.scores().stream()
            .max(Comparator.comparingDouble(UpliftSelection.CandidateScore::meanQiniCoefficient))
            .orElseThrow();
    assertThat(r.best()).isEqualTo(best.estimator());
    assertThat(r.best()).isNotInstanceOf(TestingReversedEstimator.class);
    // The chosen model is retrained on every row.
    assertThat(r.model().provenance().treatedRows() + r.model().provenance().controlRows())
        .isEqualTo(8_000);
    assertThat(r.folds()).isEqualTo(3);

    UpliftSelection.Result again = UpliftSelection.select(d, candidates, 3, 5L);
    assertThat(again.scores())
        .extracting(UpliftSelection.CandidateScore::meanQiniCoefficient)
        .containsExactlyElementsOf(
            r.scores().stream().map(UpliftSelection.CandidateScore::meanQiniCoefficient).toList());
  }

  @Test
  void defaultCandidatesCoverEveryLearnerOnBothBases() {
    List<UpliftEstimator> c = UpliftSelection.defaultCandidates(1L);

    assertThat(c).hasSize(10);
    assertThat(c)
        .extracting(UpliftEstimator::name)
        .containsOnly("two-model", "class-transformation", "x-learner");
    assertThat(c).extracting(e -> e.params().get("base")).contains("lr", "rf");
  }

  @Test
  void tooFewRowsPerArmOrNoCandidatesAreRefused() {
    UpliftDataset tiny =
        new UpliftDataset(
            "callback",
            List.of("x"),
            List.of(
                new UpliftExample(new double[] {1}, true, true),
                new UpliftExample(new double[] {2}, false, true),
                new UpliftExample(new double[] {3}, true, false)));

    assertThatThrownBy(() -> UpliftSelection.select(tiny, List.of(TwoModelLearner.DEFAULT), 2, 1L))
        .hasMessageContaining("got 2 treated and 1 holdout");
    assertThatThrownBy(() -> UpliftSelection.select(tiny, List.of(), 2, 1L))
        .hasMessageContaining("no uplift candidates");
  }
}
