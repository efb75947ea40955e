package io.lapsewatch.cli;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.AlertJson;
import io.lapsewatch.alertcontract.Outcome;
import io.lapsewatch.alertcontract.OutcomeJson;
import io.lapsewatch.featurestore.simulator.NdjsonEvents;
import io.lapsewatch.modeltraining.report.UpliftReport;
import io.lapsewatch.modeltraining.uplift.AlertedTermHistory;
import io.lapsewatch.modeltraining.uplift.TrueEffects;
import io.lapsewatch.modeltraining.uplift.UpliftDataset;
import io.lapsewatch.modeltraining.uplift.UpliftEstimator;
import io.lapsewatch.modeltraining.uplift.UpliftMetrics;
import io.lapsewatch.modeltraining.uplift.UpliftModelStore;
import io.lapsewatch.modeltraining.uplift.UpliftSelection;
import io.lapsewatch.modeltraining.uplift.UpliftTraining;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code uplift train}: builds each action's uplift dataset from the recorded alerts, outcomes and
 * event history, selects and evaluates a model per action, saves it and writes the report.
 */
final class UpliftCommand {
  private UpliftCommand() {}

  static int run(UpliftOptions.Train o, PrintStream log) throws Exception {
    if (o.folds < 2) {
      throw new IllegalArgumentException("--folds must be at least 2, was " + o.folds);
    }
    List<UpliftEstimator> candidates = UpliftTraining.candidates(o.candidates, o.seed);
    TrueEffects truth = o.truthFile == null ? null : TrueEffects.read(o.truthFile);
    List<Alert> alerts =
        records(o.alerts, "--alerts", o.alertsTopic, "--alerts-topic", o, AlertJson::read, log);
    List<Outcome> outcomes =
        records(
            o.outcomes,
            "--outcomes",
            o.outcomesTopic,
            "--outcomes-topic",
            o,
            OutcomeJson::read,
            log);
    AlertedTermHistory history = new AlertedTermHistory(alerts, outcomes);
    readEvents(o, history, log);
    AlertedTermHistory.Result data = history.build();
    AlertedTermHistory.Counts c = data.counts();
    log.printf(
        Locale.ROOT,
        "alerted terms: %,d alerts -> %,d terms (ignored: %,d journey follow-ups, %,d messages,"
            + " %,d later alerts of a term); left out: %,d without outcome, %,d expired unknown,"
            + " %,d without features; kept %,d renewed, %,d lapsed%n",
        c.alerts(),
        c.terms(),
        c.followUps(),
        c.messages(),
        c.laterAlertsOfTerm(),
        c.missingOutcome(),
        c.expiredUnknown(),
        c.missingFeatures(),
        c.renewed(),
        c.lapsed());
    UpliftModelStore store = new UpliftModelStore(o.registry);
    List<UpliftTraining.ActionResult> results = new ArrayList<>();
    Map<String, String> dirs = new LinkedHashMap<>();
    Map<String, String> skipped = new LinkedHashMap<>();
    for (Map.Entry<String, UpliftDataset> e : data.datasets().entrySet()) {
      String action = e.getKey();
      UpliftDataset d = e.getValue();
      int needed = UpliftTraining.HOLDOUT_PARTS * o.folds;
      if (d.treatedCount() < needed || d.controlCount() < needed) {
        String why =
            String.format(
                Locale.ROOT,
                "%,d treated and %,d holdout rows; each arm needs at least %d (%d folds x %d"
                    + " parts)",
                d.treatedCount(),
                d.controlCount(),
                needed,
                o.folds,
                UpliftTraining.HOLDOUT_PARTS);
        skipped.put(action, why);
        log.printf("%s: not trained: %s%n", action, why);
        continue;
      }
      UpliftTraining.ActionResult r =
          UpliftTraining.run(d, data.terms().get(action), candidates, o.folds, o.seed, truth);
      Path dir = store.save(r.selection().model());
      dirs.put(action, dir.toString());
      results.add(r);
      print(r, dir, log);
    }
    new UpliftReport(o.candidates, o.folds, o.seed, c, results, dirs, skipped).write(o.out);
    log.println("report: " + o.out.resolve("report.html") + ", " + o.out.resolve("metrics.json"));
    return 0;
  }

