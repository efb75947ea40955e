package io.lapsewatch.modeltraining.trainers;

import io.lapsewatch.modeltraining.tabular.TribuoRows;
import java.util.List;
import java.util.SplittableRandom;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;

/** Small seeded data sets of encoded policyholder rows for trainer tests. */
final class SyntheticPolicies {
  static final List<String> FEATURES =
      List.of("price_shock", "tenure_years", "complaints", "digital_sessions");

  final double[][] x;
  final boolean[] lapsed;

  private SyntheticPolicies(double[][] x, boolean[] lapsed) {
    this.x = x;
    this.lapsed = lapsed;
  }

  /** Lapse grows with price shock and complaints, falls with tenure and digital use. */
  static SyntheticPolicies draw(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] x = new double[n][];
    boolean[] y = new boolean[n];
    for (int i = 0; i < n; i++) {
      double shock = rng.nextDouble() * 2 - 1;
      double tenure = rng.nextDouble() * 2 - 1;
      double complaints = rng.nextInt(3);
      double digital = rng.nextDouble() * 2 - 1;
      x[i] = new double[] {shock, tenure, complaints, digital};
      double logit = -1 + 2 * shock - 1.5 * tenure + 0.8 * complaints - 0.5 * digital;
      y[i] = rng.nextDouble() < 1 / (1 + Math.exp(-logit));
    }
    return new SyntheticPolicies(x, y);
  }

  MutableDataset<Label> dataset() {
    return TribuoRows.dataset(x, lapsed, FEATURES, "synthetic policies");
  }
}
