package io.lapsewatch.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The command line of {@code demo}, filled by picocli and read by {@link DemoCommand}. */
@Command(
    name = "demo",
    showDefaultValues = true,
    sortOptions = false,
    description = "The whole loop on embedded Kafka, Redis and Flink; prints a summary.")
final class DemoOptions implements Callable<Integer> {
  @Mixin HelpOption help;

  private final PrintStream out;

  @Option(names = "--policyholders", paramLabel = "N", defaultValue = "5000")
  int holders;

  @Option(names = "--days", paramLabel = "D", defaultValue = "180", description = "live period")
  int days;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "7")
  long seed;

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "B",
      description = "external Kafka (or LAPSEWATCH_KAFKA_BOOTSTRAP_SERVERS); default: in-process")
  String bootstrapServers;

  @Option(
      names = "--redis-url",
      paramLabel = "URL",
      description = "external Redis (or LAPSEWATCH_REDIS_URL); default: a local redis-server")
  String redisUrl;

  @Option(names = "--work-dir", paramLabel = "DIR", defaultValue = "demo-out")
  Path work;

  @Option(
      names = "--journeys",
      paramLabel = "FILE",
      description =
          "journey plans file to run (docs/journeys.md); default: the shipped"
              + " deploy/journeys/retention-journeys.yaml")
  Path journeys;

  @Option(names = "--keep-running", description = "keep the stack up after the summary")
  boolean keepRunning;

  DemoOptions(PrintStream out) {
    this.out = out;
  }

  /** The Kafka to use: the option, else the environment, else null for an in-process broker. */
  String bootstrap() {
    return Environment.or(bootstrapServers, "LAPSEWATCH_KAFKA_BOOTSTRAP_SERVERS");
  }

  /** The Redis to use: the option, else the environment, else null for a local redis-server. */
  String redis() {
    return Environment.or(redisUrl, "LAPSEWATCH_REDIS_URL");
  }

  @Override
  public Integer call() throws Exception {
    return DemoCommand.run(this, out);
  }
}
