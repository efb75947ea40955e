package io.lapsewatch.cli;

import io.lapsewatch.modeltraining.model.ChurnModel;
import io.lapsewatch.modeltraining.model.ModelMetadata;
import io.lapsewatch.modeltraining.model.ModelRegistry;
import io.lapsewatch.modeltraining.monitoring.ModelHealth;
import io.lapsewatch.modeltraining.monitoring.MonitoredTerm;
import io.lapsewatch.modeltraining.monitoring.MonitoredTermJson;
import io.lapsewatch.modeltraining.monitoring.MonitoringReplay;
import io.lapsewatch.modeltraining.monitoring.MonitoringWindow;
import io.lapsewatch.modeltraining.monitoring.ReferenceProfile;
import io.lapsewatch.modeltraining.report.MonitoringReport;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code monitor}: reads the monitored terms and the model's reference profile, replays the terms
 * day by day and writes the monitoring report.
 */
final class MonitorCommand {
  private MonitorCommand() {}

  static int run(MonitorOptions o, PrintStream log) throws Exception {
    if (o.windowDays < 1) {
      throw new IllegalArgumentException("--window-days must be at least 1, was " + o.windowDays);
    }
    if (o.minTerms < 1) {
      throw new IllegalArgumentException("--min-terms must be at least 1, was " + o.minTerms);
    }
    String bootstrap = o.bootstrap();
    if (o.monitoringFile == null && bootstrap == null) {
      throw new IllegalArgumentException(
          "give --monitoring-file and/or --bootstrap-servers (to read --topic " + o.topic + ")");
    }
    String version = version(o);
    ReferenceProfile profile = profile(o, version);
    List<String> notes = new ArrayList<>();
    List<MonitoredTerm> read = new ArrayList<>();
    if (o.monitoringFile != null) {
      List<MonitoredTerm> f =
          RecordSource.file(o.monitoringFile, "--monitoring-file", MonitoredTermJson::read)
              .records();
      notes.add(
          String.format(
              Locale.ROOT,
              "%,d monitored terms from %s",
              f.size(),
              o.monitoringFile.getFileName()));
      read.addAll(f);
    }
    if (bootstrap != null) {
      RecordSource.Read<MonitoredTerm> t =
          RecordSource.topic(bootstrap, o.topic, "--topic", MonitoredTermJson::read);
      notes.add(
          String.format(
              Locale.ROOT,
              "%,d monitored terms from topic %s, %,d records breaking the contract skipped",
              t.records().size(),
              o.topic,
              t.invalid()));
      read.addAll(t.records());
    }
    List<MonitoredTerm> terms = new ArrayList<>();
    for (MonitoredTerm t : read) {
      if (version.equals(t.modelVersion)) {
        terms.add(t);
      }
    }
    if (terms.size() < read.size()) {
      notes.add(
          String.format(
              Locale.ROOT,
              "%,d terms scored by other model versions left out",
              read.size() - terms.size()));
    }
    if (terms.isEmpty()) {
      throw new IllegalArgumentException(
          "no monitored terms of model " + version + " among the " + read.size() + " read");
    }
    int first = terms.stream().mapToInt(MonitoringWindow::dayOf).min().orElseThrow();
    int last = terms.stream().mapToInt(MonitoringWindow::dayOf).max().orElseThrow();
    int from = o.from == null ? first : (int) o.from.toEpochDay();
    int to = o.to == null ? last : (int) o.to.toEpochDay();
    if (to < from) {
      throw new IllegalArgumentException(
          "--to "
              + java.time.LocalDate.ofEpochDay(to)
              + " is before --from "
              + java.time.LocalDate.ofEpochDay(from));
    }
    List<ModelHealth> days =
        MonitoringReplay.daily(terms, profile, o.windowDays, o.minTerms, from, to);
    notes.forEach(log::println);
    new MonitoringReport(version, profile, o.windowDays, o.minTerms, days, notes).write(o.out);
    ModelHealth end = days.get(days.size() - 1);
    log.printf(
        Locale.ROOT,
        "%s: %,d days; on %s score PSI %.3f, expected AUC %.3f, realized AUC %.3f; lapse rate of"
            + " the %,d ended terms nobody contacted: expected %.3f, realized %.3f (%,d contacted"
            + " left out)%n",
        version,
        days.size(),
        java.time.LocalDate.ofEpochDay(end.day()),
        end.scorePsi(),
        end.expectedAuc(),
        end.realizedAuc(),
        end.endedUncontacted(),
        end.endedExpectedLapseRate(),
        end.realizedLapseRate(),
        end.endedContacted());
    log.println(
        "report: " + o.out.resolve("report.html") + ", " + o.out.resolve("monitoring.json"));
    return 0;
  }

  private static String version(MonitorOptions o) throws java.io.IOException {
    if (!o.model.equals(ModelRegistry.CURRENT)) {
      // The version names a folder of the registry: nothing that could leave it.
      if (!o.model.matches("[A-Za-z0-9][A-Za-z0-9._-]*") || o.model.contains("..")) {
        throw new IllegalArgumentException(
            "--model: '" + o.model + "' is not a model version (letters, digits, . _ -)");
      }
      return o.model;
    }
    return new ModelRegistry(o.registry)
        .current()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "--model CURRENT: no published model in "
                        + o.registry
                        + "; run: lapsewatch models publish <version>, or give --model"));
  }

  private static ReferenceProfile profile(MonitorOptions o, String version)
      throws java.io.IOException {
    Path file = new ModelRegistry(o.registry).versionDir(version).resolve(ChurnModel.METADATA_FILE);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          "--model: no model '" + version + "' in " + o.registry + " (no " + file + ")");
    }
    ReferenceProfile profile = ModelMetadata.read(file).referenceProfile();
    if (profile == null) {
      throw new IllegalArgumentException(
          "model "
              + version
              + " has no reference profile (trained before monitoring existed); retrain it");
    }
    return profile;
  }
}
