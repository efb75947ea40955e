package io.lapsewatch.modeltraining.monitoring;

import io.lapsewatch.modeltraining.Evaluation;

/** Performance measured once the terms have ended and their outcomes are known. */
public final class RealizedPerformance {
  private RealizedPerformance() {}

  /** AUC of the scores against the outcomes; NaN unless both lapses and renewals occur. */
  public static double auc(double[] scores, boolean[] lapsed) {
    return Evaluation.aucRoc(scores, lapsed);
  }

  /** Share of the terms that lapsed; NaN for none. */
  public static double lapseRate(boolean[] lapsed) {
    if (lapsed.length == 0) {
      return Double.NaN;
    }
    int n = 0;
    for (boolean b : lapsed) {
      n += b ? 1 : 0;
    }
    return n / (double) lapsed.length;
  }
}
