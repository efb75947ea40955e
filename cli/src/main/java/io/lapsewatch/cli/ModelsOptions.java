package io.lapsewatch.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The command line of {@code models (list | publish VERSION)}, read by {@link ModelsCommand}. */
@Command(
    name = "models",
    showDefaultValues = true,
    sortOptions = false,
    description = "The models in a registry (list, the default), or make one current (publish).")
final class ModelsOptions implements Callable<Integer> {
  @Mixin HelpOption help;

  private final PrintStream out;

  @Parameters(
      paramLabel = "list | publish VERSION",
      arity = "0..2",
      showDefaultValue = Help.Visibility.NEVER)
  List<String> words = new ArrayList<>();

  @Option(names = "--registry", paramLabel = "DIR", defaultValue = "models")
  Path registry;

  @Option(
      names = "--redis-url",
      paramLabel = "URL",
      description = "also publish to this Redis (or LAPSEWATCH_REDIS_URL) for model.source=redis")
  String redisUrl;

  ModelsOptions(PrintStream out) {
    this.out = out;
  }

  String redis() {
    return Environment.or(redisUrl, "LAPSEWATCH_REDIS_URL");
  }

  @Override
  public Integer call() throws Exception {
    ModelsCommand.run(this, out);
    return 0;
  }
}
