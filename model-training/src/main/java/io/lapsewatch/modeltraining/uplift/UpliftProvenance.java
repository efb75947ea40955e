package io.lapsewatch.modeltraining.uplift;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an uplift model was trained from and how: the estimator, its settings and the arms it saw.
 *
 * @param estimator estimator name, e.g. {@code two-model}
 * @param params estimator and base-learner settings, in a stable order
 * @param action the action the model scores
 * @param featureNames feature names the model expects, in order
 * @param treatedRows treated rows trained on
 * @param controlRows holdout rows trained on
 * @param treatedRenewalRate renewal rate of the treated training rows
 * @param controlRenewalRate renewal rate of the holdout training rows
 */
public record UpliftProvenance(
    String estimator,
    Map<String, Object> params,
    String action,
    List<String> featureNames,
    int treatedRows,
    int controlRows,
    double treatedRenewalRate,
    double controlRenewalRate) {

  public UpliftProvenance {
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    featureNames = List.copyOf(featureNames);
  }

  /** Provenance of a model trained by {@code estimator} on {@code data}. */
  static UpliftProvenance of(UpliftEstimator estimator, UpliftDataset data) {
    return new UpliftProvenance(
        estimator.name(),
        estimator.params(),
        data.action(),
        data.featureNames(),
        data.treatedCount(),
        data.controlCount(),
        data.renewalRate(true),
        data.renewalRate(false));
  }
}
