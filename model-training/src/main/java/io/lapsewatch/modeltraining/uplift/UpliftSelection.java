package io.lapsewatch.modeltraining.uplift;

import io.lapsewatch.modeltraining.trainers.LogisticRegressionParams;
import io.lapsewatch.modeltraining.trainers.RandomForestParams;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Chooses an uplift estimator by k-fold cross-validation on the Qini coefficient: folds are
 * stratified by arm and outcome with a fixed seed, each candidate is trained on k-1 folds and
 * scored on the held-out fold, the highest mean wins (earlier candidate on a tie) and is retrained
 * on all rows.
 */
public final class UpliftSelection {
  private UpliftSelection() {}

  /** Cross-validated quality of one candidate; per-fold values in fold order. */
  public record CandidateScore(
      UpliftEstimator estimator,
      double meanQiniCoefficient,
      double sdQiniCoefficient,
      double meanQiniArea,
      double meanAuuc,
      List<Double> foldQiniCoefficients) {
    public CandidateScore {
      foldQiniCoefficients = List.copyOf(foldQiniCoefficients);
    }
  }

  /** The chosen estimator, its model trained on all rows, and every candidate's score in order. */
  public record Result(
      UpliftEstimator best, UpliftModel model, List<CandidateScore> scores, int folds, long seed) {
    public Result {
      scores = List.copyOf(scores);
    }
  }

  /**
   * The default candidates: two-model and class-transformation learners, each on logistic
   * regression (L2 10 and 100) and on a small random forest (60 trees, depth 4 and 6, two thirds of
   * the features per split; Tribuo's forest refuses all of them).
   */
  public static List<UpliftEstimator> defaultCandidates(long seed) {
    List<UpliftEstimator> out = new ArrayList<>();
    var bases =
        List.of(
            new LogisticRegressionParams(30, 0.1, 10.0, 0, seed),
            new LogisticRegressionParams(30, 0.1, 100.0, 0, seed),
            new RandomForestParams(60, 4, 5f, 0.67f, seed),
            new RandomForestParams(60, 6, 5f, 0.67f, seed));
    for (var b : bases) {
      out.add(new TwoModelLearner(b));
    }
    for (var b : bases) {
      out.add(new ClassTransformationLearner(b));
    }
    // The X-learner fits four models; one linear and one forest base keep the search affordable.
    out.add(new XLearner(bases.get(0)));
    out.add(new XLearner(bases.get(2)));
    return out;
  }

  /**
   * Cross-validates {@code candidates} on {@code data} and retrains the best on all of it.
   *
   * @param k folds, at least 2; each arm needs at least {@code k} rows
   */
  public static Result select(
      UpliftDataset data, List<UpliftEstimator> candidates, int k, long seed) {
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException("nothing to cross-validate: no uplift candidates");
    }
    if (k < 2) {
      throw new IllegalArgumentException("cross-validation needs at least 2 folds, got " + k);
    }
    data.requireBothArms(k);
    int[] folds = folds(data.treatedFlags(), data.renewedFlags(), k, seed);
    List<CandidateScore> scores = new ArrayList<>();
    CandidateScore best = null;
    for (UpliftEstimator e : candidates) {
      CandidateScore s = score(e, data, folds, k);
      scores.add(s);
      if (best == null || beats(s.meanQiniCoefficient(), best.meanQiniCoefficient())) {
        best = s;
      }
    }
    return new Result(best.estimator(), best.estimator().train(data), scores, k, seed);
  }

  /**
   * A fold in {@code [0, k)} per row, so every fold has (within one row) the same number of
   * treated-renewed, treated-lapsed, holdout-renewed and holdout-lapsed rows.
   */
  public static int[] folds(boolean[] treated, boolean[] renewed, int k, long seed) {
    int[] fold = new int[treated.length];
    SplittableRandom rng = new SplittableRandom(seed);
    int next = 0;
    for (int stratum = 0; stratum < 4; stratum++) {
      List<Integer> rows = new ArrayList<>();
      for (int i = 0; i < treated.length; i++) {
        if ((treated[i] ? 2 : 0) + (renewed[i] ? 1 : 0) == stratum) {
          rows.add(i);
        }
      }
      for (int i = rows.size() - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        Integer t = rows.get(i);
        rows.set(i, rows.get(j));
        rows.set(j, t);
      }
      // Continuing the round robin across strata keeps fold sizes within one row of each other.
      for (int r : rows) {
        fold[r] = next;
        next = (next + 1) % k;
      }
    }
    return fold;
  }

  private static CandidateScore score(UpliftEstimator e, UpliftDataset data, int[] folds, int k) {
    List<Double> coef = new ArrayList<>();
    double area = 0;
    double auuc = 0;
    for (int f = 0; f < k; f++) {
      UpliftDataset fit = data.select(rows(folds, f, false));
      UpliftDataset val = data.select(rows(folds, f, true));
      double[] s = e.train(fit).uplift(val.features());
      boolean[] t = val.treatedFlags();
      boolean[] y = val.renewedFlags();
      coef.add(UpliftMetrics.qiniCoefficient(s, t, y));
      area += UpliftMetrics.qiniArea(s, t, y) / k;
      auuc += UpliftMetrics.auuc(s, t, y) / k;
    }
    double mean = coef.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    double var = 0;
    for (double c : coef) {
      var += (c - mean) * (c - mean) / (k - 1);
    }
    return new CandidateScore(e, mean, Math.sqrt(var), area, auuc, coef);
  }

  /** A NaN score (no defined Qini on some fold) never beats a number. */
  private static boolean beats(double candidate, double best) {
    return !Double.isNaN(candidate) && (Double.isNaN(best) || candidate > best);
  }

  private static int[] rows(int[] folds, int f, boolean in) {
    return IntStream.range(0, folds.length).filter(i -> (folds[i] == f) == in).toArray();
  }
}
