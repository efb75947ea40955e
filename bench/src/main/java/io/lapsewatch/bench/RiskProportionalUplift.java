package io.lapsewatch.bench;

import io.lapsewatch.modeltraining.model.ChurnModel;
import io.lapsewatch.modeltraining.uplift.UpliftDataset;
import io.lapsewatch.modeltraining.uplift.UpliftEstimator;
import io.lapsewatch.modeltraining.uplift.UpliftModel;
import io.lapsewatch.modeltraining.uplift.UpliftProvenance;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The uplift candidate of a world where an action saves a fixed share of would-be lapsers: {@code
 * uplift(x) = b * risk(x)}, the churn model's score scaled by {@code b = observed uplift / mean
 * risk} of the training rows, so it ranks by risk within an action and by the measured effect
 * across actions. One number is learned, so it is far less noisy than a learner fitted on a few
 * hundred holdout rows; cross-validation picks it only when its Qini coefficient is the best, i.e.
 * when the data show no effect that differs from risk.
 */
record RiskProportionalUplift(ChurnModel churn) implements UpliftEstimator {
  @Override
  public String name() {
    return "risk-proportional";
  }

  @Override
  public Map<String, Object> params() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("churnModel", churn.version());
    return p;
  }

  @Override
  public UpliftModel train(UpliftDataset data) {
    data.requireBothArms(1);
    double[][] x = data.features();
    double meanRisk = 0;
    for (double[] row : x) {
      meanRisk += churn.score(row);
    }
    meanRisk /= x.length;
    double scale = meanRisk > 0 ? data.observedUplift() / meanRisk : 0;
    UpliftProvenance provenance =
        new UpliftProvenance(
            name(),
            params(),
            data.action(),
            data.featureNames(),
            data.treatedCount(),
            data.controlCount(),
            data.renewalRate(true),
            data.renewalRate(false));
    return new Model(churn, scale, provenance);
  }

  private record Model(ChurnModel churn, double scale, UpliftProvenance provenance)
      implements UpliftModel {
    @Override
    public double[] uplift(double[][] rows) {
      UpliftModel.requireWidth(rows, provenance.featureNames().size());
      double[] out = new double[rows.length];
      for (int i = 0; i < rows.length; i++) {
        out[i] = scale * churn.score(rows[i]);
      }
      return out;
    }
  }
}
