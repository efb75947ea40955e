package io.lapsewatch.modeltraining.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lapsewatch.modeltraining.Evaluation;
import io.lapsewatch.modeltraining.Evaluation.Point;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The curve, capture and confusion helpers the report is drawn from. */
class EvaluationCurvesTest {
  private static final boolean T = true;
  private static final boolean F = false;

  // Scores high to low: lapser, renewer, lapser, renewer, renewer.
  private static final double[] SCORES = {0.9, 0.8, 0.6, 0.3, 0.1};
  private static final boolean[] LAPSED = {T, F, T, F, F};

  @Test
  void rocRunsFromOriginToOneOnePointPerScore() {
    List<Point> roc = Evaluation.rocCurve(SCORES, LAPSED);

    assertThat(roc)
        .containsExactly(
            new Point(0, 0),
            new Point(0, 0.5),
            new Point(1 / 3.0, 0.5),
            new Point(1 / 3.0, 1),
            new Point(2 / 3.0, 1),
            new Point(1, 1));
  }

  @Test
  void precisionRecallStartsAtTheFirstPrecision() {
    List<Point> pr = Evaluation.precisionRecallCurve(SCORES, LAPSED);

    assertThat(pr.get(0)).isEqualTo(new Point(0, 1));
    assertThat(pr.get(3)).isEqualTo(new Point(1, 2 / 3.0));
    assertThat(pr.get(pr.size() - 1)).isEqualTo(new Point(1, 0.4));
  }

  @Test
  void gainsAndCaptureCountLapsersReachedInScoreOrder() {
    List<Point> gains = Evaluation.cumulativeGains(SCORES, LAPSED);

    assertThat(gains.get(1)).isEqualTo(new Point(0.2, 0.5));
    assertThat(gains.get(gains.size() - 1)).isEqualTo(new Point(1, 1));
    assertThat(Evaluation.captureAt(SCORES, LAPSED, 0.2)).isEqualTo(0.5);
    assertThat(Evaluation.captureAt(SCORES, LAPSED, 0.6)).isEqualTo(1.0);
  }

  @Test
  void tiedScoresMoveTogetherOnTheCurve() {
    List<Point> roc = Evaluation.rocCurve(new double[] {0.5, 0.5, 0.2}, new boolean[] {T, F, F});

    assertThat(roc).containsExactly(new Point(0, 0), new Point(0.5, 1), new Point(1, 1));
  }

  @Test
  void confusionFlagsScoresAtOrAboveTheThreshold() {
    Evaluation.Confusion c = Evaluation.confusionAt(SCORES, LAPSED, 0.6);

    assertThat(c).isEqualTo(new Evaluation.Confusion(2, 1, 2, 0));
  }

  @Test
  void reliabilityBinsAreEqualCountFromLowToHighScores() {
    double[] scores = new double[100];
    boolean[] lapsed = new boolean[100];
    for (int i = 0; i < 100; i++) {
      scores[i] = i / 100.0;
      lapsed[i] = i >= 90;
    }

    List<Evaluation.ReliabilityBin> bins = Evaluation.reliability(scores, lapsed, 10);

    assertThat(bins).hasSize(10).allSatisfy(b -> assertThat(b.rows()).isEqualTo(10));
    assertThat(bins.get(0).meanPredicted()).isCloseTo(0.045, within(1e-12));
    assertThat(bins.get(9).observedRate()).isEqualTo(1.0);
    assertThat(bins.get(8).observedRate()).isZero();
  }
}
