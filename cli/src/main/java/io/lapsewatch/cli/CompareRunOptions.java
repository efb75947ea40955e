package io.lapsewatch.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The command line of {@code compare-run}, filled by picocli and read by {@link CompareRunCommand}.
 */
@Command(
    name = "compare-run",
    showDefaultValues = true,
    sortOptions = false,
    description =
        "A run's alert ids, outcomes and feature vectors against a reference run; exit 1 if any"
            + " is lost.")
final class CompareRunOptions implements Callable<Integer> {
  @Mixin HelpOption help;

  private final PrintStream out;

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "B",
      description = "required (or LAPSEWATCH_KAFKA_BOOTSTRAP_SERVERS)")
  String bootstrapServers;

  @Option(names = "--topic", paramLabel = "T", required = true, description = "the run's alerts")
  String topic;

  @Option(
      names = "--reference-topic",
      paramLabel = "R",
      required = true,
      description = "the reference run's alerts")
  String referenceTopic;

  @Option(names = "--outcomes-topic", paramLabel = "O")
  String outcomesTopic;

  @Option(names = "--reference-outcomes-topic", paramLabel = "RO")
  String referenceOutcomesTopic;

  @Option(names = "--redis-url", paramLabel = "U", description = "the run's feature store")
  String redisUrl;

  @Option(names = "--reference-redis-url", paramLabel = "RU")
  String referenceRedisUrl;

  @Option(
      names = "--injected",
      paramLabel = "N",
      defaultValue = "-1",
      description = "faults injected into the run, for the report; -1: not given")
  long injected;

  CompareRunOptions(PrintStream out) {
    this.out = out;
  }

  String bootstrap() {
    return Environment.or(bootstrapServers, "LAPSEWATCH_KAFKA_BOOTSTRAP_SERVERS");
  }

  @Override
  public Integer call() throws Exception {
    return CompareRunCommand.run(this, out);
  }
}
