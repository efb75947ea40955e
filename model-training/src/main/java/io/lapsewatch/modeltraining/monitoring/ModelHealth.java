package io.lapsewatch.modeltraining.monitoring;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * The model's health over a monitoring window ending on {@code day} (epoch day): drift of each
 * feature and of the score against the reference (PSI, by feature name in schema order), the live
 * share per reference score bin, the lapse rate and AUC expected from the scored terms, and the
 * realized ones with calibration on the ended terms nobody contacted (a contact changes the outcome
 * the model predicted for a term left alone), next to the lapse rate the model expected of those
 * same terms. {@code endedTerms} counts all ended terms, {@code endedContacted} those of them left
 * out. Figures from fewer than the minimum terms are NaN.
 */
public record ModelHealth(
    int day,
    int scoredTerms,
    int endedTerms,
    int endedContacted,
    Map<String, Double> featurePsi,
    double scorePsi,
    double[] scoreProportions,
    double expectedLapseRate,
    double expectedAuc,
    double endedExpectedLapseRate,
    double endedExpectedAuc,
    double realizedAuc,
    double realizedLapseRate,
    CalibrationDeciles calibration) {

  @Override
  public boolean equals(Object o) {
    return o instanceof ModelHealth h
        && day == h.day
        && scoredTerms == h.scoredTerms
        && endedTerms == h.endedTerms
        && endedContacted == h.endedContacted
        && featurePsi.equals(h.featurePsi)
        && Double.compare(scorePsi, h.scorePsi) == 0
        && Arrays.equals(scoreProportions, h.scoreProportions)
        && Double.compare(expectedLapseRate, h.expectedLapseRate) == 0
        && Double.compare(expectedAuc, h.expectedAuc) == 0
        && Double.compare(endedExpectedLapseRate, h.endedExpectedLapseRate) == 0
        && Double.compare(endedExpectedAuc, h.endedExpectedAuc) == 0
        && Double.compare(realizedAuc, h.realizedAuc) == 0
        && Double.compare(realizedLapseRate, h.realizedLapseRate) == 0
        && calibration.equals(h.calibration);
  }

  @Override
  public int hashCode() {
    return Objects.hash(day, scoredTerms, endedTerms, endedContacted, featurePsi, scorePsi);
  }

  /** Ended terms nobody contacted: the ones the realized figures are measured on. */
  public int endedUncontacted() {
    return endedTerms - endedContacted;
  }

  @Override
  public String toString() {
    return "ModelHealth[day="
        + day
        + ", scored="
        + scoredTerms
        + ", ended="
        + endedTerms
        + ", endedContacted="
        + endedContacted
        + ", scorePsi="
        + scorePsi
        + ", featurePsi="
        + featurePsi
        + ", expectedLapseRate="
        + expectedLapseRate
        + ", expectedAuc="
        + expectedAuc
        + ", endedExpectedLapseRate="
        + endedExpectedLapseRate
        + ", endedExpectedAuc="
        + endedExpectedAuc
        + ", realizedAuc="
        + realizedAuc
        + ", realizedLapseRate="
        + realizedLapseRate
        + "]";
  }
}
