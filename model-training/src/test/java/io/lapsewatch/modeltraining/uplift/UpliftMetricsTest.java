package io.lapsewatch.modeltraining.uplift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import io.lapsewatch.modeltraining.uplift.UpliftMetrics.CurvePoint;
import org.junit.jupiter.api.Test;

class UpliftMetricsTest {
  private static final double EPS = 1e-12;

  // Four policyholders, ranked as given: treated renewed, holdout lapsed, treated lapsed, holdout
  // renewed.
  private static final double[] SCORES = {0.9, 0.5, 0.3, 0.1};
  private static final boolean[] TREATED = {true, false, true, false};
  private static final boolean[] RENEWED = {true, false, false, true};
  private static final double[] PREMIUM = {100, 200, 300, 400};

  @Test
  void qiniCurveCountsIncrementalRenewalsAtEachCut() {
    // n=1: R_t=1, no holdout yet -> 1; n=2: 1 - 0*1/1; n=3: 1 - 0*2/1; n=4: 1 - 1*2/2 = 0.
    assertThat(UpliftMetrics.qiniCurve(SCORES, TREATED, RENEWED))
        .containsExactly(
            new CurvePoint(0, 0),
            new CurvePoint(0.25, 1),
            new CurvePoint(0.5, 1),
            new CurvePoint(0.75, 1),
            new CurvePoint(1, 0));
  }

  @Test
  void qiniAreaIsTheTrapezoidAboveTheRandomLinePerRow() {
    // Trapezoids 0.25 * (0.5 + 1 + 1 + 0.5) = 0.75; the random line ends at 0; per row 0.75 / 4.
    assertThat(UpliftMetrics.qiniArea(SCORES, TREATED, RENEWED)).isCloseTo(0.1875, offset(EPS));
    // This ranking is already the perfect one for these outcomes.
    assertThat(UpliftMetrics.qiniCoefficient(SCORES, TREATED, RENEWED)).isCloseTo(1.0, offset(EPS));
  }

  @Test
  void reversedRankingHasANegativeQiniCoefficient() {
    double[] reversed = {0.1, 0.5, 0.3, 0.9};
    // Curve 0, 0, 0, -0.5, 0: area 0.25 * (-0.25 - 0.25) = -0.125, per row -0.03125.
    assertThat(UpliftMetrics.qiniArea(reversed, TREATED, RENEWED)).isCloseTo(-0.03125, offset(EPS));
    assertThat(UpliftMetrics.qiniCoefficient(reversed, TREATED, RENEWED))
        .isCloseTo(-1.0 / 6, offset(EPS));
  }

  @Test
  void upliftCurveAndAuuc() {
    // (R_t/N_t - R_c/N_c) * n: 1*1, (1 - 0)*2, (1/2 - 0)*3, (1/2 - 1/2)*4.
    assertThat(UpliftMetrics.upliftCurve(SCORES, TREATED, RENEWED))
        .containsExactly(
            new CurvePoint(0, 0),
            new CurvePoint(0.25, 1),
            new CurvePoint(0.5, 2),
            new CurvePoint(0.75, 1.5),
            new CurvePoint(1, 0));
    // 0.25 * (0.5 + 1.5 + 1.75 + 0.75) / 4
    assertThat(UpliftMetrics.auuc(SCORES, TREATED, RENEWED)).isCloseTo(0.28125, offset(EPS));
  }

  @Test
  void upliftAtASharePerContactAndPremium() {
    assertThat(UpliftMetrics.upliftAt(SCORES, TREATED, RENEWED, 0.5)).isCloseTo(1.0, offset(EPS));
    assertThat(UpliftMetrics.upliftAt(SCORES, TREATED, RENEWED, 1.0)).isCloseTo(0.0, offset(EPS));
    assertThat(UpliftMetrics.incrementalSavesPer1000(SCORES, TREATED, RENEWED, 0.5))
        .isCloseTo(1000.0, offset(EPS));
    // Top half: renewed premium 100 over 1 treated, 0 over 1 holdout.
    assertThat(UpliftMetrics.incrementalPremiumPer1000(SCORES, TREATED, RENEWED, PREMIUM, 0.5))
        .isCloseTo(100_000.0, offset(EPS));
    // All: (100 + 0) / 2 treated - (0 + 400) / 2 holdout = -150 per contact.
    assertThat(UpliftMetrics.incrementalPremiumPer1000(SCORES, TREATED, RENEWED, PREMIUM, 1.0))
        .isCloseTo(-150_000.0, offset(EPS));
  }

  @Test
  void upliftIsUndefinedWhenAnArmIsMissingFromTheTargetedRows() {
    assertThat(UpliftMetrics.upliftAt(SCORES, TREATED, RENEWED, 0.25)).isNaN();
    assertThat(UpliftMetrics.upliftAt(SCORES, TREATED, RENEWED, 0.0)).isNaN();
  }

