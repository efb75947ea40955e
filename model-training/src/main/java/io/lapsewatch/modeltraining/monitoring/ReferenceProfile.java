package io.lapsewatch.modeltraining.monitoring;

import io.lapsewatch.featurestore.features.FeatureSchema;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What a model saw on its held-out terms at the monitoring lead time: per-feature quantile bins (in
 * schema order), the calibrated score's bins, the lapse rate and the AUC. Live drift and
 * performance are measured against it.
 */
public record ReferenceProfile(
    int leadDays,
    int rows,
    List<FeatureBins> features,
    FeatureBins score,
    double lapseRate,
    double auc)
    implements Serializable {

  public ReferenceProfile {
    features = List.copyOf(features);
  }

  /** The profile of rows in {@link FeatureSchema} order. */
  public static ReferenceProfile build(
      int leadDays, List<double[]> rows, double[] scores, boolean[] lapsed) {
    return build(leadDays, FeatureSchema.keys(), rows, scores, lapsed, FeatureBins.DEFAULT_BINS);
  }

  /** The profile of rows whose columns are {@code names}, cut into {@code bins} quantile bins. */
  public static ReferenceProfile build(
      int leadDays,
      List<String> names,
      List<double[]> rows,
      double[] scores,
      boolean[] lapsed,
      int bins) {
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("a reference profile needs at least one term, got none");
    }
    if (rows.size() != scores.length || rows.size() != lapsed.length) {
      throw new IllegalArgumentException(
          "a reference profile needs one score and outcome per term: "
              + rows.size()
              + " terms, "
              + scores.length
              + " scores, "
              + lapsed.length
              + " outcomes");
    }
    List<FeatureBins> features = new ArrayList<>(names.size());
    for (int f = 0; f < names.size(); f++) {
      double[] column = new double[rows.size()];
      for (int r = 0; r < column.length; r++) {
        double[] row = rows.get(r);
        if (row.length != names.size()) {
          throw new IllegalArgumentException(
              "term " + r + " has " + row.length + " features, the schema has " + names.size());
        }
        column[r] = row[f];
      }
      features.add(FeatureBins.of(names.get(f), column, bins));
    }
    return new ReferenceProfile(
        leadDays,
        rows.size(),
        features,
        FeatureBins.of("score", scores, bins),
        RealizedPerformance.lapseRate(lapsed),
        RealizedPerformance.auc(scores, lapsed));
  }
}
