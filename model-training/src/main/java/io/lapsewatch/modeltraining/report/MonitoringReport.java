package io.lapsewatch.modeltraining.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lapsewatch.modeltraining.monitoring.CalibrationDeciles;
import io.lapsewatch.modeltraining.monitoring.FeatureBins;
import io.lapsewatch.modeltraining.monitoring.ModelHealth;
import io.lapsewatch.modeltraining.monitoring.ReferenceProfile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The model monitoring report of {@code lapsewatch monitor}: {@code report.html} (drift per feature
 * and of the score over time, the live score distribution against the reference, expected against
 * realized AUC and lapse rate, calibration by decile, the latest figures; JFreeChart PNGs inline)
 * and {@code monitoring.json} with the daily series (NaN written as null).
 *
 * @param modelVersion the model monitored
 * @param profile its reference profile
 * @param windowDays days in the rolling window behind each day's figures
 * @param minTerms fewest terms a figure is computed from
 * @param days the health at the end of each day of the period, in day order
 * @param notes what was read and left out, one line each
 */
public record MonitoringReport(
    String modelVersion,
    ReferenceProfile profile,
    int windowDays,
    int minTerms,
    List<ModelHealth> days,
    List<String> notes) {

  /** PSI above which a distribution counts as shifted (the alert rule's level). */
  public static final double PSI_ALERT = 0.2;

  /** Features drawn in the drift chart: those with the highest PSI over the period. */
  public static final int TOP_FEATURES = 6;

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public MonitoringReport {
    if (days.isEmpty()) {
      throw new IllegalArgumentException("a monitoring report needs at least one day");
    }
    days = List.copyOf(days);
    notes = List.copyOf(notes);
  }

  /** Writes {@code report.html} and {@code monitoring.json} into {@code dir}. */
  public void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("report.html"), html(), StandardCharsets.UTF_8);
    MAPPER.writeValue(dir.resolve("monitoring.json").toFile(), json());
  }

  /** The features with the highest PSI on any day, most drifted first. */
  public List<String> topFeatures(int n) {
    Map<String, Double> max = new LinkedHashMap<>();
    for (ModelHealth h : days) {
      h.featurePsi().forEach((f, v) -> max.merge(f, finiteOr(v, -1), Math::max));
    }
    return max.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
        .limit(n)
        .map(Map.Entry::getKey)
        .toList();
  }

  ObjectNode json() {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("modelVersion", modelVersion);
    root.put("leadDays", profile.leadDays());
    root.put("windowDays", windowDays);
    root.put("minTerms", minTerms);
    ObjectNode ref = root.putObject("reference");
    ref.put("rows", profile.rows());
    number(ref, "lapseRate", profile.lapseRate());
    number(ref, "auc", profile.auc());
    ArrayNode notesNode = root.putArray("notes");
    notes.forEach(notesNode::add);
    ArrayNode series = root.putArray("days");
    for (ModelHealth h : days) {
      ObjectNode d = series.addObject();
      d.put("date", LocalDate.ofEpochDay(h.day()).toString());
      d.put("scoredTerms", h.scoredTerms());
      d.put("endedTerms", h.endedTerms());
      d.put("endedContacted", h.endedContacted());
      number(d, "scorePsi", h.scorePsi());
      ObjectNode f = d.putObject("featurePsi");
      h.featurePsi().forEach((k, v) -> number(f, k, v));
      number(d, "expectedLapseRate", h.expectedLapseRate());
      number(d, "endedExpectedLapseRate", h.endedExpectedLapseRate());
      number(d, "realizedLapseRate", h.realizedLapseRate());
      number(d, "expectedAuc", h.expectedAuc());
      number(d, "realizedAuc", h.realizedAuc());
      ObjectNode c = d.putObject("calibration");
      array(c.putArray("predicted"), h.calibration().predicted());
      array(c.putArray("observed"), h.calibration().observed());
      ArrayNode terms = c.putArray("terms");
      for (int t : h.calibration().terms()) {
        terms.add(t);
      }
    }
    return root;
  }

  /** The self-contained HTML page. */
  public String html() {
    List<LocalDate> dates = days.stream().map(h -> LocalDate.ofEpochDay(h.day())).toList();
    ModelHealth last = days.get(days.size() - 1);
    StringBuilder sb = new StringBuilder();
    sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>LapseWatch model monitoring ")
        .append(Html.escape(modelVersion))
        .append("</title>\n<style>\n")
        .append(
            "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:24px;"
                + "color:#111827;max-width:1000px}\n"
                + "h2{font-size:17px;margin-top:28px;border-bottom:1px solid #e5e7eb}\n"
                + "table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #e5e7eb;"
                + "padding:3px 8px;text-align:right}th:first-child,td:first-child{text-align:left}\n"
                + ".drift{font-weight:600;background:#fef2f2}.sub{color:#4b5563}\n")
        .append("</style>\n</head>\n<body>\n<h1>Model monitoring: ")
        .append(Html.escape(modelVersion))
        .append("</h1>\n");
    sb.append(
        String.format(
            Locale.ROOT,
            "<p class=\"sub\">%s to %s; each day's figures cover the terms of the %d days up to"
                + " it: scored %d days before renewal (drift, expected performance) or ended"
                + " (realized performance). Figures from fewer than %d terms are left out."
                + " Reference: %,d held-out test terms at the same lead time.</p>\n",
            dates.get(0),
            dates.get(dates.size() - 1),
            windowDays,
            profile.leadDays(),
            minTerms,
            profile.rows()));
    for (String note : notes) {
      sb.append("<p class=\"sub\">").append(Html.escape(note)).append("</p>\n");
    }
    latest(sb, last);

    sb.append("<h2>Drift: population stability index</h2>\n");
    Map<String, double[]> scorePsi = new LinkedHashMap<>();
    scorePsi.put("score", series(ModelHealth::scorePsi));
    scorePsi.put("alert level " + PSI_ALERT, constant(PSI_ALERT));
    image(sb, "chart-score-psi", PngCharts.daily("Score PSI", "PSI", dates, scorePsi));
    Map<String, double[]> featurePsi = new LinkedHashMap<>();
    for (String f : topFeatures(TOP_FEATURES)) {
      featurePsi.put(f, series(h -> h.featurePsi().get(f)));
    }
    featurePsi.put("alert level " + PSI_ALERT, constant(PSI_ALERT));
    image(
        sb,
        "chart-feature-psi",
        PngCharts.daily(
            "Feature PSI (top " + TOP_FEATURES + " by highest PSI)", "PSI", dates, featurePsi));

    sb.append("<h2>Score distribution against the reference</h2>\n");
    ModelHealth scored = lastWith(h -> h.scoredTerms() >= Math.max(1, minTerms));
    if (scored == null) {
      sb.append("<p>No day had enough scored terms.</p>\n");
    } else {
      FeatureBins bins = profile.score();
      Map<String, double[]> bars = new LinkedHashMap<>();
      bars.put("reference", bins.proportions());
      bars.put("live, window to " + LocalDate.ofEpochDay(scored.day()), scored.scoreProportions());
      image(
          sb,
          "chart-score-distribution",
          PngCharts.bars(
              "Share of terms per reference score bin",
              "calibrated score bin",
              "share of terms",
              binLabels(bins),
              bars));
    }

    sb.append("<h2>Expected against realized performance</h2>\n");
    Map<String, double[]> auc = new LinkedHashMap<>();
    auc.put("expected AUC (scored terms)", series(ModelHealth::expectedAuc));
    auc.put("realized AUC (ended terms nobody contacted)", series(ModelHealth::realizedAuc));
    auc.put("reference AUC", constant(profile.auc()));
    image(sb, "chart-auc", PngCharts.daily("AUC", "AUC", dates, auc));
    Map<String, double[]> rate = new LinkedHashMap<>();
    rate.put("expected lapse rate (scored terms)", series(ModelHealth::expectedLapseRate));
    rate.put(
        "expected lapse rate (ended terms nobody contacted)",
        series(ModelHealth::endedExpectedLapseRate));
    rate.put(
        "realized lapse rate (ended terms nobody contacted)",
        series(ModelHealth::realizedLapseRate));
    rate.put("reference lapse rate", constant(profile.lapseRate()));
    image(sb, "chart-lapse-rate", PngCharts.daily("Lapse rate", "lapse rate", dates, rate));

    sb.append("<h2>Calibration by decile (ended terms nobody contacted)</h2>\n");
    ModelHealth ended = lastWith(h -> h.endedUncontacted() >= Math.max(1, minTerms));
    if (ended == null) {
      sb.append("<p>No day had enough ended terms.</p>\n");
    } else {
      CalibrationDeciles c = ended.calibration();
      Map<String, double[][]> points = new LinkedHashMap<>();
      points.put(
          "window to " + LocalDate.ofEpochDay(ended.day()),
          new double[][] {c.predicted(), c.observed()});
      points.put("perfect calibration", new double[][] {{0, 1}, {0, 1}});
      image(
          sb,
          "chart-calibration",
          PngCharts.xy(
              "Observed lapse rate against predicted, by score decile",
              "mean calibrated score",
              "observed lapse rate",
              points));
    }

    sb.append("<h2>Feature drift on the last day</h2>\n<table>\n<tr><th>feature</th>")
        .append("<th>PSI</th><th>highest PSI in the period</th></tr>\n");
    for (String f : topFeatures(Integer.MAX_VALUE)) {
      double now = last.featurePsi().get(f);
      double max =
          days.stream().mapToDouble(h -> finiteOr(h.featurePsi().get(f), -1)).max().orElse(-1);
      sb.append(now > PSI_ALERT ? "<tr class=\"drift\"><td>" : "<tr><td>")
          .append(Html.escape(f))
          .append("</td><td>")
          .append(fmt(now))
          .append("</td><td>")
          .append(fmt(max < 0 ? Double.NaN : max))
          .append("</td></tr>\n");
    }
    sb.append("</table>\n</body>\n</html>\n");
    return sb.toString();
  }

  private void latest(StringBuilder sb, ModelHealth last) {
    sb.append("<h2>Latest figures (")
        .append(LocalDate.ofEpochDay(last.day()))
        .append(")</h2>\n<table id=\"latest\">\n<tr><th>figure</th><th>live</th>")
        .append("<th>reference</th></tr>\n");
    row(
        sb,
        "scored terms in the window",
        String.valueOf(last.scoredTerms()),
        String.valueOf(profile.rows()));
    row(sb, "ended terms in the window", String.valueOf(last.endedTerms()), "");
    // A contact changes the outcome the model predicted for a term left alone.
    row(sb, "ended terms left out: contacted", String.valueOf(last.endedContacted()), "");
    row(sb, "score PSI", fmt(last.scorePsi()), "");
    String top = topFeatures(1).isEmpty() ? null : topFeatures(1).get(0);
    if (top != null) {
      row(sb, "highest feature PSI in the period: " + top, fmt(last.featurePsi().get(top)), "");
    }
    row(sb, "expected lapse rate", fmt(last.expectedLapseRate()), fmt(profile.lapseRate()));
    row(
        sb,
        "expected lapse rate of the ended terms nobody contacted",
        fmt(last.endedExpectedLapseRate()),
        fmt(profile.lapseRate()));
    row(
        sb,
        "realized lapse rate of the ended terms nobody contacted",
        fmt(last.realizedLapseRate()),
        fmt(profile.lapseRate()));
    row(sb, "expected AUC", fmt(last.expectedAuc()), fmt(profile.auc()));
    row(sb, "realized AUC", fmt(last.realizedAuc()), fmt(profile.auc()));
    sb.append("</table>\n");
  }

  private static void row(StringBuilder sb, String name, String live, String reference) {
    sb.append("<tr><td>")
        .append(Html.escape(name))
        .append("</td><td>")
        .append(live)
        .append("</td><td>")
        .append(reference)
        .append("</td></tr>\n");
  }

  private static void image(StringBuilder sb, String id, byte[] png) {
    sb.append("<p><img id=\"")
        .append(id)
        .append("\" alt=\"")
        .append(id)
        .append("\" width=\"")
        .append(PngCharts.WIDTH)
        .append("\" src=\"")
        .append(PngCharts.dataUri(png))
        .append("\"></p>\n");
  }

  private ModelHealth lastWith(java.util.function.Predicate<ModelHealth> enough) {
    for (int i = days.size() - 1; i >= 0; i--) {
      if (enough.test(days.get(i))) {
        return days.get(i);
      }
    }
    return null;
  }

  private double[] series(ToDoubleFunction<ModelHealth> figure) {
    return days.stream().mapToDouble(figure).toArray();
  }

  private double[] constant(double v) {
    double[] out = new double[days.size()];
    java.util.Arrays.fill(out, v);
    return out;
  }

  private static List<String> binLabels(FeatureBins bins) {
    List<String> out = new ArrayList<>();
    double[] e = bins.upperEdges();
    for (int i = 0; i < e.length; i++) {
      out.add(String.format(Locale.ROOT, "≤%.3f", e[i]));
    }
    out.add(String.format(Locale.ROOT, ">%.3f", e[e.length - 1]));
    return out;
  }

  private static String fmt(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "n/a";
  }

  private static double finiteOr(Double v, double fallback) {
    return v != null && Double.isFinite(v) ? v : fallback;
  }

  private static void number(ObjectNode n, String field, double v) {
    if (Double.isFinite(v)) {
      n.put(field, v);
    } else {
      n.putNull(field);
    }
  }

  private static void array(ArrayNode a, double[] values) {
    for (double v : values) {
      if (Double.isFinite(v)) {
        a.add(v);
      } else {
        a.addNull();
      }
    }
  }
}
