package io.lapsewatch.modeltraining.uplift;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Alerted terms of one action (for example {@code offer} or {@code callback}) with their arm and
 * outcome: the rows that action's uplift model trains and is evaluated on.
 *
 * @param action the retention action the treated rows received
 * @param featureNames names of the feature columns, in row order
 * @param examples the rows, treated and holdout
 */
public record UpliftDataset(
    String action, List<String> featureNames, List<UpliftExample> examples) {

  public UpliftDataset {
    if (action == null || action.isBlank()) {
      throw new IllegalArgumentException(
          "an uplift dataset needs an action name, got '" + action + "'");
    }
    if (featureNames == null || featureNames.isEmpty()) {
      throw new IllegalArgumentException("uplift dataset '" + action + "' needs feature names");
    }
    Set<String> seen = new HashSet<>();
    for (String n : featureNames) {
      if (n == null || n.isBlank() || !seen.add(n)) {
        throw new IllegalArgumentException(
            "feature names must be non-blank and unique; '" + n + "' is not");
      }
    }
    featureNames = List.copyOf(featureNames);
    examples = List.copyOf(examples);
    for (int i = 0; i < examples.size(); i++) {
      UpliftExample e = examples.get(i);
      if (e.width() != featureNames.size()) {
        throw new IllegalArgumentException(
            "row "
                + i
                + " of '"
                + action
                + "' has "
                + e.width()
                + " features, expected "
                + featureNames.size());
      }
      for (int j = 0; j < e.width(); j++) {
        if (!Double.isFinite(e.feature(j))) {
          throw new IllegalArgumentException(
              "row " + i + " feature '" + featureNames.get(j) + "' is " + e.feature(j));
        }
      }
    }
  }

  /**
   * One dataset per action: each action's treated rows together with the shared holdout rows,
   * because the holdout arm is the counterfactual for every action.
   *
   * @param control holdout rows (treated must be false)
   * @param treatedByAction action name to the rows that received it (treated must be true)
   */
  public static Map<String, UpliftDataset> perAction(
      List<String> featureNames,
      List<UpliftExample> control,
      Map<String, List<UpliftExample>> treatedByAction) {
    for (UpliftExample e : control) {
      if (e.treated()) {
        throw new IllegalArgumentException("a holdout row is marked treated: " + summary(e));
      }
    }
    Map<String, UpliftDataset> out = new LinkedHashMap<>();
    treatedByAction.forEach(
        (action, treated) -> {
          for (UpliftExample e : treated) {
            if (!e.treated()) {
              throw new IllegalArgumentException(
                  "a row of action '" + action + "' is not marked treated: " + summary(e));
            }
          }
          List<UpliftExample> rows = new ArrayList<>(treated);
          rows.addAll(control);
          out.put(action, new UpliftDataset(action, featureNames, rows));
        });
    return out;
  }

  private static String summary(UpliftExample e) {
    // Features only: an example carries no identifier, so nothing personal can leak here.
    return e.width() + " features, renewed=" + e.renewed();
  }

  public int size() {
    return examples.size();
  }

  public int width() {
    return featureNames.size();
  }

  public int treatedCount() {
    int n = 0;
    for (UpliftExample e : examples) {
      n += e.treated() ? 1 : 0;
    }
    return n;
  }

  public int controlCount() {
    return size() - treatedCount();
  }

  /** Share of rows in the treated arm; NaN when empty. */
  public double treatedShare() {
    return size() == 0 ? Double.NaN : treatedCount() / (double) size();
  }

  /** Renewal rate of one arm; NaN when that arm is empty. */
  public double renewalRate(boolean treatedArm) {
    int n = 0;
    int r = 0;
    for (UpliftExample e : examples) {
      if (e.treated() == treatedArm) {
        n++;
        r += e.renewed() ? 1 : 0;
      }
    }
    return n == 0 ? Double.NaN : r / (double) n;
  }

  /** Average uplift measured by the randomized arms: treated minus holdout renewal rate. */
  public double observedUplift() {
    return renewalRate(true) - renewalRate(false);
  }

  /** Feature rows (copies). */
  public double[][] features() {
    double[][] x = new double[size()][];
    for (int i = 0; i < x.length; i++) {
      x[i] = examples.get(i).features();
    }
    return x;
  }

  public boolean[] treatedFlags() {
    boolean[] t = new boolean[size()];
    for (int i = 0; i < t.length; i++) {
      t[i] = examples.get(i).treated();
    }
    return t;
  }

  public boolean[] renewedFlags() {
    boolean[] y = new boolean[size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = examples.get(i).renewed();
    }
    return y;
  }

  public double[] annualPremiums() {
    double[] p = new double[size()];
    for (int i = 0; i < p.length; i++) {
      p[i] = examples.get(i).annualPremium();
    }
    return p;
  }

  /** The rows at {@code indices}, in that order. */
  public UpliftDataset select(int[] indices) {
    List<UpliftExample> rows = new ArrayList<>(indices.length);
    for (int i : indices) {
      rows.add(examples.get(i));
    }
    return new UpliftDataset(action, featureNames, rows);
  }

  /** The rows of one arm. */
  public UpliftDataset arm(boolean treatedArm) {
    List<UpliftExample> rows = new ArrayList<>();
    for (UpliftExample e : examples) {
      if (e.treated() == treatedArm) {
        rows.add(e);
      }
    }
    return new UpliftDataset(action, featureNames, rows);
  }

  /** Fails with the arm sizes unless both arms have at least {@code minimum} rows. */
  public void requireBothArms(int minimum) {
    int t = treatedCount();
    int c = controlCount();
    if (t < minimum || c < minimum) {
      throw new IllegalArgumentException(
          "uplift for '"
              + action
              + "' needs at least "
              + minimum
              + " rows in each arm; got "
              + t
              + " treated and "
              + c
              + " holdout");
    }
  }
}
