package io.lapsewatch.modeltraining.uplift;

import io.lapsewatch.modeltraining.trainers.Hyperparameters;
import io.lapsewatch.modeltraining.trainers.LogisticRegressionParams;
import java.util.Map;

/**
 * Two-model (T-learner) uplift: one classifier of renewal on the treated arm, one on the holdout
 * arm, both the project's Tribuo configurations; uplift is {@code p_treated(x) - p_holdout(x)}.
 *
 * @param base the classifier configuration used for both arms
 */
public record TwoModelLearner(Hyperparameters base) implements UpliftEstimator {

  /** Two logistic regressions with the project's defaults. */
  public static final TwoModelLearner DEFAULT =
      new TwoModelLearner(LogisticRegressionParams.DEFAULT);

  public TwoModelLearner {
    if (base == null) {
      throw new IllegalArgumentException("the two-model learner needs a base classifier");
    }
  }

  @Override
  public String name() {
    return "two-model";
  }

  @Override
  public Map<String, Object> params() {
    return UpliftEstimator.onBase(base);
  }

  @Override
  public UpliftModel train(UpliftDataset data) {
    data.requireBothArms(1);
    WeightedClassifier treated = fit(data.arm(true), "treated");
    WeightedClassifier control = fit(data.arm(false), "holdout");
    return new Model(treated, control, UpliftProvenance.of(this, data));
  }

  private WeightedClassifier fit(UpliftDataset arm, String which) {
    return WeightedClassifier.train(
        base,
        arm.features(),
        arm.renewedFlags(),
        null,
        arm.featureNames(),
        "renewal in the " + which + " arm of '" + arm.action() + "'");
  }

  /** The pair of arm classifiers. */
  record Model(WeightedClassifier treated, WeightedClassifier control, UpliftProvenance provenance)
      implements UpliftModel {
    @Override
    public double[] uplift(double[][] rows) {
      UpliftModel.requireWidth(rows, provenance.featureNames().size());
      double[] t = treated.probabilities(rows);
      double[] c = control.probabilities(rows);
      double[] out = new double[rows.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = t[i] - c[i];
      }
      return out;
    }
  }
}
