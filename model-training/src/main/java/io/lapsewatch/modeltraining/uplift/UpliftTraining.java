package io.lapsewatch.modeltraining.uplift;

import io.lapsewatch.modeltraining.trainers.LogisticRegressionParams;
import io.lapsewatch.modeltraining.uplift.AlertedTermHistory.TermKey;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * One action's uplift training: a held-out quarter of the rows (stratified by arm and outcome) is
 * put aside, {@link UpliftSelection} cross-validates the candidates on the rest and retrains the
 * best there, and that model is evaluated once on the held-out rows, so the reported figures are
 * those of the model that is saved.
 */
public final class UpliftTraining {
  /** Rows are dealt into this many stratified parts; part 0 is held out (25%). */
  public static final int HOLDOUT_PARTS = 4;

  private UpliftTraining() {}

  /** What one action's training produced. */
  public record ActionResult(
      String action,
      int treatedRows,
      int controlRows,
      int trainingRows,
      UpliftSelection.Result selection,
      UpliftMetrics.Evaluation heldOut,
      List<UpliftMetrics.CurvePoint> perfectQini,
      int truthRows,
      double trueEffectCorrelation) {
    public ActionResult {
      perfectQini = List.copyOf(perfectQini);
    }
  }

  /**
   * The candidate set: {@code quick} = the linear ones (two-model and class transformation on
   * logistic regression with L2 10 and 100, X-learner on L2 10), {@code full} = {@link
   * UpliftSelection#defaultCandidates} (adds random forests; minutes on large data).
   */
  public static List<UpliftEstimator> candidates(String mode, long seed) {
    String m = mode == null ? "" : mode.trim().toLowerCase(Locale.ROOT);
    return switch (m) {
      case "full" -> UpliftSelection.defaultCandidates(seed);
      case "quick" -> {
        var l10 = new LogisticRegressionParams(30, 0.1, 10.0, 0, seed);
        var l100 = new LogisticRegressionParams(30, 0.1, 100.0, 0, seed);
        yield List.of(
            new TwoModelLearner(l10),
            new TwoModelLearner(l100),
            new ClassTransformationLearner(l10),
            new ClassTransformationLearner(l100),
            new XLearner(l10));
      }
      default ->
          throw new IllegalArgumentException(
              "--candidates '" + mode + "' is not known; use quick or full");
    };
  }

  /**
   * Trains and evaluates one action.
   *
   * @param terms each row's term, in dataset order (for the true effects)
   * @param truth the simulator's true effects, or null
   */
  public static ActionResult run(
      UpliftDataset data,
      List<TermKey> terms,
      List<UpliftEstimator> candidates,
      int folds,
      long seed,
      TrueEffects truth) {
    if (terms.size() != data.size()) {
      throw new IllegalArgumentException(
          "one term per row needed: " + terms.size() + " terms for " + data.size() + " rows");
    }
    data.requireBothArms(HOLDOUT_PARTS * folds);
    int[] part =
        UpliftSelection.folds(data.treatedFlags(), data.renewedFlags(), HOLDOUT_PARTS, seed);
    int[] trainIdx = IntStream.range(0, part.length).filter(i -> part[i] != 0).toArray();
    int[] testIdx = IntStream.range(0, part.length).filter(i -> part[i] == 0).toArray();
    UpliftDataset train = data.select(trainIdx);
    UpliftDataset test = data.select(testIdx);
    UpliftSelection.Result sel = UpliftSelection.select(train, candidates, folds, seed);
    double[] scores = sel.model().uplift(test.features());
    boolean[] t = test.treatedFlags();
    boolean[] y = test.renewedFlags();
    double[] effect = null;
    int known = 0;
    if (truth != null) {
      effect = new double[testIdx.length];
      for (int i = 0; i < testIdx.length; i++) {
        effect[i] = truth.effect(data.action(), terms.get(testIdx[i]));
        known += Double.isNaN(effect[i]) ? 0 : 1;
      }
    }
    UpliftMetrics.Evaluation eval =
        UpliftMetrics.evaluate(
            scores, t, y, test.annualPremiums(), known == testIdx.length ? effect : null);
    double corr = eval.trueEffectCorrelation();
    if (effect != null && known > 1 && known < testIdx.length) {
      // Rows without a true effect are left out of the correlation only; the count is reported.
      double[] a = new double[known];
      double[] b = new double[known];
      for (int i = 0, j = 0; i < effect.length; i++) {
        if (!Double.isNaN(effect[i])) {
          a[j] = scores[i];
          b[j++] = effect[i];
        }
      }
      corr = UpliftMetrics.pearson(a, b);
    }
    return new ActionResult(
        data.action(),
        data.treatedCount(),
        data.controlCount(),
        train.size(),
        sel,
        eval,
        perfectQini(t, y),
        known,
        corr);
  }

  /** Qini curve of the best possible ranking of these outcomes (treated renewals first). */
  static List<UpliftMetrics.CurvePoint> perfectQini(boolean[] treated, boolean[] renewed) {
    double[] s = new double[treated.length];
    for (int i = 0; i < s.length; i++) {
      s[i] = renewed[i] ? (treated[i] ? 2 : 0) : 1;
    }
    return UpliftMetrics.qiniCurve(s, treated, renewed);
  }
}
