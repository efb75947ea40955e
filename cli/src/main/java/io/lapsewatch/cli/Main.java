package io.lapsewatch.cli;

import io.lapsewatch.bench.BenchCommand;
import io.lapsewatch.faults.FaultSuite;
import io.lapsewatch.modeltraining.tabular.CsvTrainCommand;
import io.lapsewatch.modeltraining.tabular.ReferenceComparison;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/** Entry point of {@code bin/lapsewatch}: one picocli subcommand per command. */
public final class Main {
  /** Exit code for a bad command line. */
  static final int USAGE = 2;

  // Held statically: java.util.logging keeps loggers weakly, and a collected one loses its level.
  private static final Logger TRIBUO_LOG = Logger.getLogger("org.tribuo");

  private Main() {}

  public static void main(String[] argv) {
    // Tribuo logs every training iteration through java.util.logging; keep the console readable.
    TRIBUO_LOG.setLevel(Level.WARNING);
    System.exit(run(argv, System.out, System.err));
  }

  static int run(String[] argv, PrintStream out, PrintStream err) {
    // "train --csv" trains on any table and has options of its own; it reads the whole line.
    if (argv.length > 0 && argv[0].equals("train") && Arrays.asList(argv).contains("--csv")) {
      return CsvTrainCommand.run(Arrays.copyOfRange(argv, 1, argv.length), out);
    }
    return commandLine(out, err).execute(argv);
  }

  /** Every command, writing to {@code out} and reporting errors on {@code err}. */
  static CommandLine commandLine(PrintStream out, PrintStream err) {
    CommandLine line =
        new CommandLine(new Root())
            .addSubcommand(new DemoOptions(out))
            .addSubcommand(new SimulateOptions(out))
            .addSubcommand(new TrainOptions(out))
            .addSubcommand("uplift", UpliftOptions.commandLine(out))
            .addSubcommand(new MonitorOptions(out))
            .addSubcommand(new ReferenceComparison.Options(out))
            .addSubcommand(new ModelsOptions(out))
            .addSubcommand("features", FeaturesOptions.commandLine(out))
            .addSubcommand(new ParityOptions(out))
            .addSubcommand(new BenchCommand.Options(out))
            .addSubcommand(new FaultSuite.Options(out))
            .addSubcommand("job", JobOptions.commandLine(err))
            .addSubcommand(new AlertsOptions())
            .addSubcommand(new StackOptions(out))
            .addSubcommand(new CompareRunOptions(out))
            .addSubcommand(new HelpCommand());
    // Set after the subcommands are added: picocli applies these to the hierarchy as it is now.
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    line.registerConverter(Integer.class, WholeNumbers::integer);
    line.registerConverter(Integer.TYPE, WholeNumbers::integer);
    line.registerConverter(Long.class, WholeNumbers::whole);
    line.registerConverter(Long.TYPE, WholeNumbers::whole);
    line.setParameterExceptionHandler(Main::badCommandLine);
    line.setExecutionExceptionHandler(Main::failed);
    return line;
  }

  /** A bad option or value: name it, point at the command's help, exit 2. */
  private static int badCommandLine(ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    PrintWriter err = command.getErr();
    err.println("error: " + e.getMessage());
    UnmatchedArgumentException.printSuggestions(e, err);
    err.println("see: " + helpCommand(command.getCommandSpec()));
    return USAGE;
  }

  private static String helpCommand(CommandSpec spec) {
    return spec.qualifiedName(" ").replaceFirst("^lapsewatch", "bin/lapsewatch") + " --help";
  }

  /** A command failed: user errors (bad values) without a stack trace, others with their causes. */
  private static int failed(Exception e, CommandLine command, ParseResult parsed) {
    PrintWriter err = command.getErr();
    if (e instanceof IllegalArgumentException) {
      err.println("error: " + e.getMessage());
      return USAGE;
    }
    err.println("failed: " + e);
    for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
      err.println("  caused by: " + c);
    }
    return 1;
  }

  /** {@code lapsewatch} itself: lists the commands; without one it is a usage error. */
  @Command(
      name = "lapsewatch",
      mixinStandardHelpOptions = true,
      version = "lapsewatch 0.1.0",
      synopsisSubcommandLabel = "COMMAND",
      description = "Predicts which policyholders are about to lapse and acts while there is time.",
      footer = {
        "",
        "Every command has --help. train --csv trains on any tabular churn data:"
            + " bin/lapsewatch train --csv --help."
      })
  static final class Root implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
      throw new ParameterException(spec.commandLine(), "give a command");
    }
  }
}
