package io.lapsewatch.modeltraining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluationTest {
  private static final boolean T = true;
  private static final boolean F = false;

  @Test
  void perfectRankingHasAucOne() {
    double[] scores = {0.1, 0.2, 0.8, 0.9};
    boolean[] lapsed = {F, F, T, T};

    assertThat(Evaluation.aucRoc(scores, lapsed)).isEqualTo(1.0);
  }

  @Test
  void reversedRankingHasAucZero() {
    double[] scores = {0.9, 0.8, 0.2, 0.1};
    boolean[] lapsed = {F, F, T, T};

    assertThat(Evaluation.aucRoc(scores, lapsed)).isEqualTo(0.0);
  }

  @Test
  void allTiedScoresHaveAucOneHalf() {
    double[] scores = {0.3, 0.3, 0.3, 0.3, 0.3};
    boolean[] lapsed = {T, F, F, T, F};

    assertThat(Evaluation.aucRoc(scores, lapsed)).isEqualTo(0.5);
  }

  @Test
  void aucIsTheShareOfLapserRenewerPairsRankedRight() {
    // Lapsers 0.9, 0.7, 0.4; renewers 0.8, 0.3. Of the 6 pairs the lapser is higher in
    // (0.9>0.8), (0.9>0.3), (0.7>0.3), (0.4>0.3): 4 of 6.
    double[] scores = {0.9, 0.8, 0.7, 0.4, 0.3};
    boolean[] lapsed = {T, F, T, T, F};

    assertThat(Evaluation.aucRoc(scores, lapsed)).isCloseTo(4 / 6.0, within(1e-12));
  }

  @Test
  void aucCountsATiedPairAsHalf() {
    // Lapsers 0.8, 0.5; renewers 0.5, 0.2: pairs won 1 + 1 + 1, tied 1 -> 3.5 of 4.
    double[] scores = {0.8, 0.5, 0.5, 0.2};
    boolean[] lapsed = {T, T, F, F};

    assertThat(Evaluation.aucRoc(scores, lapsed)).isCloseTo(0.875, within(1e-12));
  }

  @Test
  void aucIsUndefinedWithoutBothOutcomes() {
    assertThat(Evaluation.aucRoc(new double[] {0.1, 0.9}, new boolean[] {F, F})).isNaN();
  }

  @Test
  void averagePrecisionOfLapsersRankedFirstAndThird() {
    // Precision at each lapser: 1/1 and 2/3; averaged over the 2 lapsers.
    double[] scores = {0.9, 0.8, 0.7, 0.1};
    boolean[] lapsed = {T, F, T, F};

    assertThat(Evaluation.prAuc(scores, lapsed)).isCloseTo((1 + 2 / 3.0) / 2, within(1e-12));
  }

  @Test
  void brierScoreIsTheMeanSquaredError() {
    // (1 - 0.8)^2 = 0.04 and (0 - 0.3)^2 = 0.09 -> 0.065.
    double[] scores = {0.8, 0.3};
    boolean[] lapsed = {T, F};

    assertThat(Evaluation.brier(scores, lapsed)).isCloseTo(0.065, within(1e-12));
  }

  @Test
  void logLossIsTheMeanNegativeLogLikelihood() {
    // -ln(0.8) = 0.22314, -ln(1 - 0.3) = 0.35667 -> mean 0.28991.
    double[] scores = {0.8, 0.3};
    boolean[] lapsed = {T, F};

    assertThat(Evaluation.logLoss(scores, lapsed)).isCloseTo(0.28991, within(1e-5));
  }

  @Test
  void logLossOfACertainMistakeIsLargeButFinite() {
    double loss = Evaluation.logLoss(new double[] {0.0}, new boolean[] {T});

    assertThat(loss).isGreaterThan(30).isFinite();
  }

  @Test
  void liftIsTheLapseRateAmongTheTopOverTheOverallRate() {
    // 10 terms, 2 lapsed: base rate 0.2. The top 10% (1 term) is a lapser: 1.0 / 0.2 = 5.
    // The top 20% (2 terms) holds 1 lapser: 0.5 / 0.2 = 2.5.
    double[] scores = {0.95, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1};
    boolean[] lapsed = {T, F, F, F, F, F, T, F, F, F};

    assertThat(Evaluation.liftAt(scores, lapsed, 0.10)).isCloseTo(5.0, within(1e-12));
    assertThat(Evaluation.liftAt(scores, lapsed, 0.20)).isCloseTo(2.5, within(1e-12));
  }

  @Test
  void topShareThresholdFlagsThatShareOfTerms() {
    double[] scores = {0.5, 0.1, 0.9, 0.3, 0.7, 0.2, 1.0, 0.4, 0.8, 0.6};

    double threshold = Evaluation.topShareThreshold(scores, 0.2);

    assertThat(threshold).isEqualTo(0.9);
    long flagged = java.util.Arrays.stream(scores).filter(s -> s >= threshold).count();
    assertThat(flagged).isEqualTo(2);
  }

  @Test
  void bestF1ThresholdSeparatesCleanlySeparableScores() {
    double[] scores = {0.9, 0.8, 0.3, 0.2};
    boolean[] lapsed = {T, T, F, F};

    assertThat(Evaluation.bestF1Threshold(scores, lapsed)).isEqualTo(0.8);
  }

  @Test
  void summaryReportsThePositiveRate() {
    double[] scores = {0.1, 0.2, 0.8, 0.9};
    boolean[] lapsed = {F, F, F, T};

    Map<String, Double> m = Evaluation.summary(scores, lapsed);

    assertThat(m)
        .containsKeys("auc_roc", "pr_auc", "brier", "log_loss", "lift_at_10pct", "positive_rate");
    assertThat(m.get("positive_rate")).isEqualTo(0.25);
    assertThat(m.get("auc_roc")).isEqualTo(1.0);
  }
}
