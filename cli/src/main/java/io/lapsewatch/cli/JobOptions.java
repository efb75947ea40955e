package io.lapsewatch.cli;

import io.lapsewatch.flinkjobs.ScoringJob;
import io.lapsewatch.flinkjobs.settings.SettingsReference;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * The command line of {@code job}: every argument goes unchanged to the scoring job, which reads
 * and checks its own settings.
 */
@Command(
    name = "job",
    description = {
      "The scoring job in this JVM (for a cluster, submit flink-jobs/target/*-job.jar).",
      "Settings as --KEY VALUE, e.g. --kafka.bootstrap-servers B --redis.url URL"
          + " --model.registry DIR (every setting below; also in docs/settings.md)."
    })
final class JobOptions implements Callable<Integer> {
  @Mixin HelpOption help;

  private final PrintStream err;

  @Parameters(paramLabel = "--KEY VALUE", description = "job settings, passed through")
  List<String> words = new ArrayList<>();

  JobOptions(PrintStream err) {
    this.err = err;
  }

  /** {@code job}, taking the job's settings (open-ended names) as words in the order given. */
  static CommandLine commandLine(PrintStream err) {
    CommandLine line =
        new CommandLine(new JobOptions(err)).setUnmatchedOptionsArePositionalParams(true);
    // The job declares its own settings; its help lists them with their defaults.
    line.getCommandSpec()
        .usageMessage()
        .footer("%n" + SettingsReference.usage().replace("%", "%%"));
    return line;
  }

  /** Every argument after {@code job}, unchanged and in the order given. */
  String[] jobArguments() {
    return words.toArray(new String[0]);
  }

  @Override
  public Integer call() throws Exception {
    return ScoringJob.run(jobArguments(), err);
  }
}
