package io.lapsewatch.modeltraining.uplift;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Rows ranked by descending uplift score, with cumulative arm counts at the end of each block of
 * tied scores. Counts at a cut inside a tied block are interpolated linearly, which is their
 * expectation over every order of the tied rows, so results never depend on input order.
 */
final class UpliftRanking {
  /** Cumulative counts after the first {@code n} ranked rows (fractional inside a tie). */
  record Counts(
      double n,
      double treated,
      double treatedRenewed,
      double control,
      double controlRenewed,
      double treatedPremiumRenewed,
      double controlPremiumRenewed) {}

  private final int size;
  private final Counts[] boundaries;

  private UpliftRanking(int size, Counts[] boundaries) {
    this.size = size;
    this.boundaries = boundaries;
  }

  /**
   * Ranks rows by {@code scores}.
   *
   * @param premium annual premium per row, or null for none
   */
  static UpliftRanking of(double[] scores, boolean[] treated, boolean[] renewed, double[] premium) {
    int n = scores.length;
    if (treated.length != n || renewed.length != n || (premium != null && premium.length != n)) {
      throw new IllegalArgumentException(
          "scores, arms, outcomes and premiums must have one value per row; got "
              + n
              + ", "
              + treated.length
              + ", "
              + renewed.length
              + (premium == null ? "" : ", " + premium.length));
    }
    int nt = 0;
    for (int i = 0; i < n; i++) {
      if (Double.isNaN(scores[i])) {
        throw new IllegalArgumentException("uplift score of row " + i + " is NaN");
      }
      nt += treated[i] ? 1 : 0;
    }
    if (nt == 0 || nt == n) {
      throw new IllegalArgumentException(
          "uplift metrics need both arms; got "
              + nt
              + " treated and "
              + (n - nt)
              + " holdout rows");
    }
    // -0.0 and 0.0 are the same score; adding 0.0 maps the former to the latter.
    double[] s = new double[n];
    for (int i = 0; i < n; i++) {
      s[i] = scores[i] + 0.0;
    }
    Integer[] order = new Integer[n];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> s[i]).reversed());
    Counts[] b = new Counts[n + 1];
    int blocks = 0;
    b[blocks++] = new Counts(0, 0, 0, 0, 0, 0, 0);
    double t = 0;
    double tr = 0;
    double c = 0;
    double cr = 0;
    double tp = 0;
    double cp = 0;
    for (int k = 0; k < n; k++) {
      int i = order[k];
      double p = premium == null ? 0 : premium[i];
      if (treated[i]) {
        t++;
        tr += renewed[i] ? 1 : 0;
        tp += renewed[i] ? p : 0;
      } else {
        c++;
        cr += renewed[i] ? 1 : 0;
        cp += renewed[i] ? p : 0;
      }
      boolean blockEnds = k + 1 == n || s[order[k + 1]] != s[i];
      if (blockEnds) {
        b[blocks++] = new Counts(k + 1, t, tr, c, cr, tp, cp);
      }
    }
    return new UpliftRanking(n, Arrays.copyOf(b, blocks));
  }

  int size() {
    return size;
  }

  /** Counts at the start (0 rows) and at the end of every tied block, in rank order. */
  Counts[] boundaries() {
    return boundaries.clone();
  }

  /** Counts after targeting {@code share} of the rows. */
  Counts atShare(double share) {
    if (!(share >= 0 && share <= 1)) {
      throw new IllegalArgumentException("targeted share must be in [0, 1], got " + share);
    }
    double n = share * size;
    int hi = 1;
    while (hi < boundaries.length - 1 && boundaries[hi].n() < n) {
      hi++;
    }
    Counts a = boundaries[hi - 1];
    Counts z = boundaries[hi];
    double f = z.n() == a.n() ? 1 : (n - a.n()) / (z.n() - a.n());
    return new Counts(
        n,
        lerp(a.treated(), z.treated(), f),
        lerp(a.treatedRenewed(), z.treatedRenewed(), f),
        lerp(a.control(), z.control(), f),
        lerp(a.controlRenewed(), z.controlRenewed(), f),
        lerp(a.treatedPremiumRenewed(), z.treatedPremiumRenewed(), f),
        lerp(a.controlPremiumRenewed(), z.controlPremiumRenewed(), f));
  }

  private static double lerp(double a, double b, double f) {
    return a + (b - a) * f;
  }
}
