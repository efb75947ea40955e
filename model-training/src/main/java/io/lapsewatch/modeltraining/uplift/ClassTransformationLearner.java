package io.lapsewatch.modeltraining.uplift;

import io.lapsewatch.modeltraining.trainers.Hyperparameters;
import io.lapsewatch.modeltraining.trainers.LogisticRegressionParams;
import java.util.Map;

/**
 * Class-variable transformation (Jaskowski and Jaroszewicz 2012): one classifier learns {@code z =
 * 1} for treated-and-renewed or holdout-and-lapsed rows, and uplift is {@code 2 P(z = 1 | x) - 1}.
 *
 * <p>That identity needs equal arm shares; the holdout arm is usually the smaller one, so each row
 * is weighted {@code 0.5 / p} (treated) or {@code 0.5 / (1 - p)} (holdout) with {@code p} the
 * treated share, which makes the weighted arms equal and leaves {@code p = 0.5} unchanged.
 *
 * @param base the classifier configuration for {@code z}
 */
public record ClassTransformationLearner(Hyperparameters base) implements UpliftEstimator {

  /** One logistic regression with the project's defaults. */
  public static final ClassTransformationLearner DEFAULT =
      new ClassTransformationLearner(LogisticRegressionParams.DEFAULT);

  public ClassTransformationLearner {
    if (base == null) {
      throw new IllegalArgumentException(
          "the class-transformation learner needs a base classifier");
    }
  }

  @Override
  public String name() {
    return "class-transformation";
  }

  @Override
  public Map<String, Object> params() {
    return UpliftEstimator.onBase(base);
  }

  @Override
  public UpliftModel train(UpliftDataset data) {
    data.requireBothArms(1);
    boolean[] t = data.treatedFlags();
    boolean[] y = data.renewedFlags();
    double p = data.treatedShare();
    boolean[] z = new boolean[t.length];
    double[] w = new double[t.length];
    for (int i = 0; i < z.length; i++) {
      z[i] = t[i] == y[i];
      w[i] = t[i] ? 0.5 / p : 0.5 / (1 - p);
    }
    WeightedClassifier classifier =
        WeightedClassifier.train(
            base,
            data.features(),
            z,
            w,
            data.featureNames(),
            "transformed class of '" + data.action() + "' (treated share " + p + ")");
    return new Model(classifier, UpliftProvenance.of(this, data));
  }

  /** The transformed-class classifier. */
  record Model(WeightedClassifier classifier, UpliftProvenance provenance) implements UpliftModel {
    @Override
    public double[] uplift(double[][] rows) {
      UpliftModel.requireWidth(rows, provenance.featureNames().size());
      double[] pz = classifier.probabilities(rows);
      double[] out = new double[rows.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = 2 * pz[i] - 1;
      }
      return out;
    }
  }
}
