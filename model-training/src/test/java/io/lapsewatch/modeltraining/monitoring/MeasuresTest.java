package io.lapsewatch.modeltraining.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MeasuresTest {

  @Test
  void psiOfIdenticalDistributionsIsZero() {
    double[] reference = {0.1, 0.2, 0.3, 0.4};
    assertThat(Psi.of(reference, new long[] {10, 20, 30, 40})).isCloseTo(0, within(1e-12));
  }

  @Test
  void psiMatchesHandComputedCase() {
    // (0.75 - 0.5) ln(0.75 / 0.5) + (0.25 - 0.5) ln(0.25 / 0.5)
    double expected = 0.25 * Math.log(1.5) + 0.25 * Math.log(2);
    assertThat(Psi.of(new double[] {0.5, 0.5}, new long[] {75, 25}))
        .isCloseTo(expected, within(1e-12));
  }

  @Test
  void psiSmoothsAnEmptyBinWithEpsilon() {
    double p = Psi.EPSILON;
    double expected = (p - 0.5) * Math.log(p / 0.5) + (1 - 0.5) * Math.log(1 / 0.5);
    assertThat(Psi.of(new double[] {0.5, 0.5}, new long[] {0, 10}))
        .isFinite()
        .isCloseTo(expected, within(1e-12));
  }

  @Test
  void psiOfNoLiveTermsIsNaNAndMismatchedBinsFail() {
    assertThat(Psi.of(new double[] {1}, new long[] {0})).isNaN();
    assertThatThrownBy(() -> Psi.of(new double[] {0.5, 0.5}, new long[] {1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reference has 2, live has 1");
  }

  @Test
  void expectedLapseRateIsTheMeanCalibratedScore() {
    assertThat(ExpectedPerformance.lapseRate(new double[] {0.1, 0.2, 0.6}))
        .isCloseTo(0.3, within(1e-12));
    assertThat(ExpectedPerformance.lapseRate(new double[0])).isNaN();
  }

  @Test
  void expectedAucMatchesThePairwiseDefinitionWithTies() {
    Random random = new Random(7);
    double[] p = new double[300];
    for (int i = 0; i < p.length; i++) {
      // Rounded to make ties common.
      p[i] = Math.round(random.nextDouble() * 20) / 20.0;
    }
    assertThat(ExpectedPerformance.auc(p)).isCloseTo(bruteForce(p), within(1e-9));
  }

  @Test
  void expectedAucEqualsRealizedAucWhenOutcomesFollowTheScores() {
    Random random = new Random(42);
    int n = 20_000;
    double[] p = new double[n];
    boolean[] lapsed = new boolean[n];
    int lapses = 0;
    for (int i = 0; i < n; i++) {
      double u = random.nextDouble();
      p[i] = 0.02 + 0.9 * u * u;
      lapsed[i] = random.nextDouble() < p[i];
      lapses += lapsed[i] ? 1 : 0;
    }
    // An AUC's standard error is at most 0.5 / sqrt(min(lapses, renewals)); allow four of them.
    double tolerance = 4 * 0.5 / Math.sqrt(Math.min(lapses, n - lapses));
    assertThat(ExpectedPerformance.auc(p))
        .isCloseTo(RealizedPerformance.auc(p, lapsed), within(tolerance));
    assertThat(ExpectedPerformance.lapseRate(p))
        .isCloseTo(RealizedPerformance.lapseRate(lapsed), within(4 * Math.sqrt(0.25 / n)));
  }

  @Test
  void expectedAucOfTooFewTermsIsNaN() {
    assertThat(ExpectedPerformance.auc(new double[] {0.4})).isNaN();
    assertThat(ExpectedPerformance.auc(new double[] {0, 0})).isNaN();
  }

  @Test
  void calibrationDecilesHoldMeanPredictedAndObservedRate() {
    double[] scores = new double[20];
    boolean[] lapsed = new boolean[20];
    for (int i = 0; i < 20; i++) {
      scores[i] = i / 20.0;
      lapsed[i] = i % 2 == 1;
    }
    CalibrationDeciles c = CalibrationDeciles.of(scores, lapsed);
    assertThat(c.terms()).containsOnly(2);
    assertThat(c.predicted()[0]).isCloseTo(0.025, within(1e-12));
    assertThat(c.observed()[9]).isEqualTo(0.5);
    assertThat(CalibrationDeciles.empty().predicted()).containsOnly(Double.NaN);
  }

  private static double bruteForce(double[] p) {
    double num = 0;
    double den = 0;
    for (int i = 0; i < p.length; i++) {
      for (int j = 0; j < p.length; j++) {
        if (i == j) {
          continue;
        }
        double w = p[i] * (1 - p[j]);
        den += w;
        num += p[i] > p[j] ? w : p[i] == p[j] ? 0.5 * w : 0;
      }
    }
    return num / den;
  }
}
