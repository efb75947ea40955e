package io.lapsewatch.modeltraining.monitoring;

import io.lapsewatch.modeltraining.Evaluation;
import java.io.Serializable;
import java.util.Arrays;

/**
 * Calibration by decile of score: terms sorted by calibrated score and cut into ten groups of
 * (nearly) equal size; per decile the mean predicted lapse probability, the observed lapse rate and
 * the number of terms. Index 0 is the lowest-scored decile; NaN where a decile is empty.
 */
public record CalibrationDeciles(double[] predicted, double[] observed, int[] terms)
    implements Serializable {

  /** Number of deciles. */
  public static final int DECILES = 10;

  /** Calibration of the ended terms' scores against their outcomes. */
  public static CalibrationDeciles of(double[] scores, boolean[] lapsed) {
    double[] predicted = new double[DECILES];
    double[] observed = new double[DECILES];
    int[] terms = new int[DECILES];
    Arrays.fill(predicted, Double.NaN);
    Arrays.fill(observed, Double.NaN);
    for (Evaluation.ReliabilityBin b : Evaluation.reliability(scores, lapsed, DECILES)) {
      predicted[b.bin() - 1] = b.meanPredicted();
      observed[b.bin() - 1] = b.observedRate();
      terms[b.bin() - 1] = b.rows();
    }
    return new CalibrationDeciles(predicted, observed, terms);
  }

  /** No terms: every decile NaN. */
  public static CalibrationDeciles empty() {
    return of(new double[0], new boolean[0]);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CalibrationDeciles c
        && Arrays.equals(predicted, c.predicted)
        && Arrays.equals(observed, c.observed)
        && Arrays.equals(terms, c.terms);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(predicted) * 961
        + Arrays.hashCode(observed) * 31
        + Arrays.hashCode(terms);
  }

  @Override
  public String toString() {
    return "CalibrationDeciles[predicted="
        + Arrays.toString(predicted)
        + ", observed="
        + Arrays.toString(observed)
        + ", terms="
        + Arrays.toString(terms)
        + "]";
  }
}
