package io.lapsewatch.modeltraining.tabular;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How one raw column is encoded, as learned from the train file.
 *
 * @param name the column name in the CSV header
 * @param numeric whether every non-blank train value was a number
 * @param distinctValues distinct non-blank values seen in train
 * @param median train median of a numeric column; stands in for a missing value
 * @param missingIndicator whether train had blanks, so a 0/1 "was missing" feature is added
 * @param binEdges upper edges of the quantile bins (empty when binning is off)
 * @param levels categorical levels with their own one-hot feature; anything else is "other"
 */
public record ColumnEncoding(
    String name,
    boolean numeric,
    int distinctValues,
    double median,
    boolean missingIndicator,
    double[] binEdges,
    List<String> levels) {

  /** Level name used for a blank categorical cell. */
  public static final String MISSING_LEVEL = "(missing)";

  /** Bucket for levels that were rare or absent in train. */
  public static final String OTHER_LEVEL = "(other)";

  public ColumnEncoding {
    binEdges = binEdges == null ? new double[0] : binEdges.clone();
    levels = levels == null ? List.of() : List.copyOf(levels);
  }

  /** Names of the features this column produces, in the order {@link #width()} counts them. */
  List<String> featureNames() {
    List<String> out = new ArrayList<>();
    if (numeric) {
      out.add(name);
      if (missingIndicator) {
        out.add(name + "=" + MISSING_LEVEL);
      }
      for (int b = 0; b <= binEdges.length && binEdges.length > 0; b++) {
        out.add(name + ":" + binLabel(b));
      }
    } else {
      for (String level : levels) {
        out.add(name + "=" + level);
      }
      out.add(name + "=" + OTHER_LEVEL);
    }
    return out;
  }

  int width() {
    if (numeric) {
      return 1 + (missingIndicator ? 1 : 0) + (binEdges.length == 0 ? 0 : binEdges.length + 1);
    }
    return levels.size() + 1;
  }

  private String binLabel(int b) {
    if (b == 0) {
      return "<=" + fmt(binEdges[0]);
    }
    if (b == binEdges.length) {
      return ">" + fmt(binEdges[b - 1]);
    }
    return "(" + fmt(binEdges[b - 1]) + "," + fmt(binEdges[b]) + "]";
  }

  private static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15
        ? Long.toString((long) v)
        : String.format(Locale.ROOT, "%.4g", v);
  }
}
