package io.lapsewatch.modeltraining.monitoring;

import java.util.Arrays;

/**
 * Performance expected from calibrated scores before any label is known (confidence-based
 * estimation): each term is taken to lapse with its calibrated probability.
 */
public final class ExpectedPerformance {
  private ExpectedPerformance() {}

  /** Expected lapse rate: the mean calibrated score; NaN for no scores. */
  public static double lapseRate(double[] calibratedScores) {
    if (calibratedScores.length == 0) {
      return Double.NaN;
    }
    double sum = 0;
    for (double p : calibratedScores) {
      sum += p;
    }
    return sum / calibratedScores.length;
  }

  /**
   * Expected AUC: {@code sum_{i != j} p_i (1 - p_j) [s_i > s_j] (+ half on ties)} over {@code
   * sum_{i != j} p_i (1 - p_j)}, the weight of each pair being the chance that i lapses and j
   * renews. Computed in O(n log n): sorted by score, every term meets the renewal weight of all
   * lower scores at once. NaN when fewer than two terms or no pair weight.
   */
  public static double auc(double[] calibratedScores) {
    int n = calibratedScores.length;
    if (n < 2) {
      return Double.NaN;
    }
    double[] p = calibratedScores.clone();
    Arrays.sort(p);
    double renewBelow = 0;
    double numerator = 0;
    double lapseAll = 0;
    double renewAll = 0;
    double self = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && p[j + 1] == p[i]) {
        j++;
      }
      double lapseGroup = 0;
      double renewGroup = 0;
      double selfGroup = 0;
      for (int k = i; k <= j; k++) {
        lapseGroup += p[k];
        renewGroup += 1 - p[k];
        selfGroup += p[k] * (1 - p[k]);
      }
      // Pairs within a tie count half; a term is never paired with itself.
      numerator += lapseGroup * renewBelow + 0.5 * (lapseGroup * renewGroup - selfGroup);
      renewBelow += renewGroup;
      lapseAll += lapseGroup;
      renewAll += renewGroup;
      self += selfGroup;
      i = j + 1;
    }
    double denominator = lapseAll * renewAll - self;
    return denominator <= 0 ? Double.NaN : numerator / denominator;
  }
}
