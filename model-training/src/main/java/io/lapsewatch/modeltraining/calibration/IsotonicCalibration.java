package io.lapsewatch.modeltraining.calibration;

import java.util.Arrays;

/**
 * Isotonic regression: the non-decreasing step function of the raw score that best fits the
 * observed outcomes (pool-adjacent-violators), interpolated linearly between the centres of its
 * steps so that distinct raw scores mostly keep distinct, ordered probabilities. Needs enough rows
 * to be stable; {@link Calibration} uses it from 1,000 calibration rows.
 *
 * @param x raw score at the centre of each step, increasing
 * @param y calibrated probability of each step, non-decreasing
 * @param floor smallest probability returned (and {@code 1 - floor} the largest), so a step with no
 *     lapses does not give a probability of exactly zero
 */
public record IsotonicCalibration(double[] x, double[] y, double floor) implements Calibrator {
  static final String NAME = "isotonic";

  public IsotonicCalibration {
    if (x.length != y.length || x.length == 0) {
      throw new IllegalArgumentException("isotonic calibration needs matching, non-empty x and y");
    }
    x = x.clone();
    y = y.clone();
  }

  @Override
  public double calibrate(double raw) {
    double p;
    if (raw <= x[0]) {
      p = y[0];
    } else if (raw >= x[x.length - 1]) {
      p = y[y.length - 1];
    } else {
      int i = Arrays.binarySearch(x, raw);
      if (i >= 0) {
        p = y[i];
      } else {
        int hi = -i - 1;
        int lo = hi - 1;
        double w = (raw - x[lo]) / (x[hi] - x[lo]);
        p = y[lo] + w * (y[hi] - y[lo]);
      }
    }
    return Math.min(1 - floor, Math.max(floor, p));
  }

  @Override
  public String methodName() {
    return NAME;
  }

  /** Fits by pool-adjacent-violators on (raw score, outcome) pairs. */
  public static IsotonicCalibration fit(double[] raw, boolean[] positive) {
    int n = raw.length;
    if (n != positive.length || n == 0) {
      throw new IllegalArgumentException(
          "isotonic calibration needs as many labels as scores, and at least one; got "
              + n
              + " scores and "
              + positive.length
              + " labels");
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(raw[a], raw[b]));
    // Blocks as parallel arrays used as a stack: weight, sum of outcomes, sum of raw scores.
    double[] w = new double[n];
    double[] sy = new double[n];
    double[] sx = new double[n];
    int top = -1;
    int i = 0;
    while (i < n) {
      // Equal raw scores must get one probability, so they enter as a single block.
      int j = i;
      double ys = 0;
      while (j < n && raw[order[j]] == raw[order[i]]) {
        ys += positive[order[j]] ? 1 : 0;
        j++;
      }
      top++;
      w[top] = j - i;
      sy[top] = ys;
      sx[top] = raw[order[i]] * (j - i);
      while (top > 0 && sy[top - 1] / w[top - 1] >= sy[top] / w[top]) {
        w[top - 1] += w[top];
        sy[top - 1] += sy[top];
        sx[top - 1] += sx[top];
        top--;
      }
      i = j;
    }
    double[] xs = new double[top + 1];
    double[] ys = new double[top + 1];
    for (int b = 0; b <= top; b++) {
      xs[b] = sx[b] / w[b];
      ys[b] = sy[b] / w[b];
    }
    return new IsotonicCalibration(xs, ys, 0.5 / (n + 1));
  }
}
