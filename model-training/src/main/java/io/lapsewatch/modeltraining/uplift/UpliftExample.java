package io.lapsewatch.modeltraining.uplift;

import java.util.Arrays;

/**
 * One alerted policy term: its features at alert time, whether it was in the contacted (treated)
 * arm or the randomized holdout (control) arm, and whether the policyholder renewed.
 *
 * <p>The target is renewal, not lapse, so uplift is {@code P(renew | treated) - P(renew |
 * control)}: a positive uplift is a save, a negative one a policyholder driven away by contact.
 *
 * @param features encoded features, in the order of the dataset's feature names
 * @param treated true when the action was taken, false for the holdout arm
 * @param renewed true when the term renewed
 * @param annualPremium annual premium of the term (0 when unknown), for incremental premium
 */
public record UpliftExample(
    double[] features, boolean treated, boolean renewed, double annualPremium) {

  public UpliftExample {
    if (features == null) {
      throw new IllegalArgumentException("an uplift example needs features, got null");
    }
    if (!(annualPremium >= 0) || Double.isInfinite(annualPremium)) {
      throw new IllegalArgumentException(
          "annual premium must be finite and >= 0, got " + annualPremium);
    }
    features = features.clone();
  }

  /** An example without a known premium. */
  public UpliftExample(double[] features, boolean treated, boolean renewed) {
    this(features, treated, renewed, 0.0);
  }

  @Override
  public double[] features() {
    return features.clone();
  }

  /** The i-th feature without copying the row. */
  public double feature(int i) {
    return features[i];
  }

  /** Number of features. */
  public int width() {
    return features.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UpliftExample e
        && treated == e.treated
        && renewed == e.renewed
        && Double.compare(annualPremium, e.annualPremium) == 0
        && Arrays.equals(features, e.features);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(features)
        + Boolean.hashCode(treated) * 7
        + Boolean.hashCode(renewed) * 3
        + Double.hashCode(annualPremium);
  }

  @Override
  public String toString() {
    return "UpliftExample[features="
        + Arrays.toString(features)
        + ", treated="
        + treated
        + ", renewed="
        + renewed
        + ", annualPremium="
        + annualPremium
        + "]";
  }
}
