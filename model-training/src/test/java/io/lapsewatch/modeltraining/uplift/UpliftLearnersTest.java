package io.lapsewatch.modeltraining.uplift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import io.lapsewatch.modeltraining.trainers.GradientBoostingParams;
import io.lapsewatch.modeltraining.trainers.LogisticRegressionParams;
import io.lapsewatch.modeltraining.trainers.RandomForestParams;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class UpliftLearnersTest {
  private static SyntheticUpliftWorld train;
  private static SyntheticUpliftWorld test;

  @BeforeAll
  static void draw() {
    train = SyntheticUpliftWorld.draw(20_000, 0.5, 11L);
    test = SyntheticUpliftWorld.draw(20_000, 0.5, 12L);
  }

  private static UpliftMetrics.Evaluation evaluateOnTest(UpliftModel model) {
    double[] s = model.uplift(test.data().features());
    return UpliftMetrics.evaluate(
        s,
        test.data().treatedFlags(),
        test.data().renewedFlags(),
        test.data().annualPremiums(),
        test.trueEffect());
  }

  private static double meanUpliftWhere(UpliftModel model, double trueEffect) {
    double[][] x = test.data().features();
    double[] s = model.uplift(x);
    double sum = 0;
    int n = 0;
    for (int i = 0; i < s.length; i++) {
      if (test.trueEffect()[i] == trueEffect) {
        sum += s[i];
        n++;
      }
    }
    return sum / n;
  }

  private static void assertFindsThePersuadables(UpliftModel model) {
    UpliftMetrics.Evaluation e = evaluateOnTest(model);

    assertThat(meanUpliftWhere(model, SyntheticUpliftWorld.PERSUADABLE_EFFECT))
        .isGreaterThan(meanUpliftWhere(model, 0.0));
    assertThat(meanUpliftWhere(model, 0.0))
        .isGreaterThan(meanUpliftWhere(model, SyntheticUpliftWorld.SLEEPING_DOG_EFFECT));
    assertThat(e.qiniCoefficient()).isGreaterThan(0.1);
    assertThat(e.trueEffectCorrelation()).isGreaterThan(0.5);
    // 40% are persuadables: the top 30% should be mostly them, far above the 0.3 * 0.4 - 0.2 * 0.18
    // average effect.
    assertThat(e.upliftAt().get(0.3)).isGreaterThan(0.2);
  }

  @Test
  void twoModelOnLogisticRegressionFindsPersuadablesAboveSleepingDogs() {
    assertFindsThePersuadables(TwoModelLearner.DEFAULT.train(train.data()));
  }

  @Test
  void twoModelOnRandomForestFindsPersuadablesAboveSleepingDogs() {
    assertFindsThePersuadables(
        new TwoModelLearner(new RandomForestParams(30, 4, 5f, 0.67f, 3L)).train(train.data()));
  }

  @Test
  void classTransformationFindsPersuadablesAboveSleepingDogs() {
    assertFindsThePersuadables(ClassTransformationLearner.DEFAULT.train(train.data()));
  }

  @Test
  void weightedLearnersWorkOnBoostedTreesToo() {
    // XGBoost takes the example weights through its own matrix; a 30% holdout makes them matter.
    SyntheticUpliftWorld small = SyntheticUpliftWorld.draw(6_000, 0.7, 41L);
    GradientBoostingParams gbt = new GradientBoostingParams(40, 0.1, 3, 5, 1.0, 1.0, 1.0, 0.0, 2L);

    for (UpliftEstimator e : List.of(new ClassTransformationLearner(gbt), new XLearner(gbt))) {
      double[] s = e.train(small.data()).uplift(test.data().features());
      assertThat(UpliftMetrics.pearson(s, test.trueEffect())).as(e.describe()).isGreaterThan(0.5);
    }
  }

  @Test
  void xLearnerFindsPersuadablesAboveSleepingDogs() {
    assertFindsThePersuadables(XLearner.DEFAULT.train(train.data()));
  }

  @Test
  void xLearnerOnAnUnbalancedHoldoutEstimatesTheAverageEffect() {
    SyntheticUpliftWorld unbalanced = SyntheticUpliftWorld.draw(20_000, 0.8, 22L);
    double[] s = XLearner.DEFAULT.train(unbalanced.data()).uplift(test.data().features());

    assertThat(mean(s)).isCloseTo(mean(test.trueEffect()), offset(0.05));
    assertThat(UpliftMetrics.pearson(s, test.trueEffect())).isGreaterThan(0.5);
  }

  @Test
  void classTransformationReweightsAnUnbalancedHoldout() {
    // A 20% holdout: without the 0.5/p weights, 2 P(z=1|x) - 1 would be biased by the arm shares.
    SyntheticUpliftWorld unbalanced = SyntheticUpliftWorld.draw(20_000, 0.8, 21L);
    UpliftModel model = ClassTransformationLearner.DEFAULT.train(unbalanced.data());
    double[] s = model.uplift(test.data().features());

    assertThat(mean(s)).isCloseTo(mean(test.trueEffect()), offset(0.05));
    assertThat(UpliftMetrics.pearson(s, test.trueEffect())).isGreaterThan(0.5);
  }

  @Test
  void theTrueEffectRanksAtLeastAsWellAsEitherLearner() {
    double[] oracle = test.trueEffect();
    UpliftData d = new UpliftData(test.data());
    double oracleQini = UpliftMetrics.qiniCoefficient(oracle, d.t, d.y);

    for (UpliftModel m :
        List.of(
            TwoModelLearner.DEFAULT.train(train.data()),
            ClassTransformationLearner.DEFAULT.train(train.data()),
            XLearner.DEFAULT.train(train.data()))) {
      assertThat(oracleQini).isGreaterThan(evaluateOnTest(m).qiniCoefficient());
    }
    // The perfect ranking of the observed outcomes is the normalising maximum.
    assertThat(UpliftMetrics.qiniCoefficient(UpliftMetrics.perfectScores(d.t, d.y), d.t, d.y))
        .isEqualTo(1.0);
    assertThat(oracleQini).isLessThan(1.0);
  }

  @Test
  void randomScoresHaveAQiniAreaNearZero() {
    UpliftData d = new UpliftData(test.data());
    SplittableRandom rng = new SplittableRandom(5L);
    double[] random = new double[d.t.length];
    for (int i = 0; i < random.length; i++) {
      random[i] = rng.nextDouble();
    }
    // Under random order the Qini curve minus its chord is a bridge of the per-row terms
    // w = y t - y (1 - t) N_t / N_c; its area has standard deviation sd(w) / sqrt(12 N)
    // (integral of a Brownian bridge has variance 1/12). Four of those bound it with
    // probability > 0.9999, whatever the seed.
    int nt = 0;
    for (boolean b : d.t) {
      nt += b ? 1 : 0;
    }
    double ratio = nt / (double) (d.t.length - nt);
    double[] w = new double[d.t.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = d.y[i] ? (d.t[i] ? 1 : -ratio) : 0;
    }
    double sd = Math.sqrt(variance(w));
    double sdArea = sd / Math.sqrt(12.0 * w.length);

    double area = UpliftMetrics.qiniArea(random, d.t, d.y);

    assertThat(Math.abs(area)).isLessThan(4 * sdArea);
    // The true effect is more than ten of those from zero, so the bound can tell them apart.
    assertThat(UpliftMetrics.qiniArea(test.trueEffect(), d.t, d.y)).isGreaterThan(10 * sdArea);
  }

  @Test
  void modelsRecordTheirProvenanceAndRejectWrongWidths() {
    UpliftModel m =
        new TwoModelLearner(new LogisticRegressionParams(5, 0.1, 10, 0, 9L)).train(train.data());

    assertThat(m.provenance().estimator()).isEqualTo("two-model");
    assertThat(m.provenance().action()).isEqualTo("offer");
    assertThat(m.provenance().params()).containsEntry("base", "lr").containsEntry("base.epochs", 5);
    assertThat(m.provenance().treatedRows() + m.provenance().controlRows()).isEqualTo(20_000);
    assertThat(m.provenance().featureNames()).isEqualTo(SyntheticUpliftWorld.FEATURES);
    assertThat(m.uplift(new double[] {0.9, 0.1, 0.5}))
        .isEqualTo(m.uplift(new double[][] {{0.9, 0.1, 0.5}})[0]);
    assertThatThrownBy(() -> m.uplift(new double[] {0.9, 0.1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has 2 features; the uplift model expects 3");
  }

  @Test
  void trainingNeedsBothArms() {
    UpliftDataset treatedOnly = train.data().arm(true);

    assertThatThrownBy(() -> ClassTransformationLearner.DEFAULT.train(treatedOnly))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0 holdout");
  }

  private static double mean(double[] v) {
    double m = 0;
    for (double x : v) {
      m += x / v.length;
    }
    return m;
  }

  private static double variance(double[] v) {
    double m = 0;
    for (double x : v) {
      m += x / v.length;
    }
    double s = 0;
    for (double x : v) {
      s += (x - m) * (x - m) / (v.length - 1);
    }
    return s;
  }

  /** Arms and outcomes of a dataset. */
  private static final class UpliftData {
    final boolean[] t;
    final boolean[] y;

    UpliftData(UpliftDataset d) {
      t = d.treatedFlags();
      y = d.renewedFlags();
    }
  }
}
