package io.lapsewatch.modeltraining.uplift;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Policyholders with a known treatment effect: baseline renewal depends only on {@code tenure} (0.3
 * to 0.7), while the effect of contact depends only on {@code engagement} and {@code complaints} —
 * persuadables ({@code engagement > 0.6}) renew 0.3 more often when contacted, sleeping dogs
 * ({@code engagement <= 0.6} and {@code complaints > 0.7}) 0.2 less, everyone else is unaffected.
 * Risk and effect are independent, so a risk ranking cannot find the persuadables.
 */
record SyntheticUpliftWorld(UpliftDataset data, double[] trueEffect) {
  static final List<String> FEATURES = List.of("engagement", "complaints", "tenure");
  static final double PERSUADABLE_EFFECT = 0.3;
  static final double SLEEPING_DOG_EFFECT = -0.2;

  static double trueEffect(double engagement, double complaints) {
    if (engagement > 0.6) {
      return PERSUADABLE_EFFECT;
    }
    return complaints > 0.7 ? SLEEPING_DOG_EFFECT : 0.0;
  }

  /**
   * Draws {@code n} policyholders.
   *
   * @param treatedShare probability of being in the contacted arm
   */
  static SyntheticUpliftWorld draw(int n, double treatedShare, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<UpliftExample> rows = new ArrayList<>(n);
    double[] tau = new double[n];
    for (int i = 0; i < n; i++) {
      double engagement = rng.nextDouble();
      double complaints = rng.nextDouble();
      double tenure = rng.nextDouble();
      boolean treated = rng.nextDouble() < treatedShare;
      tau[i] = trueEffect(engagement, complaints);
      double renew = 0.3 + 0.4 * tenure + (treated ? tau[i] : 0);
      double premium = 400 + 800 * tenure;
      rows.add(
          new UpliftExample(
              new double[] {engagement, complaints, tenure},
              treated,
              rng.nextDouble() < renew,
              premium));
    }
    return new SyntheticUpliftWorld(new UpliftDataset("offer", FEATURES, rows), tau);
  }
}
