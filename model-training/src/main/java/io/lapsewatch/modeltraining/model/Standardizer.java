package io.lapsewatch.modeltraining.model;

/**
 * Centres and scales each feature by the training mean and standard deviation, so linear model
 * weights are comparable and a feature's contribution is exactly weight times scaled value.
 */
public record Standardizer(double[] mean, double[] std) {
  /** Fits on the rows of a training set. */
  public static Standardizer fit(double[][] rows, int width) {
    double[] mean = new double[width];
    double[] std = new double[width];
    for (double[] r : rows) {
      for (int j = 0; j < width; j++) {
        mean[j] += r[j];
      }
    }
    for (int j = 0; j < width; j++) {
      mean[j] /= Math.max(1, rows.length);
    }
    for (double[] r : rows) {
      for (int j = 0; j < width; j++) {
        double d = r[j] - mean[j];
        std[j] += d * d;
      }
    }
    for (int j = 0; j < width; j++) {
      double s = Math.sqrt(std[j] / Math.max(1, rows.length - 1));
      // A constant column carries no information; scale 1 keeps it at zero instead of NaN.
      std[j] = s > 1e-9 ? s : 1.0;
    }
    return new Standardizer(mean, std);
  }

  public double[] apply(double[] row) {
    double[] z = new double[row.length];
    for (int j = 0; j < row.length; j++) {
      z[j] = (row[j] - mean[j]) / std[j];
    }
    return z;
  }
}
