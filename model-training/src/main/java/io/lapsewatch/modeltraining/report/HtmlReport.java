package io.lapsewatch.modeltraining.report;

import io.lapsewatch.modeltraining.Evaluation.Confusion;
import io.lapsewatch.modeltraining.Evaluation.Point;
import io.lapsewatch.modeltraining.Evaluation.ReliabilityBin;
import io.lapsewatch.modeltraining.report.SvgChart.Series;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders the evaluation report as one self-contained HTML file: inline SVG charts (ROC,
 * precision-recall, calibration, cumulative gains, feature importance) and tables, no scripts and
 * nothing fetched from the network, so it opens the same from a mail attachment or a file share.
 */
public final class HtmlReport {
  /** Element ids of the four evaluation charts, in page order. */
  public static final List<String> CHART_IDS =
      List.of("roc-chart", "pr-chart", "calibration-chart", "gains-chart");

  private static final String MODEL = "#dc2626";
  private static final String BASELINE = "#6b7280";
  private static final String IDEAL = "#16a34a";

  private HtmlReport() {}

  public static void write(EvaluationReport r, Path file) throws IOException {
    Files.writeString(file, render(r), StandardCharsets.UTF_8);
  }

  public static String render(EvaluationReport r) {
    EvaluationReport.Scored t = r.test();
    Map<String, Double> m = t.metrics();
    StringBuilder sb = new StringBuilder();
    sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>Evaluation: ")
        .append(Html.escape(r.title()))
        .append("</title>\n<style>\n")
        .append(
            "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:24px;"
                + "color:#111827;max-width:1000px}\n"
                + "h1{font-size:22px;margin-bottom:4px}h2{font-size:17px;margin-top:28px;"
                + "border-bottom:1px solid #e5e7eb;padding-bottom:4px}\n"
                + ".sub{color:#4b5563;margin-top:0}\n"
                + ".cards{display:flex;flex-wrap:wrap;gap:10px}\n"
                + ".card{border:1px solid #e5e7eb;border-radius:6px;padding:8px 14px;min-width:110px}\n"
                + ".card b{display:block;font-size:20px}.card span{color:#4b5563;font-size:12px}\n"
                + ".charts{display:flex;flex-wrap:wrap;gap:8px}\n"
                + "table{border-collapse:collapse;font-size:13px;margin:6px 0}\n"
                + "td,th{border:1px solid #e5e7eb;padding:4px 8px;text-align:right}\n"
                + "th{background:#f9fafb}td.l,th.l{text-align:left}\n"
                + ".note{color:#4b5563;font-size:13px}\n")
        .append("</style>\n</head>\n<body>\n");
    sb.append("<h1>Lapse model evaluation</h1>\n<p class=\"sub\">")
        .append(Html.escape(r.title()))
        .append(" &middot; ")
        .append(Html.escape(r.trainerDescription()))
        .append(" &middot; ")
        .append(String.format(Locale.ROOT, "%,d test rows", r.rows().test()))
        .append("</p>\n");
    sb.append(
        "<p class=\"note\">All figures are on the test file, scored once with calibrated"
            + " probabilities.</p>\n");

    sb.append("<div class=\"cards\">\n");
    card(sb, "AUC-ROC", m.get("auc_roc"), "%.4f");
    card(sb, "PR-AUC (average precision)", m.get("pr_auc"), "%.4f");
    card(sb, "Brier score", m.get("brier"), "%.4f");
    card(sb, "log-loss", m.get("log_loss"), "%.4f");
    card(sb, "lift at top 10%", m.get("lift_at_10pct"), "%.2f");
    card(sb, "test lapse rate", m.get("positive_rate"), "%.3f");
    sb.append("</div>\n");

    sb.append("<h2>Ranking and calibration</h2>\n<div class=\"charts\">\n");
    double base = m.get("positive_rate");
    sb.append(
        SvgChart.render(
            CHART_IDS.get(0),
            String.format(Locale.ROOT, "ROC curve (AUC %.3f)", m.get("auc_roc")),
            "false positive rate",
            "true positive rate",
            1,
            1,
            List.of(
                new Series("model", t.roc(), MODEL, false, false),
                new Series("random", diagonal(1), BASELINE, true, false))));
    sb.append(
        SvgChart.render(
            CHART_IDS.get(1),
            String.format(Locale.ROOT, "Precision-recall (AP %.3f)", m.get("pr_auc")),
            "recall",
            "precision",
            1,
            1,
            List.of(
                new Series("model", t.precisionRecall(), MODEL, false, false),
                new Series(
                    "lapse rate",
                    List.of(new Point(0, base), new Point(1, base)),
                    BASELINE,
                    true,
                    false))));
    List<Point> rel = new ArrayList<>();
    double relMax = 0;
    for (ReliabilityBin b : t.reliability()) {
      rel.add(new Point(b.meanPredicted(), b.observedRate()));
      relMax = Math.max(relMax, Math.max(b.meanPredicted(), b.observedRate()));
    }
    double axis = 1.0;
    // A round axis end keeps the five tick labels round (0.05 steps rather than 0.18).
    for (double candidate : new double[] {0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.75}) {
      if (relMax * 1.03 <= candidate) {
        axis = candidate;
        break;
      }
    }
    sb.append(
        SvgChart.render(
            CHART_IDS.get(2),
            "Calibration by score decile",
            "mean predicted probability",
            "observed lapse rate",
            axis,
            axis,
            List.of(
                new Series("model", rel, MODEL, false, true),
                new Series("perfect", diagonal(axis), BASELINE, true, false))));
    sb.append(
        SvgChart.render(
            CHART_IDS.get(3),
            "Cumulative gains",
            "share of policyholders contacted (by score)",
            "share of lapsers reached",
            1,
            1,
            List.of(
                new Series("model", t.gains(), MODEL, false, false),
                new Series("random", diagonal(1), BASELINE, true, false),
                new Series(
                    "perfect",
                    List.of(new Point(0, 0), new Point(base, 1), new Point(1, 1)),
                    IDEAL,
                    true,
                    false))));
    sb.append("</div>\n");

    sb.append("<h2>Lift and capture at k%</h2>\n<table>\n")
        .append(
            "<tr><th>top k% by score</th><th>rows</th><th>lift</th><th>capture rate</th></tr>\n");
    for (EvaluationReport.AtK k : t.atK()) {
      sb.append(
          String.format(
              Locale.ROOT,
              "<tr><td>%.0f%%</td><td>%,d</td><td>%.2f</td><td>%.1f%%</td></tr>%n",
              k.share() * 100,
              k.rows(),
              k.lift(),
              k.capture() * 100));
    }
    sb.append(
        "</table>\n<p class=\"note\">Lift: lapse rate among the top k% over the overall rate."
            + " Capture: share of all lapsers found in the top k%.</p>\n");

    Confusion c = t.confusion();
    sb.append("<h2>Confusion matrix at the chosen threshold</h2>\n")
        .append(
            String.format(
                Locale.ROOT,
                "<p class=\"note\">Threshold %.4f: %s.</p>%n",
                t.threshold(),
                Html.escape(r.thresholdRule())))
        .append("<table>\n<tr><th></th><th>flagged</th><th>not flagged</th></tr>\n")
        .append(
            String.format(
                Locale.ROOT,
                "<tr><th class=\"l\">lapsed</th><td>%,d</td><td>%,d</td></tr>%n"
                    + "<tr><th class=\"l\">renewed</th><td>%,d</td><td>%,d</td></tr>%n",
                c.truePositive(),
                c.falseNegative(),
                c.falsePositive(),
                c.trueNegative()))
        .append("</table>\n");
    long flagged = c.truePositive() + c.falsePositive();
    long lapsers = c.truePositive() + c.falseNegative();
    sb.append(
        String.format(
            Locale.ROOT,
            "<p class=\"note\">Precision %.1f%%, recall %.1f%% (%,d of %,d flagged).</p>%n",
            flagged == 0 ? 0.0 : 100.0 * c.truePositive() / flagged,
            lapsers == 0 ? 0.0 : 100.0 * c.truePositive() / lapsers,
            flagged,
            c.truePositive() + c.falsePositive() + c.trueNegative() + c.falseNegative()));

    sb.append("<h2>Reliability by decile</h2>\n<table>\n")
        .append(
            "<tr><th>decile (low to high score)</th><th>rows</th><th>mean predicted</th>"
                + "<th>observed rate</th></tr>\n");
    for (ReliabilityBin b : t.reliability()) {
      sb.append(
          String.format(
              Locale.ROOT,
              "<tr><td>%d</td><td>%,d</td><td>%.3f</td><td>%.3f</td></tr>%n",
              b.bin(),
              b.rows(),
              b.meanPredicted(),
              b.observedRate()));
    }
    sb.append("</table>\n");

    sb.append("<h2>Global feature importance</h2>\n<p class=\"note\">")
        .append(Html.escape(r.importance().method()))
        .append(
            r.importance().entries().stream().anyMatch(e -> e.signed() < 0)
                ? "; red pushes towards lapse, blue away from it"
                : "")
        .append(".</p>\n");
    List<FeatureImportance.Entry> top = r.importance().top(20);
    sb.append(
        SvgChart.bars(
            "importance-chart",
            "Top " + top.size() + " features",
            top.stream().map(FeatureImportance.Entry::feature).toList(),
            top.stream().map(FeatureImportance.Entry::signed).toList()));

    sb.append("<h2>Model</h2>\n<table>\n");
    row(sb, "trainer", r.trainerDescription() + " (--trainer " + r.trainer() + ")");
    r.hyperparameters().forEach((k, v) -> row(sb, k, String.valueOf(v)));
    row(sb, "chosen by", r.selection());
    row(sb, "calibration", r.calibration());
    row(
        sb,
        "rows",
        String.format(
            Locale.ROOT,
            "%,d train (%,d fitted, %,d held out for calibration), %,d test; %d encoded"
                + " features; train lapse rate %.3f",
            r.rows().train(),
            r.rows().fit(),
            r.rows().calibration(),
            r.rows().test(),
            r.rows().features(),
            r.rows().trainPositiveRate()));
    sb.append("</table>\n");
    if (!r.crossValidation().isEmpty()) {
      sb.append("<h2>Cross-validation on train</h2>\n<table>\n")
          .append(
              "<tr><th class=\"l\">configuration</th><th>mean AUC</th><th>sd</th>"
                  + "<th>log-loss</th></tr>\n");
      for (EvaluationReport.CvLine l : r.crossValidation()) {
        sb.append(
            String.format(
                Locale.ROOT,
                "<tr%s><td class=\"l\">%s</td><td>%.4f</td><td>%.4f</td><td>%.4f</td></tr>%n",
                l.chosen() ? " style=\"font-weight:600;background:#fef2f2\"" : "",
                Html.escape(l.config()),
                l.meanAuc(),
                l.sdAuc(),
                l.logLoss()));
      }
      sb.append("</table>\n");
    }
    if (!r.notes().isEmpty()) {
      sb.append("<h2>Notes</h2>\n<ul class=\"note\">\n");
      for (String n : r.notes()) {
        sb.append("<li>").append(Html.escape(n)).append("</li>\n");
      }
      sb.append("</ul>\n");
    }
    sb.append("</body>\n</html>\n");
    return sb.toString();
  }

  private static void card(StringBuilder sb, String name, Double value, String fmt) {
    sb.append("<div class=\"card\"><b>")
        .append(value == null ? "-" : String.format(Locale.ROOT, fmt, value))
        .append("</b><span>")
        .append(Html.escape(name))
        .append("</span></div>\n");
  }

  private static void row(StringBuilder sb, String k, String v) {
    sb.append("<tr><th class=\"l\">")
        .append(Html.escape(k))
        .append("</th><td class=\"l\">")
        .append(Html.escape(v))
        .append("</td></tr>\n");
  }

  private static List<Point> diagonal(double max) {
    return List.of(new Point(0, 0), new Point(max, max));
  }
}
