package io.lapsewatch.modeltraining.monitoring;

/**
 * Population stability index between a reference distribution and live counts over the same bins:
 * {@code sum_i (q_i - p_i) * ln(q_i / p_i)}, with p the reference and q the live proportions.
 */
public final class Psi {
  /**
   * Floor for an empty bin's proportion on either side. Without it one empty bin makes the index
   * infinite; 1e-4 (one in ten thousand) keeps an empty bin's contribution at most about 0.001 ×
   * ln(1e3) when the other side holds 0.1%, yet a bin that empties from 10% still adds ~0.8.
   */
  public static final double EPSILON = 1e-4;

  private Psi() {}

  /**
   * PSI of the live counts against the reference proportions; NaN when there are no live counts.
   */
  public static double of(double[] referenceProportions, long[] liveCounts) {
    if (referenceProportions.length != liveCounts.length) {
      throw new IllegalArgumentException(
          "PSI needs the same bins on both sides: reference has "
              + referenceProportions.length
              + ", live has "
              + liveCounts.length);
    }
    long total = 0;
    for (long c : liveCounts) {
      total += c;
    }
    if (total == 0) {
      return Double.NaN;
    }
    double psi = 0;
    for (int i = 0; i < liveCounts.length; i++) {
      double p = Math.max(referenceProportions[i], EPSILON);
      double q = Math.max(liveCounts[i] / (double) total, EPSILON);
      psi += (q - p) * Math.log(q / p);
    }
    return psi;
  }

  /** PSI of live values against a feature's reference bins. */
  public static double of(FeatureBins reference, double[] liveValues) {
    return of(reference.proportions(), reference.counts(liveValues));
  }
}
