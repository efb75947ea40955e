package io.lapsewatch.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The demo's "model in production" lines: drift, and the lapse rate and AUC the model expected
 * against what the ended terms nobody contacted realized (a retention contact changes the outcome
 * the model predicted, so contacted terms are left out and counted), as the job's model monitor
 * last computed them (its {@code model-health} accumulator), and the job's metrics scrape they can
 * be checked against.
 *
 * @param figures the job's final model-health figures by name (ModelHealthFigures)
 * @param leadDays days before renewal at which terms are monitored
 * @param windowDays days of terms behind the figures
 * @param scrapeFile where the job's metrics scrape was written
 * @param scrapedScorePsi the score PSI in that scrape (NaN when absent)
 */
record DemoModelHealth(
    Map<String, Double> figures,
    int leadDays,
    int windowDays,
    Path scrapeFile,
    double scrapedScorePsi) {

  /** How many of the most drifted features the summary names. */
  static final int TOP_FEATURES = 3;

  private static final String FEATURE = "feature_psi.";

  /** The features with the largest PSI, largest first (NaN ones left out). */
  List<Map.Entry<String, Double>> mostDrifted() {
    return figures.entrySet().stream()
        .filter(e -> e.getKey().startsWith(FEATURE) && !e.getValue().isNaN())
        .map(e -> Map.entry(e.getKey().substring(FEATURE.length()), e.getValue()))
        .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
        .limit(TOP_FEATURES)
        .toList();
  }

  /** Whether the scrape's score PSI is the figure printed (both NaN counts as the same). */
  boolean scrapeMatches() {
    double printed = figure("score_psi");
    return Double.isNaN(printed)
        ? Double.isNaN(scrapedScorePsi)
        : Math.abs(printed - scrapedScorePsi) < 1e-9;
  }

  void print(PrintStream out) {
    if (figures.isEmpty()) {
      out.println(
          "model in production    no term reached "
              + leadDays
              + " days before renewal in this run: nothing monitored");
      return;
    }
    double day = figure("day");
    out.printf(
        Locale.ROOT,
        "model in production    terms %d days before renewal, over the %d days to %s (%,d scored,"
            + " %,d ended; n/a = too few)%n",
        leadDays,
        windowDays,
        Double.isNaN(day) ? "?" : LocalDate.ofEpochDay((long) day),
        (long) figure("terms.scored"),
        (long) figure("terms.ended"));
    StringBuilder drifted = new StringBuilder();
    for (Map.Entry<String, Double> e : mostDrifted()) {
      drifted.append(drifted.length() == 0 ? "" : ", ").append(e.getKey()).append(' ');
      drifted.append(number(e.getValue(), "%.3f"));
    }
    out.printf(
        Locale.ROOT,
        "    drift (PSI)        score %s; most drifted features %s (the alert rule fires above"
            + " 0.2 for a day)%n",
        number(figure("score_psi"), "%.3f"),
        drifted.length() == 0 ? "n/a" : drifted);
    long contacted = (long) figures.getOrDefault("terms.ended_contacted", 0.0).doubleValue();
    out.printf(
        Locale.ROOT,
        "    lapse rate         expected %s from the scores; on the %,d ended terms nobody"
            + " contacted: expected %s, realized %s (%,d contacted terms left out: the contact"
            + " changed their outcome)%n",
        percent(figure("expected_lapse_rate")),
        (long) figure("terms.ended") - contacted,
        percent(figure("ended_expected_lapse_rate")),
        percent(figure("realized_lapse_rate")),
        contacted);
    out.printf(
        Locale.ROOT,
        "    AUC                expected %s from the scores; on the ended terms nobody contacted:"
            + " expected %s, realized %s%n",
        number(figure("expected_auc"), "%.3f"),
        number(figure("ended_expected_auc"), "%.3f"),
        number(figure("realized_auc"), "%.3f"));
    out.printf(
        Locale.ROOT,
        "job metrics scrape     %s: lapsewatch_score_drift_psi %s (%s)%n",
        scrapeFile,
        number(scrapedScorePsi, "%.3f"),
        scrapeMatches() ? "as printed above" : "DIFFERS from the figure printed above");
  }

  private double figure(String name) {
    return figures.getOrDefault(name, Double.NaN);
  }

  private static String number(double v, String format) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, format, v);
  }

  private static String percent(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
  }
}