  private static <T> List<T> records(
      Path file,
      String fileOption,
      String topic,
      String topicOption,
      UpliftOptions.Train o,
      RecordSource.Parser<T> parser,
      PrintStream log)
      throws Exception {
    if ((file == null) == (topic == null)) {
      throw new IllegalArgumentException(
          "give exactly one of " + fileOption + " and " + topicOption);
    }
    if (file != null) {
      return RecordSource.file(file, fileOption, parser).records();
    }
    RecordSource.Read<T> read =
        RecordSource.topic(bootstrap(o, topicOption), topic, topicOption, parser);
    log.printf(
        "read %,d records from %s, %,d breaking the contract (skipped)%n",
        read.records().size() + read.invalid(), topic, read.invalid());
    return read.records();
  }

  private static void readEvents(UpliftOptions.Train o, AlertedTermHistory history, PrintStream log)
      throws Exception {
    if ((o.events == null) == (o.eventsTopic == null)) {
      throw new IllegalArgumentException("give exactly one of --events and --events-topic");
    }
    if (o.events != null) {
      if (!java.nio.file.Files.isRegularFile(o.events)) {
        throw new IllegalArgumentException("--events: no such file '" + o.events + "'");
      }
      NdjsonEvents.read(o.events, history::accept);
      return;
    }
    TopicHistory.Read h =
        TopicHistory.read(
            bootstrap(o, "--events-topic"), o.eventsTopic, Long.MIN_VALUE, Long.MAX_VALUE);
    log.printf(
        "read %,d records from %s: %,d events, %,d breaking the contract (skipped)%n",
        h.records(), o.eventsTopic, h.events().size(), h.invalid());
    h.events().forEach(history::accept);
  }

  private static String bootstrap(UpliftOptions.Train o, String option) {
    String b = o.bootstrap();
    if (b == null) {
      throw new IllegalArgumentException(option + " needs --bootstrap-servers");
    }
    return b;
  }

  private static void print(UpliftTraining.ActionResult r, Path dir, PrintStream log) {
    UpliftMetrics.Evaluation e = r.heldOut();
    log.printf(
        Locale.ROOT,
        "%n%s: %,d treated + %,d holdout rows; %,d for cross-validation, %,d held out%n",
        r.action(),
        r.treatedRows(),
        r.controlRows(),
        r.trainingRows(),
        e.rows());
    log.printf(Locale.ROOT, "  %-34s %s%n", "CV Qini coefficient (mean ± sd)", "candidate");
    for (UpliftSelection.CandidateScore s : r.selection().scores()) {
      boolean chosen = s.estimator().equals(r.selection().best());
      log.printf(
          Locale.ROOT,
          "%s %14.4f ± %-17.4f %s%n",
          chosen ? "*" : " ",
          s.meanQiniCoefficient(),
          s.sdQiniCoefficient(),
          s.estimator().describe());
    }
    log.printf(Locale.ROOT, "  chosen: %s%n", r.selection().best().describe());
    log.printf(
        Locale.ROOT,
        "  held out: Qini coefficient %.4f, AUUC %.4f, observed uplift %.4f%n",
        e.qiniCoefficient(),
        e.auuc(),
        e.observedUplift());
    log.printf(
        Locale.ROOT,
        "  %-10s %10s %28s %38s%n",
        "top",
        "uplift",
        "incremental saves / 1,000",
        "incremental annual premium / 1,000");
    for (double s : UpliftMetrics.REPORTED_SHARES) {
      log.printf(
          Locale.ROOT,
          "  %-10s %10.4f %28.1f %38.0f%n",
          Math.round(s * 100) + "%",
          e.upliftAt().get(s),
          e.incrementalSavesPer1000Contacts().get(s),
          e.incrementalPremiumPer1000Contacts().get(s));
    }
    log.printf(
        Locale.ROOT,
        "  correlation with the true effect: %s%n",
        r.truthRows() == 0
            ? "n/a (no --truth-file)"
            : String.format(
                Locale.ROOT, "%.3f (%,d held-out rows)", r.trueEffectCorrelation(), r.truthRows()));
    log.println("  saved to " + dir);
  }
}
