package io.lapsewatch.modeltraining.uplift;

/**
 * An immutable trained model of one action's effect: {@code P(renew | treated) - P(renew |
 * holdout)} for a policyholder's features.
 */
public interface UpliftModel {

  /** Estimated uplift of one row (features in {@link UpliftProvenance#featureNames()} order). */
  default double uplift(double[] features) {
    return uplift(new double[][] {features})[0];
  }

  /** Estimated uplift of many rows, predicted in one batch (much faster for boosted trees). */
  double[] uplift(double[][] rows);

  /** What it was trained from and how. */
  UpliftProvenance provenance();

  /** Fails naming the widths when a row does not match the trained features. */
  static void requireWidth(double[][] rows, int width) {
    for (int i = 0; i < rows.length; i++) {
      if (rows[i] == null || rows[i].length != width) {
        throw new IllegalArgumentException(
            "row "
                + i
                + " has "
                + (rows[i] == null ? "no" : String.valueOf(rows[i].length))
                + " features; the uplift model expects "
                + width);
      }
    }
  }
}
