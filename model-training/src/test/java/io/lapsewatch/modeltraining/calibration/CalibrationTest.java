package io.lapsewatch.modeltraining.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class CalibrationTest {

  /** Raw scores uniform in (0.02, 0.98) and outcomes drawn with a known true probability. */
  private record Synthetic(double[] raw, boolean[] lapsed) {
    static Synthetic draw(int n, DoubleUnaryOperator truth, long seed) {
      SplittableRandom rng = new SplittableRandom(seed);
      double[] raw = new double[n];
      boolean[] lapsed = new boolean[n];
      for (int i = 0; i < n; i++) {
        raw[i] = 0.02 + 0.96 * rng.nextDouble();
        lapsed[i] = rng.nextDouble() < truth.applyAsDouble(raw[i]);
      }
      return new Synthetic(raw, lapsed);
    }
  }

  private static double sigmoid(double m) {
    return 1 / (1 + Math.exp(-m));
  }

  private static double logit(double p) {
    return Math.log(p / (1 - p));
  }

  @Test
  void plattRecoversAnOverconfidentModelsTrueProbabilities() {
    // The model's raw score is too extreme: the truth has half its log-odds, shifted down.
    DoubleUnaryOperator truth = r -> sigmoid(0.5 * logit(r) - 0.4);
    Synthetic s = Synthetic.draw(20_000, truth, 7);

    PlattScaling platt = PlattScaling.fit(s.raw(), s.lapsed());

    assertThat(platt.slope()).isCloseTo(0.5, within(0.05));
    assertThat(platt.intercept()).isCloseTo(-0.4, within(0.06));
    for (double r = 0.05; r < 0.96; r += 0.1) {
      assertThat(platt.calibrate(r)).isCloseTo(truth.applyAsDouble(r), within(0.02));
    }
  }

  @Test
  void plattOnSeparableDataStaysFinite() {
    double[] raw = {0.1, 0.2, 0.3, 0.7, 0.8, 0.9};
    boolean[] lapsed = {false, false, false, true, true, true};

    PlattScaling platt = PlattScaling.fit(raw, lapsed);

    assertThat(platt.slope()).isFinite().isPositive();
    assertThat(platt.calibrate(0.9)).isLessThan(1.0).isGreaterThan(0.5);
    assertThat(platt.calibrate(0.1)).isGreaterThan(0.0).isLessThan(0.5);
  }

  @Test
  void isotonicMatchesANonLogisticTruthAndIsMonotone() {
    DoubleUnaryOperator truth = r -> r * r;
    Synthetic s = Synthetic.draw(20_000, truth, 11);

    IsotonicCalibration iso = IsotonicCalibration.fit(s.raw(), s.lapsed());

    double worst = 0;
    double previous = -1;
    for (double r = 0.0; r <= 1.0; r += 0.001) {
      double p = iso.calibrate(r);
      assertThat(p).isGreaterThanOrEqualTo(previous);
      previous = p;
      if (r > 0.1 && r < 0.9) {
        worst = Math.max(worst, Math.abs(p - truth.applyAsDouble(r)));
      }
    }
    assertThat(worst).isLessThan(0.06);
  }

  @Test
  void isotonicPoolsViolatorsIntoTheirMean() {
    // Outcomes 0,1,0,1 at increasing scores: the middle pair violates order and pools to 0.5.
    double[] raw = {0.1, 0.2, 0.3, 0.4};
    boolean[] lapsed = {false, true, false, true};

    IsotonicCalibration iso = IsotonicCalibration.fit(raw, lapsed);

    assertThat(iso.y()).containsExactly(0.0, 0.5, 1.0);
    assertThat(iso.x()).containsExactly(0.1, 0.25, 0.4);
    assertThat(iso.calibrate(0.25)).isEqualTo(0.5);
    // Ends are clamped away from 0 and 1 so log-loss stays finite.
    assertThat(iso.calibrate(0.0)).isPositive();
    assertThat(iso.calibrate(1.0)).isLessThan(1.0);
  }

  @Test
  void tiedRawScoresGetOneProbability() {
    double[] raw = {0.5, 0.5, 0.5, 0.5, 0.9};
    boolean[] lapsed = {true, false, false, false, true};

    IsotonicCalibration iso = IsotonicCalibration.fit(raw, lapsed);

    assertThat(iso.calibrate(0.5)).isEqualTo(0.25);
  }

  @Test
  void isotonicFromOneThousandRowsElsePlatt() {
    Synthetic small = Synthetic.draw(999, r -> r, 3);
    Synthetic large = Synthetic.draw(1_000, r -> r, 3);

    assertThat(Calibration.fit(small.raw(), small.lapsed())).isInstanceOf(PlattScaling.class);
    assertThat(Calibration.fit(large.raw(), large.lapsed()))
        .isInstanceOf(IsotonicCalibration.class);
  }

  @Test
  void calibratorsSurviveAJsonRoundTrip() throws Exception {
    ObjectMapper json = new ObjectMapper();
    Synthetic s = Synthetic.draw(2_000, r -> r, 5);
    Calibrator iso = Calibration.fit(s.raw(), s.lapsed());
    Calibrator platt = new PlattScaling(0.8, -0.2);

    Calibrator isoBack = json.readValue(json.writeValueAsString(iso), Calibrator.class);
    Calibrator plattBack = json.readValue(json.writeValueAsString(platt), Calibrator.class);

    assertThat(json.writeValueAsString(iso)).contains("\"method\":\"isotonic\"");
    assertThat(isoBack.calibrate(0.37)).isEqualTo(iso.calibrate(0.37));
    assertThat(plattBack).isEqualTo(platt);
  }
}
