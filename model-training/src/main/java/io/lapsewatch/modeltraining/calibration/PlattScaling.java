package io.lapsewatch.modeltraining.calibration;

/**
 * Platt scaling: a logistic curve on the log-odds of the raw score, {@code p = sigmoid(slope *
 * logit(raw) + intercept)}. Two parameters, so it is safe on small calibration slices; slope below
 * one tempers an over-confident model, the intercept fixes a shifted base rate.
 *
 * @param slope multiplier of the raw log-odds
 * @param intercept shift of the log-odds
 */
public record PlattScaling(double slope, double intercept) implements Calibrator {
  static final String NAME = "platt";

  /** Raw scores are clipped this far from 0 and 1 so their log-odds stay finite. */
  private static final double CLIP = 1e-6;

  @Override
  public double calibrate(double raw) {
    return sigmoid(slope * logit(raw) + intercept);
  }

  @Override
  public String methodName() {
    return NAME;
  }

  /**
   * Fits slope and intercept by Newton's method on the log-likelihood, with Platt's smoothed
   * targets ({@code (n+ + 1)/(n+ + 2)} and {@code 1/(n- + 2)}) so a separable slice cannot drive
   * the slope to infinity.
   */
  public static PlattScaling fit(double[] raw, boolean[] positive) {
    if (raw.length != positive.length || raw.length == 0) {
      throw new IllegalArgumentException(
          "Platt scaling needs as many labels as scores, and at least one; got "
              + raw.length
              + " scores and "
              + positive.length
              + " labels");
    }
    int pos = 0;
    for (boolean b : positive) {
      pos += b ? 1 : 0;
    }
    int neg = positive.length - pos;
    double hi = (pos + 1.0) / (pos + 2.0);
    double lo = 1.0 / (neg + 2.0);
    double[] z = new double[raw.length];
    double[] t = new double[raw.length];
    for (int i = 0; i < raw.length; i++) {
      z[i] = logit(raw[i]);
      t[i] = positive[i] ? hi : lo;
    }
    double a = 1.0;
    double b = 0.0;
    double loss = loss(z, t, a, b);
    for (int iter = 0; iter < 100; iter++) {
      double ga = 0;
      double gb = 0;
      double haa = 1e-12;
      double hab = 0;
      double hbb = 1e-12;
      for (int i = 0; i < z.length; i++) {
        double p = sigmoid(a * z[i] + b);
        double d = p - t[i];
        double w = p * (1 - p);
        ga += d * z[i];
        gb += d;
        haa += w * z[i] * z[i];
        hab += w * z[i];
        hbb += w;
      }
      double det = haa * hbb - hab * hab;
      double da = -(hbb * ga - hab * gb) / det;
      double db = -(haa * gb - hab * ga) / det;
      // Backtracking keeps every step downhill even where the Hessian is nearly singular.
      double step = 1.0;
      double next = loss(z, t, a + da, b + db);
      while (next > loss && step > 1e-8) {
        step /= 2;
        next = loss(z, t, a + step * da, b + step * db);
      }
      if (next > loss) {
        break;
      }
      a += step * da;
      b += step * db;
      boolean converged = Math.abs(loss - next) < 1e-12 * Math.max(1, Math.abs(loss));
      loss = next;
      if (converged) {
        break;
      }
    }
    return new PlattScaling(a, b);
  }

  private static double loss(double[] z, double[] t, double a, double b) {
    double s = 0;
    for (int i = 0; i < z.length; i++) {
      double m = a * z[i] + b;
      // log(1 + e^m) - t*m, written to stay finite for large |m|.
      s += (m > 0 ? m + Math.log1p(Math.exp(-m)) : Math.log1p(Math.exp(m))) - t[i] * m;
    }
    return s;
  }

  static double logit(double p) {
    double c = Math.min(1 - CLIP, Math.max(CLIP, p));
    return Math.log(c / (1 - c));
  }

  static double sigmoid(double m) {
    return m >= 0 ? 1 / (1 + Math.exp(-m)) : Math.exp(m) / (1 + Math.exp(m));
  }
}
