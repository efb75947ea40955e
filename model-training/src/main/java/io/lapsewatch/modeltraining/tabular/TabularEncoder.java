package io.lapsewatch.modeltraining.tabular;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Turns CSV rows into numeric feature vectors with everything learned from the train file only:
 * which columns are numeric, medians for missing numbers, categorical levels, quantile bins and
 * standardisation. Applied unchanged to test rows and, later, to rows being scored.
 *
 * @param label the outcome column and its positive value
 * @param options the encoding choices the encoder was fitted with
 * @param columns encoding of each feature column, in file order
 * @param featureNames names of the encoded features, in vector order
 * @param mean train mean of each encoded feature (all zero when not standardising)
 * @param std train standard deviation of each encoded feature (all one when not standardising)
 */
public record TabularEncoder(
    LabelSpec label,
    EncoderOptions options,
    List<ColumnEncoding> columns,
    List<String> featureNames,
    double[] mean,
    double[] std) {

  // Plain decimal numbers only: Double.parseDouble would also take "1f", "0x1p3" or "NaN".
  private static final Pattern NUMBER =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  public TabularEncoder {
    columns = List.copyOf(columns);
    featureNames = List.copyOf(featureNames);
  }

  /** Encoded rows and what was odd about them. */
  public record Encoded(double[][] x, boolean[] positive, int unparsableNumbers, int otherLevels) {}

  /**
   * Learns the encoding from a train table.
   *
   * @param drop columns to ignore (identifiers, leaks); unknown names are an error
   */
  public static TabularEncoder fit(
      CsvTable train, LabelSpec label, Set<String> drop, EncoderOptions options) {
    int labelIndex = train.columnIndex(label.column());
    for (String d : drop) {
      train.columnIndex(d);
    }
    checkLabel(train, label, labelIndex);
    List<ColumnEncoding> columns = new ArrayList<>();
    for (int c = 0; c < train.header().size(); c++) {
      String name = train.header().get(c);
      if (c == labelIndex || drop.contains(name)) {
        continue;
      }
      columns.add(fitColumn(train, c, name, options));
    }
    if (columns.isEmpty()) {
      throw new IllegalArgumentException(
          train.source() + ": no feature columns left after the label and --drop");
    }
    List<String> names = new ArrayList<>();
    for (ColumnEncoding col : columns) {
      names.addAll(col.featureNames());
    }
    int width = names.size();
    double[] mean = new double[width];
    double[] std = new double[width];
    Arrays.fill(std, 1.0);
    TabularEncoder raw = new TabularEncoder(label, options, columns, names, mean, std);
    if (options.standardise()) {
      double[][] x = raw.encode(train).x();
      for (double[] row : x) {
        for (int j = 0; j < width; j++) {
          mean[j] += row[j] / x.length;
        }
      }
      double[] ss = new double[width];
      for (double[] row : x) {
        for (int j = 0; j < width; j++) {
          ss[j] += (row[j] - mean[j]) * (row[j] - mean[j]);
        }
      }
      for (int j = 0; j < width; j++) {
        double s = Math.sqrt(ss[j] / Math.max(1, x.length - 1));
        // A constant column carries no information; scale 1 keeps it at zero instead of NaN.
        std[j] = s > 1e-12 ? s : 1.0;
      }
    }
    return new TabularEncoder(label, options, columns, names, mean, std);
  }

  private static void checkLabel(CsvTable train, LabelSpec label, int labelIndex) {
    int positives = 0;
    Set<String> seen = new TreeSet<>();
    for (int r = 0; r < train.size(); r++) {
      String v = train.rows().get(r)[labelIndex];
      if (v.isBlank()) {
        throw new IllegalArgumentException(
            train.source()
                + " row "
                + (r + 1)
                + ": label column '"
                + label.column()
                + "' is blank; remove unlabelled rows first");
      }
      if (label.isPositive(v)) {
        positives++;
      }
      if (seen.size() < 20) {
        seen.add(v.trim());
      }
    }
    if (positives == 0 || positives == train.size()) {
      throw new IllegalArgumentException(
          "--positive '"
              + label.positive()
              + "': "
              + (positives == 0 ? "never occurs" : "is every row")
              + " in column '"
              + label.column()
              + "' of "
              + train.source()
              + "; values seen: "
              + String.join(", ", seen));
    }
  }

  private static ColumnEncoding fitColumn(
      CsvTable train, int c, String name, EncoderOptions options) {
    boolean numeric = true;
    boolean anyValue = false;
    boolean anyBlank = false;
    Map<String, Integer> counts = new HashMap<>();
    for (String[] row : train.rows()) {
      String v = row[c].trim();
      if (v.isEmpty()) {
        anyBlank = true;
        counts.merge(ColumnEncoding.MISSING_LEVEL, 1, Integer::sum);
        continue;
      }
      anyValue = true;
      counts.merge(v, 1, Integer::sum);
      if (numeric && !NUMBER.matcher(v).matches()) {
        numeric = false;
      }
    }
    int distinct = counts.size() - (anyBlank ? 1 : 0);
    if (numeric && anyValue) {
      double[] values =
          train.rows().stream()
              .map(r -> r[c].trim())
              .filter(v -> !v.isEmpty())
              .mapToDouble(Double::parseDouble)
              .sorted()
              .toArray();
      double median = quantile(values, 0.5);
      double[] edges =
          options.numericBins() >= 2 ? binEdges(values, options.numericBins()) : new double[0];
      return new ColumnEncoding(name, true, distinct, median, anyBlank, edges, List.of());
    }
    List<String> levels = new ArrayList<>();
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      if (e.getValue() >= options.minLevelCount()) {
        levels.add(e.getKey());
      }
    }
    // Most frequent first, then by name, so the order is stable from run to run.
    levels.sort(
        (a, b) -> {
          int byCount = Integer.compare(counts.get(b), counts.get(a));
          return byCount != 0 ? byCount : a.compareTo(b);
        });
    return new ColumnEncoding(name, false, distinct, Double.NaN, anyBlank, null, levels);
  }

  private static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = (int) Math.ceil(pos);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }

  private static double[] binEdges(double[] sorted, int bins) {
    List<Double> edges = new ArrayList<>();
    for (int b = 1; b < bins; b++) {
      double e = quantile(sorted, b / (double) bins);
      // Edges must split the data: skip repeats and an edge at the maximum (an empty top bin).
      if (e < sorted[sorted.length - 1] && (edges.isEmpty() || e > edges.get(edges.size() - 1))) {
        edges.add(e);
      }
    }
    return edges.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** Width of the encoded vector. */
  public int width() {
    return featureNames.size();
  }

  /**
   * Encodes every row of a table whose header has (at least) the train feature columns, in any
   * order. The label is read when the table has the label column, else {@code positive} is null.
   */
  public Encoded encode(CsvTable table) {
    int[] positions = new int[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      String name = columns.get(i).name();
      int p = table.header().indexOf(name);
      if (p < 0) {
        throw new IllegalArgumentException(
            table.source()
                + " has no column '"
                + name
                + "', which the model was trained on; its columns are: "
                + String.join(", ", table.header()));
      }
      positions[i] = p;
    }
    int labelIndex = table.header().indexOf(label.column());
    double[][] x = new double[table.size()][];
    boolean[] y = labelIndex < 0 ? null : new boolean[table.size()];
    int[] odd = new int[2];
    for (int r = 0; r < table.size(); r++) {
      String[] row = table.rows().get(r);
      String[] values = new String[columns.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = row[positions[i]];
      }
      x[r] = encodeValues(values, odd);
      if (y != null) {
        y[r] = label.isPositive(row[labelIndex]);
      }
    }
    return new Encoded(x, y, odd[0], odd[1]);
  }

  /** Encodes one row given as column name to raw value; absent columns count as blank. */
  public double[] encodeRow(Map<String, String> row) {
    String[] values = new String[columns.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = row.getOrDefault(columns.get(i).name(), "");
    }
    return encodeValues(values, new int[2]);
  }

  private double[] encodeValues(String[] values, int[] odd) {
    double[] out = new double[featureNames.size()];
    int j = 0;
    for (int i = 0; i < columns.size(); i++) {
      ColumnEncoding col = columns.get(i);
      String v = values[i] == null ? "" : values[i].trim();
      if (col.numeric()) {
        boolean missing = v.isEmpty();
        if (!missing && !NUMBER.matcher(v).matches()) {
          // Same treatment as a blank, counted so the caller can report it.
          missing = true;
          odd[0]++;
        }
        double value = missing ? col.median() : Double.parseDouble(v);
        out[j++] = value;
        if (col.missingIndicator()) {
          out[j++] = missing ? 1 : 0;
        }
        double[] edges = col.binEdges();
        if (edges.length > 0) {
          int bin = 0;
          while (bin < edges.length && value > edges[bin]) {
            bin++;
          }
          out[j + bin] = 1;
          j += edges.length + 1;
        }
      } else {
        String level = v.isEmpty() ? ColumnEncoding.MISSING_LEVEL : v;
        int idx = col.levels().indexOf(level);
        if (idx < 0) {
          idx = col.levels().size();
          odd[1]++;
        }
        out[j + idx] = 1;
        j += col.levels().size() + 1;
      }
    }
    for (int k = 0; k < out.length; k++) {
      out[k] = (out[k] - mean[k]) / std[k];
    }
    return out;
  }

  /** Positions of the encoded features each raw column produced, keyed by column, file order. */
  public Map<String, int[]> featureGroups() {
    Map<String, int[]> out = new LinkedHashMap<>();
    int j = 0;
    for (ColumnEncoding col : columns) {
      int[] idx = new int[col.width()];
      for (int k = 0; k < idx.length; k++) {
        idx[k] = j++;
      }
      out.put(col.name(), idx);
    }
    return out;
  }

  /** Column names whose values look like identifiers (nearly one distinct value per row). */
  public List<String> identifierLikeColumns(int trainRows) {
    List<String> out = new ArrayList<>();
    for (ColumnEncoding col : columns) {
      if (!col.numeric() && col.distinctValues() > 0.5 * trainRows && trainRows >= 20) {
        out.add(col.name());
      }
    }
    return Collections.unmodifiableList(out);
  }
}
