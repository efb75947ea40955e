package io.lapsewatch.modeltraining.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lapsewatch.modeltraining.Evaluation.Point;
import io.lapsewatch.modeltraining.report.SvgChart.Series;
import io.lapsewatch.modeltraining.uplift.AlertedTermHistory;
import io.lapsewatch.modeltraining.uplift.UpliftMetrics;
import io.lapsewatch.modeltraining.uplift.UpliftSelection;
import io.lapsewatch.modeltraining.uplift.UpliftTraining.ActionResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The uplift training report: {@code report.html} (per action, the candidates' cross-validated
 * Qini, the chosen estimator, its held-out figures and a Qini chart of the model against random and
 * perfect targeting, inline SVG) and {@code metrics.json} with the same figures.
 *
 * @param candidates the candidate set name ({@code quick} or {@code full})
 * @param folds cross-validation folds
 * @param seed random seed of splits and learners
 * @param counts what was read and left out
 * @param actions one result per action trained
 * @param modelDirs per action, where its model was saved (relative or absolute, as given)
 * @param skipped per action not trained, why
 */
public record UpliftReport(
    String candidates,
    int folds,
    long seed,
    AlertedTermHistory.Counts counts,
    List<ActionResult> actions,
    Map<String, String> modelDirs,
    Map<String, String> skipped) {
  /** Element id of an action's Qini chart. */
  public static String chartId(String action) {
    return "qini-" + action;
  }

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public UpliftReport {
    actions = List.copyOf(actions);
    modelDirs = Map.copyOf(modelDirs);
    skipped = new LinkedHashMap<>(skipped);
  }

  /** Writes {@code report.html} and {@code metrics.json} into {@code dir}. */
  public void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("report.html"), html(), StandardCharsets.UTF_8);
    MAPPER.writeValue(dir.resolve("metrics.json").toFile(), toMap());
  }

  /** The metrics document as nested maps in a stable order; NaN (undefined) is written as null. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("candidates", candidates);
    m.put("folds", folds);
    m.put("seed", seed);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("alerts", counts.alerts());
    data.put("follow_ups_ignored", counts.followUps());
    data.put("messages_ignored", counts.messages());
    data.put("later_alerts_of_term_ignored", counts.laterAlertsOfTerm());
    data.put("terms", counts.terms());
    data.put("missing_outcome", counts.missingOutcome());
    data.put("expired_unknown", counts.expiredUnknown());
    data.put("missing_features", counts.missingFeatures());
    data.put("renewed", counts.renewed());
    data.put("lapsed", counts.lapsed());
    m.put("data", data);
    Map<String, Object> acts = new LinkedHashMap<>();
    for (ActionResult a : actions) {
      acts.put(a.action(), action(a));
    }
    m.put("actions", acts);
    m.put("skipped_actions", skipped);
    return m;
  }

  private Map<String, Object> action(ActionResult a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("treated_rows", a.treatedRows());
    m.put("holdout_rows", a.controlRows());
    m.put("training_rows", a.trainingRows());
    m.put("heldout_rows", a.heldOut().rows());
    List<Object> cands = new ArrayList<>();
    for (UpliftSelection.CandidateScore s : a.selection().scores()) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("estimator", s.estimator().describe());
      c.put("cv_qini_coefficient_mean", num(s.meanQiniCoefficient()));
      c.put("cv_qini_coefficient_sd", num(s.sdQiniCoefficient()));
      c.put("cv_qini_area_mean", num(s.meanQiniArea()));
      c.put("cv_auuc_mean", num(s.meanAuuc()));
      c.put("cv_fold_qini_coefficients", s.foldQiniCoefficients().stream().map(this::num).toList());
      cands.add(c);
    }
    m.put("cv_candidates", cands);
    m.put("chosen", a.selection().best().describe());
    m.put("model_dir", modelDirs.get(a.action()));
    UpliftMetrics.Evaluation e = a.heldOut();
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("observed_uplift", num(e.observedUplift()));
    h.put("qini_coefficient", num(e.qiniCoefficient()));
    h.put("qini_area", num(e.qiniArea()));
    h.put("auuc", num(e.auuc()));
    e.upliftAt().forEach((k, v) -> h.put("uplift_at_" + MetricsJson.pct(k), num(v)));
    e.incrementalSavesPer1000Contacts()
        .forEach(
            (k, v) ->
                h.put("incremental_saves_per_1000_contacts_at_" + MetricsJson.pct(k), num(v)));
    e.incrementalPremiumPer1000Contacts()
        .forEach(
            (k, v) ->
                h.put("incremental_premium_per_1000_contacts_at_" + MetricsJson.pct(k), num(v)));
    h.put("true_effect_correlation", num(a.trueEffectCorrelation()));
    h.put("true_effect_rows", a.truthRows());
    m.put("heldout", h);
    return m;
  }

  private Object num(double v) {
    return Double.isFinite(v) ? v : null;
  }

  /** The self-contained HTML page. */
  public String html() {
    StringBuilder sb = new StringBuilder();
    sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>LapseWatch uplift models</title>\n<style>\n")
        .append(
            "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:24px;"
                + "color:#111827;max-width:1000px}\n"
                + "h2{font-size:17px;margin-top:28px;border-bottom:1px solid #e5e7eb}\n"
                + "table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #e5e7eb;"
                + "padding:3px 8px;text-align:right}th:first-child,td:first-child{text-align:left}\n"
                + ".chosen{font-weight:600;background:#f0fdf4}.sub{color:#4b5563}\n")
        .append("</style>\n</head>\n<body>\n<h1>Uplift models</h1>\n");
    sb.append(
        String.format(
            Locale.ROOT,
            "<p class=\"sub\">%,d alerts read: %,d journey follow-ups, %,d messages and %,d later"
                + " alerts of a term ignored; %,d alerted terms, of which %,d without an outcome,"
                + " %,d expired unknown and %,d without features were left out; %,d renewed, %,d"
                + " lapsed. Candidates: %s, %d folds, seed %d.</p>%n",
            counts.alerts(),
            counts.followUps(),
            counts.messages(),
            counts.laterAlertsOfTerm(),
            counts.terms(),
            counts.missingOutcome(),
            counts.expiredUnknown(),
            counts.missingFeatures(),
            counts.renewed(),
            counts.lapsed(),
            Html.escape(candidates),
            folds,
            seed));
    for (ActionResult a : actions) {
      section(sb, a);
    }
    skipped.forEach(
        (action, why) ->
            sb.append("<h2>")
                .append(Html.escape(action))
                .append("</h2>\n<p>Not trained: ")
                .append(Html.escape(why))
                .append("</p>\n"));
    sb.append("</body>\n</html>\n");
    return sb.toString();
  }

  private void section(StringBuilder sb, ActionResult a) {
    UpliftMetrics.Evaluation e = a.heldOut();
    sb.append("<h2>").append(Html.escape(a.action())).append("</h2>\n");
    sb.append(
        String.format(
            Locale.ROOT,
            "<p>%,d treated and %,d holdout rows; %,d for cross-validation and training, %,d held"
                + " out (%,d treated, %,d holdout), observed uplift %s.</p>%n",
            a.treatedRows(),
            a.controlRows(),
            a.trainingRows(),
            e.rows(),
            e.treatedRows(),
            e.controlRows(),
            f(e.observedUplift(), 4)));
    sb.append("<table><tr><th>candidate</th><th>CV Qini coefficient (mean ± sd)</th>")
        .append("<th>CV AUUC</th></tr>\n");
    for (UpliftSelection.CandidateScore s : a.selection().scores()) {
      boolean chosen = s.estimator().equals(a.selection().best());
      sb.append(chosen ? "<tr class=\"chosen\">" : "<tr>")
          .append("<td>")
          .append(Html.escape(s.estimator().describe()))
          .append(chosen ? " (chosen)" : "")
          .append("</td><td>")
          .append(f(s.meanQiniCoefficient(), 4))
          .append(" ± ")
          .append(f(s.sdQiniCoefficient(), 4))
          .append("</td><td>")
          .append(f(s.meanAuuc(), 4))
          .append("</td></tr>\n");
    }
    sb.append("</table>\n<table><tr><th>held out</th><th>value</th></tr>\n");
    row(sb, "Qini coefficient", f(e.qiniCoefficient(), 4));
    row(sb, "AUUC", f(e.auuc(), 4));
    e.upliftAt().forEach((k, v) -> row(sb, "uplift at top " + pctLabel(k), f(v, 4)));
    e.incrementalSavesPer1000Contacts()
        .forEach(
            (k, v) -> row(sb, "incremental saves per 1,000 contacts, top " + pctLabel(k), f(v, 1)));
    e.incrementalPremiumPer1000Contacts()
        .forEach(
            (k, v) ->
                row(
                    sb,
                    "incremental annual premium per 1,000 contacts, top " + pctLabel(k),
                    f(v, 0)));
    row(
        sb,
        "correlation with the true effect",
        a.truthRows() == 0
            ? "n/a (no truth file)"
            : f(a.trueEffectCorrelation(), 3) + " (" + a.truthRows() + " rows)");
    String dir = modelDirs.get(a.action());
    row(sb, "saved model", dir == null ? "not saved" : dir);
    sb.append("</table>\n");
    sb.append(qiniChart(a));
    sb.append(
        "<p class=\"sub\">Qini curve on the held-out rows: incremental renewals among the targeted"
            + " treated rows against the share of rows targeted. Random targeting is the straight"
            + " line; perfect ranks treated renewals first and holdout renewals last. Values below"
            + " 0 are drawn on the axis.</p>\n");
  }

  /** The model, random and perfect Qini curves on one chart. */
  String qiniChart(ActionResult a) {
    List<Point> model = points(a.heldOut().qiniCurve());
    List<Point> perfect = points(a.perfectQini());
    double end = model.get(model.size() - 1).y();
    List<Point> random = List.of(new Point(0, 0), new Point(1, end));
    double max = 1e-9;
    for (List<Point> s : List.of(model, perfect, random)) {
      for (Point p : s) {
        max = Math.max(max, p.y());
      }
    }
    return SvgChart.render(
        chartId(a.action()),
        "Qini curve: " + a.action(),
        "share of rows targeted",
        "incremental renewals",
        1,
        max * 1.05,
        List.of(
            new Series("model", model, "#dc2626", false, false),
            new Series("random", random, "#6b7280", true, false),
            new Series("perfect", perfect, "#16a34a", true, false)));
  }

  private static List<Point> points(List<UpliftMetrics.CurvePoint> c) {
    return c.stream().map(p -> new Point(p.share(), p.value())).toList();
  }

  private static void row(StringBuilder sb, String name, String value) {
    sb.append("<tr><td>")
        .append(Html.escape(name))
        .append("</td><td>")
        .append(Html.escape(value))
        .append("</td></tr>\n");
  }

  private static String pctLabel(double share) {
    return Math.round(share * 100) + "%";
  }

  private static String f(double v, int digits) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%,." + digits + "f", v) : "n/a";
  }
}
