package io.lapsewatch.modeltraining.uplift;

import io.lapsewatch.modeltraining.trainers.Hyperparameters;
import io.lapsewatch.modeltraining.trainers.LogisticRegressionParams;
import java.util.Map;

/**
 * X-learner (Künzel et al. 2019) on the project's Tribuo classifiers. Stage 1 fits renewal in each
 * arm ({@code mu_t}, {@code mu_c}); stage 2 imputes each row's effect from the other arm's model
 * ({@code y - mu_c(x)} for treated rows, {@code mu_t(x) - y} for holdout rows) and fits it per arm
 * ({@code tau_t}, {@code tau_c}); uplift is {@code p tau_c(x) + (1 - p) tau_t(x)} with {@code p}
 * the treated share, which is the propensity everywhere because the holdout is randomized.
 *
 * <p>The imputed effects lie in [-1, 1] and no Tribuo regressor is on the classpath, so stage 2 is
 * a classifier on soft labels: each row appears once as class 1 with weight {@code (1 + d) / 2} and
 * once as class 0 with weight {@code (1 - d) / 2}. Minimising weighted log-loss (or weighted Gini
 * in a tree leaf) makes {@code P(1 | x)} estimate {@code E[(1 + d) / 2 | x]}, so {@code tau = 2 P(1
 * | x) - 1}.
 *
 * @param base the classifier configuration for all four stages
 */
public record XLearner(Hyperparameters base) implements UpliftEstimator {

  /** Four logistic regressions with the project's defaults. */
  public static final XLearner DEFAULT = new XLearner(LogisticRegressionParams.DEFAULT);

  public XLearner {
    if (base == null) {
      throw new IllegalArgumentException("the X-learner needs a base classifier");
    }
  }

  @Override
  public String name() {
    return "x-learner";
  }

  @Override
  public Map<String, Object> params() {
    return UpliftEstimator.onBase(base);
  }

  @Override
  public UpliftModel train(UpliftDataset data) {
    data.requireBothArms(1);
    UpliftDataset treated = data.arm(true);
    UpliftDataset control = data.arm(false);
    WeightedClassifier muT = renewal(treated, "treated");
    WeightedClassifier muC = renewal(control, "holdout");
    double[][] xt = treated.features();
    double[][] xc = control.features();
    double[] dT = imputed(treated.renewedFlags(), muC.probabilities(xt), true);
    double[] dC = imputed(control.renewedFlags(), muT.probabilities(xc), false);
    WeightedClassifier tauT = effect(xt, dT, data, "treated");
    WeightedClassifier tauC = effect(xc, dC, data, "holdout");
    return new Model(tauT, tauC, data.treatedShare(), UpliftProvenance.of(this, data));
  }

  private WeightedClassifier renewal(UpliftDataset arm, String which) {
    return WeightedClassifier.train(
        base,
        arm.features(),
        arm.renewedFlags(),
        null,
        arm.featureNames(),
        "renewal in the " + which + " arm of '" + arm.action() + "'");
  }

  /** Treated rows: observed minus holdout model; holdout rows: treated model minus observed. */
  private static double[] imputed(boolean[] renewed, double[] otherArm, boolean treatedArm) {
    double[] d = new double[renewed.length];
    for (int i = 0; i < d.length; i++) {
      double y = renewed[i] ? 1 : 0;
      d[i] = treatedArm ? y - otherArm[i] : otherArm[i] - y;
    }
    return d;
  }

  private WeightedClassifier effect(double[][] x, double[] d, UpliftDataset data, String which) {
    int n = x.length;
    double[][] rows = new double[2 * n][];
    boolean[] positive = new boolean[2 * n];
    double[] weights = new double[2 * n];
    for (int i = 0; i < n; i++) {
      rows[2 * i] = x[i];
      rows[2 * i + 1] = x[i];
      positive[2 * i] = true;
      // A tiny floor keeps every row present for trainers that dislike zero-weight examples.
      weights[2 * i] = Math.max(1e-6, (1 + d[i]) / 2);
      weights[2 * i + 1] = Math.max(1e-6, (1 - d[i]) / 2);
    }
    return WeightedClassifier.train(
        base,
        rows,
        positive,
        weights,
        data.featureNames(),
        "imputed effect in the " + which + " arm of '" + data.action() + "'");
  }

  /** The two stage-2 effect models and the mixing weight. */
  record Model(
      WeightedClassifier tauT,
      WeightedClassifier tauC,
      double treatedShare,
      UpliftProvenance provenance)
      implements UpliftModel {
    @Override
    public double[] uplift(double[][] rows) {
      UpliftModel.requireWidth(rows, provenance.featureNames().size());
      double[] t = tauT.probabilities(rows);
      double[] c = tauC.probabilities(rows);
      double[] out = new double[rows.length];
      for (int i = 0; i < out.length; i++) {
        // tau_c rests on mu_t, fitted on the treated arm; with many treated rows (large p) that
        // imputation is the more accurate one, so it gets weight p (Künzel's g = propensity).
        out[i] = treatedShare * (2 * c[i] - 1) + (1 - treatedShare) * (2 * t[i] - 1);
      }
      return out;
    }
  }
}
