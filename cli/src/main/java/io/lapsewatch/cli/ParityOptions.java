package io.lapsewatch.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The command line of {@code parity}, filled by picocli and read by {@link ParityCommand}. */
@Command(
    name = "parity",
    showDefaultValues = true,
    sortOptions = false,
    description =
        "Offline vs Flink job feature vectors on the same shuffled history; prints mismatches"
            + " (must be 0).")
final class ParityOptions implements Callable<Integer> {
  @Mixin HelpOption help;

  private final PrintStream out;

  @Option(names = "--policyholders", paramLabel = "N", defaultValue = "10000")
  int holders;

  @Option(names = "--days", paramLabel = "D", defaultValue = "120")
  int days;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "5")
  long seed;

  @Option(
      names = "--out-of-order-ms",
      paramLabel = "MS",
      defaultValue = "600000",
      description = "how far events are shuffled out of time order")
  int outOfOrderMs;

  ParityOptions(PrintStream out) {
    this.out = out;
  }

  @Override
  public Integer call() throws Exception {
    return ParityCommand.run(this, out);
  }
}
