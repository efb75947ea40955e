package io.lapsewatch.alertcontract;

import java.util.Objects;

/** One reason behind an alert: a feature, its value, its contribution and a business sentence. */
public class Reason {
  /** Feature key, e.g. {@code open_complaints}. */
  public String feature;

  /** The feature's value for this policyholder. */
  public double value;

  /** Contribution to the score's log-odds (positive pushes towards lapse). */
  public double contribution;

  /** Business words, e.g. "2 unresolved complaints, oldest 21 days". */
  public String text;

  public Reason() {}

  public Reason(String feature, double value, double contribution, String text) {
    this.feature = feature;
    this.value = value;
    this.contribution = contribution;
    this.text = text;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Reason)) {
      return false;
    }
    Reason r = (Reason) o;
    return Double.compare(value, r.value) == 0
        && Double.compare(contribution, r.contribution) == 0
        && Objects.equals(feature, r.feature)
        && Objects.equals(text, r.text);
  }

  @Override
  public int hashCode() {
    return Objects.hash(feature, value, contribution, text);
  }
}
