package io.lapsewatch.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The command line of {@code stack}, filled by picocli and read by {@link StackCommand}. */
@Command(
    name = "stack",
    showDefaultValues = true,
    sortOptions = false,
    description =
        "Embedded Kafka broker and redis-server on loopback for separate processes; runs until"
            + " killed.")
final class StackOptions implements Callable<Integer> {
  @Mixin HelpOption help;

  /** {@link StackCommand#DEFAULT_TOPICS} as one word: an annotation needs a constant. */
  static final String DEFAULT_TOPIC_LIST =
      "policy-events,policy-events-dlq,retention-alerts,retention-outcomes,retention-alerts-dlq,"
          + "retention-shadow-scores,retention-actions,retention-case-events,"
          + "lapsewatch.model-monitoring";

  private final PrintStream out;

  @Option(names = "--kafka-port", paramLabel = "P", defaultValue = "0", description = "0: any")
  int kafkaPort;

  @Option(names = "--redis-port", paramLabel = "P", defaultValue = "0", description = "0: any")
  int redisPort;

  @Option(
      names = "--reference-redis-port",
      paramLabel = "P",
      defaultValue = "-1",
      description = "a second redis-server for a reference run; -1: none, 0: any port")
  int referenceRedisPort;

  @Option(
      names = "--topics",
      paramLabel = "a,b",
      defaultValue = DEFAULT_TOPIC_LIST,
      description = "topics to create")
  String topics;

  @Option(names = "--partitions", paramLabel = "N", defaultValue = "2")
  int partitions;

  @Option(names = "--info-file", paramLabel = "F", description = "write the addresses here")
  Path infoFile;

  StackOptions(PrintStream out) {
    this.out = out;
  }

  @Override
  public Integer call() throws Exception {
    return StackCommand.run(this, out);
  }
}
