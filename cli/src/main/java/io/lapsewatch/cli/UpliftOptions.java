package io.lapsewatch.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The command line of {@code uplift train}, run by {@link UpliftCommand}. */
@Command(
    name = "uplift",
    description = "Uplift models of the retention actions, learned from the holdout arm.")
final class UpliftOptions implements Runnable {
  @Mixin HelpOption help;

  @Spec CommandSpec spec;

  private UpliftOptions() {}

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "give a subcommand: train");
  }

  /** {@code uplift} with its subcommand. */
  static CommandLine commandLine(PrintStream out) {
    return new CommandLine(new UpliftOptions()).addSubcommand(new Train(out));
  }

  /** {@code uplift train}. */
  @Command(
      name = "train",
      showDefaultValues = true,
      sortOptions = false,
      description = {
        "Per action (offer, callback): alerted terms with their arm and outcome, features as of"
            + " the alert from the event history; candidates cross-validated by Qini coefficient,"
            + " the best evaluated on a held-out quarter, saved to <registry>/uplift/<action>/,"
            + " report.html and metrics.json written to --out.",
        "Each input is a file (NDJSON) or a Kafka topic (read whole)."
      })
  static final class Train implements Callable<Integer> {
    @Mixin HelpOption help;

    @Option(names = "--events", paramLabel = "FILE", description = "NDJSON event history")
    Path events;

    @Option(names = "--events-topic", paramLabel = "T", description = "or this topic's history")
    String eventsTopic;

    @Option(names = "--alerts", paramLabel = "FILE", description = "NDJSON alerts")
    Path alerts;

    @Option(names = "--alerts-topic", paramLabel = "T", description = "or this alerts topic")
    String alertsTopic;

    @Option(names = "--outcomes", paramLabel = "FILE", description = "NDJSON outcomes")
    Path outcomes;

    @Option(names = "--outcomes-topic", paramLabel = "T", description = "or this outcomes topic")
    String outcomesTopic;

    @Option(
        names = "--bootstrap-servers",
        paramLabel = "B",
        description = "Kafka for the topics (or LAPSEWATCH_KAFKA_BOOTSTRAP_SERVERS)")
    String bootstrapServers;

    @Option(
        names = "--registry",
        paramLabel = "DIR",
        required = true,
        description = "model registry; models go to DIR/uplift/<action>/<version>/")
    Path registry;

    @Option(
        names = "--out",
        paramLabel = "DIR",
        required = true,
        description = "report folder (report.html, metrics.json)")
    Path out;

    @Option(names = "--folds", paramLabel = "K", defaultValue = "3")
    int folds;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42")
    long seed;

    @Option(
        names = "--candidates",
        paramLabel = "quick|full",
        defaultValue = "quick",
        description = "quick = logistic-regression learners only; full adds random forests")
    String candidates;

    @Option(
        names = "--truth-file",
        paramLabel = "FILE.csv",
        description =
            "simulator ground truth (simulate --truth-file): adds the true-effect" + " correlation")
    Path truthFile;

    private final PrintStream log;

    Train(PrintStream log) {
      this.log = log;
    }

    String bootstrap() {
      return Environment.or(bootstrapServers, "LAPSEWATCH_KAFKA_BOOTSTRAP_SERVERS");
    }

    @Override
    public Integer call() throws Exception {
      return UpliftCommand.run(this, log);
    }
  }
}
