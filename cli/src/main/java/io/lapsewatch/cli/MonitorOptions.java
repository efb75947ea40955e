package io.lapsewatch.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The command line of {@code monitor}, run by {@link MonitorCommand}. */
@Command(
    name = "monitor",
    showDefaultValues = true,
    sortOptions = false,
    description = {
      "The model monitoring report: the monitored terms (scored at the lead time before renewal,"
          + " and ended) replayed day by day through a rolling window against the model's"
          + " reference profile; drift (PSI) per feature and of the score, expected against"
          + " realized AUC and lapse rate, calibration by decile.",
      "Writes report.html (charts) and monitoring.json (the daily series) to --out. Reads a"
          + " file of MonitoredTerm JSON lines and/or the whole monitoring topic."
    })
final class MonitorOptions implements Callable<Integer> {
  @Mixin HelpOption help;

  @Option(
      names = "--monitoring-file",
      paramLabel = "FILE",
      description = "monitored terms, one JSON record a line")
  Path monitoringFile;

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "B",
      description =
          "read the monitoring topic from this Kafka (or LAPSEWATCH_KAFKA_BOOTSTRAP_SERVERS when"
              + " no --monitoring-file is given)")
  String bootstrapServers;

  @Option(names = "--topic", paramLabel = "T", defaultValue = "lapsewatch.model-monitoring")
  String topic;

  @Option(names = "--registry", paramLabel = "DIR", defaultValue = "models")
  Path registry;

  @Option(
      names = "--model",
      paramLabel = "VERSION",
      defaultValue = "CURRENT",
      description = "the model whose terms are monitored (CURRENT: the published one)")
  String model;

  @Option(
      names = "--from",
      paramLabel = "YYYY-MM-DD",
      description = "first day reported (default: the first day with a monitored term)")
  LocalDate from;

  @Option(
      names = "--to",
      paramLabel = "YYYY-MM-DD",
      description = "last day reported (default: the last day with a monitored term)")
  LocalDate to;

  @Option(
      names = "--window-days",
      paramLabel = "W",
      defaultValue = "30",
      description = "days of terms behind each day's figures")
  int windowDays;

  @Option(
      names = "--min-terms",
      paramLabel = "N",
      defaultValue = "30",
      description = "fewest terms a figure is computed from")
  int minTerms;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "monitor-report")
  Path out;

  private final PrintStream log;

  MonitorOptions(PrintStream log) {
    this.log = log;
  }

  /** Kafka to read the topic from, or null for the file only. */
  String bootstrap() {
    return monitoringFile == null
        ? Environment.or(bootstrapServers, "LAPSEWATCH_KAFKA_BOOTSTRAP_SERVERS")
        : bootstrapServers;
  }

  @Override
  public Integer call() throws Exception {
    return MonitorCommand.run(this, log);
  }
}
