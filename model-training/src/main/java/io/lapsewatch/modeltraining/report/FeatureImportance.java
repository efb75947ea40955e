package io.lapsewatch.modeltraining.report;

import io.lapsewatch.modeltraining.Evaluation;
import io.lapsewatch.modeltraining.tabular.TribuoRows;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.common.xgboost.XGBoostFeatureImportance;
import org.tribuo.common.xgboost.XGBoostModel;
import org.tribuo.math.la.DenseMatrix;

/**
 * Global feature importance, largest first.
 *
 * @param method how the numbers were obtained, in words for the report
 * @param entries one per feature (or raw column), sorted by decreasing importance
 */
public record FeatureImportance(String method, List<Entry> entries) {

  /**
   * @param feature encoded feature or raw column name
   * @param importance magnitude used for ranking
   * @param signed direction where the method has one (log-odds weight), else equal to importance
   */
  public record Entry(String feature, double importance, double signed) {}

  public FeatureImportance {
    entries = entries.stream().sorted(Comparator.comparingDouble(e -> -e.importance())).toList();
  }

  /** The first {@code n} entries. */
  public List<Entry> top(int n) {
    return entries.subList(0, Math.min(n, entries.size()));
  }

  /**
   * Logistic regression: the log-odds weight of each standardised feature (positive row minus
   * negative row of Tribuo's two-class softmax), so it is the change in log-odds per standard
   * deviation.
   */
  public static FeatureImportance linearWeights(LinearSGDModel model) {
    DenseMatrix w = model.getWeightsCopy();
    int pos = model.getOutputIDInfo().getID(new Label(TribuoRows.POSITIVE));
    int neg = model.getOutputIDInfo().getID(new Label(TribuoRows.NEGATIVE));
    List<Entry> out = new ArrayList<>();
    for (int id = 0; id < model.getFeatureIDMap().size(); id++) {
      String name = model.getFeatureIDMap().get(id).getName();
      double weight = w.get(pos, id) - w.get(neg, id);
      out.add(new Entry(name, Math.abs(weight), weight));
    }
    return new FeatureImportance(
        "|log-odds weight per standard deviation| of the logistic regression", out);
  }

  /** Gradient-boosted trees: XGBoost total gain per feature, as a share of all gain. */
  public static FeatureImportance xgboostGain(XGBoostModel<Label> model) {
    List<Entry> out = new ArrayList<>();
    List<XGBoostFeatureImportance> all = model.getFeatureImportance();
    if (!all.isEmpty()) {
      Map<String, Double> gain = all.get(0).getTotalGain();
      double sum = gain.values().stream().mapToDouble(Double::doubleValue).sum();
      gain.forEach(
          (name, g) ->
              out.add(new Entry(name, g / Math.max(sum, 1e-300), g / Math.max(sum, 1e-300))));
    }
    return new FeatureImportance(
        "share of total split gain in the XGBoost trees (Tribuo XGBoostFeatureImportance)", out);
  }

  /**
   * Permutation importance: the drop in AUC on held-out rows when the features of one raw column
   * are shuffled together (one-hot levels move as a unit), averaged over {@code repeats} shuffles.
   *
   * @param groups raw column to the positions of its encoded features
   */
  public static FeatureImportance permutation(
      Model<Label> model,
      double[][] x,
      boolean[] positive,
      List<String> names,
      Map<String, int[]> groups,
      int repeats,
      long seed) {
    double base = Evaluation.aucRoc(TribuoRows.positiveScores(model, x, names), positive);
    SplittableRandom rng = new SplittableRandom(seed);
    List<Entry> out = new ArrayList<>();
    for (Map.Entry<String, int[]> g : groups.entrySet()) {
      double drop = 0;
      for (int r = 0; r < repeats; r++) {
        double[][] shuffled = shuffleColumns(x, g.getValue(), rng);
        drop +=
            (base - Evaluation.aucRoc(TribuoRows.positiveScores(model, shuffled, names), positive))
                / repeats;
      }
      out.add(new Entry(g.getKey(), drop, drop));
    }
    return new FeatureImportance(
        "drop in AUC on the held-out calibration slice when one raw column is shuffled"
            + " (permutation importance, "
            + repeats
            + " shuffle"
            + (repeats == 1 ? "" : "s")
            + ")",
        out);
  }

  private static double[][] shuffleColumns(double[][] x, int[] columns, SplittableRandom rng) {
    int n = x.length;
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    double[][] out = new double[n][];
    for (int i = 0; i < n; i++) {
      out[i] = x[i].clone();
      for (int c : columns) {
        out[i][c] = x[perm[i]][c];
      }
    }
    return out;
  }
}