  @Test
  void tiedScoresAreOneBlockInterpolatedLinearly() {
    double[] s = {1, 0.5, 0.5, 0};
    boolean[] t = {true, true, false, false};
    boolean[] y = {true, false, true, false};

    // The tie spans ranks 2-3, so there is no point at 0.5: n=1: 1; n=3: 1 - 1*2/1 = -1; n=4: 0.
    assertThat(UpliftMetrics.qiniCurve(s, t, y))
        .containsExactly(
            new CurvePoint(0, 0),
            new CurvePoint(0.25, 1),
            new CurvePoint(0.75, -1),
            new CurvePoint(1, 0));
    // Half of the tied block is taken: N_t = 1.5, R_t = 1, N_c = 0.5, R_c = 0.5 -> 2/3 - 1.
    assertThat(UpliftMetrics.upliftAt(s, t, y, 0.5)).isCloseTo(-1.0 / 3, offset(EPS));
    assertThat(UpliftMetrics.qiniArea(s, t, y)).isCloseTo(0.0, offset(EPS));
  }

  @Test
  void theOrderOfTiedRowsInTheInputDoesNotMatter() {
    double[] s = {1, 0.5, 0.5, 0};
    boolean[] t = {true, true, false, false};
    boolean[] y = {true, false, true, false};
    double[] swapped = {1, 0.5, 0.5, 0};
    boolean[] ts = {true, false, true, false};
    boolean[] ys = {true, true, false, false};

    assertThat(UpliftMetrics.qiniCurve(swapped, ts, ys))
        .isEqualTo(UpliftMetrics.qiniCurve(s, t, y));
    assertThat(UpliftMetrics.upliftAt(swapped, ts, ys, 0.5))
        .isEqualTo(UpliftMetrics.upliftAt(s, t, y, 0.5));
    assertThat(UpliftMetrics.auuc(swapped, ts, ys)).isEqualTo(UpliftMetrics.auuc(s, t, y));
  }

  @Test
  void negativeZeroTiesWithZero() {
    boolean[] t = {true, false};
    boolean[] y = {true, false};

    assertThat(UpliftMetrics.qiniCurve(new double[] {-0.0, 0.0}, t, y))
        .isEqualTo(UpliftMetrics.qiniCurve(new double[] {0.0, 0.0}, t, y))
        .hasSize(2);
  }

  @Test
  void constantScoresAreRandomTargeting() {
    double[] s = {0.2, 0.2, 0.2, 0.2};

    assertThat(UpliftMetrics.qiniArea(s, TREATED, RENEWED)).isCloseTo(0.0, offset(EPS));
    assertThat(UpliftMetrics.qiniCurve(s, TREATED, RENEWED)).hasSize(2);
  }

  @Test
  void evaluateReportsEverythingAtTheReportedShares() {
    UpliftMetrics.Evaluation e =
        UpliftMetrics.evaluate(
            SCORES, TREATED, RENEWED, PREMIUM, new double[] {0.45, 0.25, 0.15, 0.05});

    assertThat(e.rows()).isEqualTo(4);
    assertThat(e.treatedRows()).isEqualTo(2);
    assertThat(e.controlRows()).isEqualTo(2);
    assertThat(e.observedUplift()).isCloseTo(0.0, offset(EPS));
    assertThat(e.qiniArea()).isCloseTo(0.1875, offset(EPS));
    assertThat(e.qiniCoefficient()).isCloseTo(1.0, offset(EPS));
    assertThat(e.auuc()).isCloseTo(0.28125, offset(EPS));
    assertThat(e.upliftAt()).containsOnlyKeys(0.1, 0.2, 0.3);
    // 0.3 of 4 rows = 1.2: the first row plus 0.2 of the holdout-lapsed one.
    assertThat(e.upliftAt().get(0.3)).isCloseTo(1.0, offset(EPS));
    assertThat(e.incrementalSavesPer1000Contacts().get(0.3)).isCloseTo(1000.0, offset(EPS));
    assertThat(e.incrementalPremiumPer1000Contacts().get(0.3)).isCloseTo(100_000.0, offset(EPS));
    assertThat(e.upliftAt().get(0.1)).isNaN();
    assertThat(e.trueEffectCorrelation()).isCloseTo(1.0, offset(EPS));
    assertThat(UpliftMetrics.evaluate(SCORES, TREATED, RENEWED, null, null).trueEffectCorrelation())
        .isNaN();
  }

  @Test
  void pearsonCorrelation() {
    assertThat(UpliftMetrics.pearson(new double[] {1, 2, 3}, new double[] {2, 4, 6}))
        .isCloseTo(1.0, offset(EPS));
    assertThat(UpliftMetrics.pearson(new double[] {1, 2, 3}, new double[] {3, 2, 1}))
        .isCloseTo(-1.0, offset(EPS));
    assertThat(UpliftMetrics.pearson(new double[] {1, 2, 3}, new double[] {5, 5, 5})).isNaN();
  }

  @Test
  void badInputIsRefusedNamingTheValue() {
    assertThatThrownBy(
            () ->
                UpliftMetrics.qiniArea(
                    new double[] {0.1, Double.NaN},
                    new boolean[] {true, false},
                    new boolean[] {true, true}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("row 1 is NaN");
    assertThatThrownBy(
            () ->
                UpliftMetrics.qiniArea(
                    new double[] {0.1, 0.2},
                    new boolean[] {true, true},
                    new boolean[] {true, false}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 treated and 0 holdout");
    assertThatThrownBy(
            () ->
                UpliftMetrics.qiniArea(
                    new double[] {0.1}, new boolean[] {true, false}, new boolean[] {true, false}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got 1, 2, 2");
    assertThatThrownBy(() -> UpliftMetrics.upliftAt(SCORES, TREATED, RENEWED, 1.5))
        .hasMessageContaining("got 1.5");
  }
}
