package io.lapsewatch.modeltraining.tabular;

import io.lapsewatch.modeltraining.trainers.TrainerKind;
import io.lapsewatch.modeltraining.trainers.TrainerKindConverter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code lapsewatch train --csv TRAIN.csv --test TEST.csv --label COL --positive VALUE [--sep ';']
 * [--drop c1,c2] [--trainer lr|gbt|rf] --out DIR}: trains a lapse model on any tabular churn data
 * and writes the model, its metadata, {@code metrics.json} and {@code report.html} into DIR.
 */
public final class CsvTrainCommand {
  /** Exit code for success. */
  public static final int OK = 0;

  /** Exit code when training or evaluation failed. */
  public static final int FAILED = 1;

  /** Exit code for a usage error (bad or missing flag). */
  public static final int USAGE = 2;

  private CsvTrainCommand() {}

  /** Parsed command line. */
  record Args(
      Path train,
      Path test,
      String label,
      String positive,
      char separator,
      Set<String> drop,
      TrainerKind kind,
      Path out,
      int folds,
      boolean tune,
      double calibrationShare,
      double topShare,
      long seed) {}

  /**
   * Runs the command. {@code args} may start with the word {@code train}.
   *
   * @return {@link #OK}, {@link #FAILED} or {@link #USAGE}
   */
  public static int run(String[] args, PrintStream out) {
    Args a;
    try {
      a = parse(args);
    } catch (ParameterException | IllegalArgumentException e) {
      out.println("error: " + e.getMessage());
      out.print(usage());
      return USAGE;
    }
    if (a == null) {
      out.print(usage());
      return OK;
    }
    try {
      long t0 = System.nanoTime();
      CsvTable train = CsvReader.read(a.train(), a.separator());
      out.printf(
          Locale.ROOT,
          "read %,d rows x %d columns from %s%n",
          train.size(),
          train.header().size(),
          a.train());
      CsvTable test = CsvReader.read(a.test(), a.separator());
      out.printf(
          Locale.ROOT,
          "read %,d rows x %d columns from %s%n",
          test.size(),
          test.header().size(),
          a.test());
      TabularTraining.Settings settings =
          new TabularTraining.Settings(
              new LabelSpec(a.label(), a.positive()),
              a.drop(),
              a.kind().defaults().withSeed(a.seed()),
              a.tune(),
              a.folds(),
              a.calibrationShare(),
              a.topShare(),
              a.seed());
      TabularTraining.Outcome o = TabularTraining.run(train, test, settings, out);
      TabularTraining.write(o, a.train(), a.test(), a.out());
      out.printf(
          Locale.ROOT,
          "wrote %s: %s, %s, metrics.json, report.html (%.1f s)%n",
          a.out(),
          TabularModel.MODEL_FILE,
          TabularModelMetadata.FILE,
          (System.nanoTime() - t0) / 1e9);
      return OK;
    } catch (IllegalArgumentException | IOException e) {
      out.println("error: " + e.getMessage());
      return FAILED;
    }
  }

  /** The help text, options with their defaults. */
  public static String usage() {
    return new CommandLine(new Options()).getUsageMessage(CommandLine.Help.Ansi.OFF);
  }

  /** Parses flags; returns null when help was asked for. */
  static Args parse(String[] args) {
    List<String> rest = new ArrayList<>(Arrays.asList(args));
    if (!rest.isEmpty() && rest.get(0).equals("train")) {
      rest.remove(0);
    }
    // Help wins wherever it stands: "train --csv --help" must not read --help as the file name.
    if (rest.contains("--help") || rest.contains("-h")) {
      return null;
    }
    Options o = new Options();
    new CommandLine(o).parseArgs(rest.toArray(new String[0]));
    require(o.train, "--csv TRAIN.csv");
    require(o.test, "--test TEST.csv");
    require(o.label, "--label COLUMN");
    require(o.positive, "--positive VALUE");
    require(o.out, "--out DIR");
    Set<String> drop = new LinkedHashSet<>();
    for (String d : o.drop) {
      if (!d.isBlank()) {
        drop.add(d.trim());
      }
    }
    return new Args(
        o.train,
        o.test,
        o.label,
        o.positive,
        o.separator,
        drop,
        o.kind,
        o.out,
        inRange("--folds", o.folds, 2, 20),
        !o.noTune,
        share("--calibration-share", o.calibrationShare, 0.05, 0.5),
        inRange("--top-pct", o.topPct, 1, 99) / 100.0,
        inRange("--seed", o.seed, 0, Integer.MAX_VALUE));
  }

  /** The command line of {@code train --csv}, filled by picocli. */
  @Command(
      name = "train",
      synopsisHeading = "",
      customSynopsis = {
        "usage: lapsewatch train --csv TRAIN.csv --test TEST.csv --label COL --positive VALUE"
            + " --out DIR [options]"
      },
      description = {
        "Trains a lapse model on any tabular churn data and writes the model, its metadata,"
            + " metrics.json and report.html into DIR."
      },
      showDefaultValues = true,
      sortOptions = false)
  static final class Options {
    @Option(
        names = "--csv",
        paramLabel = "TRAIN.csv",
        description = "training rows (header row first)")
    Path train;

    @Option(
        names = "--test",
        paramLabel = "TEST.csv",
        description = "evaluation rows, same columns; scored once, never used to tune")
    Path test;

    @Option(names = "--label", paramLabel = "COL", description = "outcome column")
    String label;

    @Option(
        names = "--positive",
        paramLabel = "VALUE",
        description = "the label's value meaning lapse/churn")
    String positive;

    @Option(
        names = "--out",
        paramLabel = "DIR",
        description =
            "output folder: model.tribuo, tabular-metadata.json, metrics.json, report.html")
    Path out;

    @Option(
        names = "--sep",
        paramLabel = "CHAR",
        defaultValue = ",",
        converter = SeparatorConverter.class,
        description = "field separator: one character, or 'tab'")
    char separator;

    @Option(
        names = "--drop",
        paramLabel = "c1,c2",
        split = ",",
        description = "columns to ignore (identifiers, leaks)")
    List<String> drop = new ArrayList<>();

    @Option(
        names = "--trainer",
        paramLabel = "lr|gbt|rf",
        defaultValue = "gbt",
        converter = TrainerKindConverter.class,
        description = "lr = logistic regression, gbt = XGBoost, rf = random forest")
    TrainerKind kind;

    @Option(
        names = "--folds",
        defaultValue = "5",
        description = "cross-validation folds for choosing hyperparameters (2 to 20)")
    int folds;

    @Option(
        names = "--no-tune",
        description = "skip cross-validation; train the documented defaults")
    boolean noTune;

    @Option(
        names = "--calibration-share",
        defaultValue = "0.2",
        description = "share of train rows held out to calibrate (0.05 to 0.5)")
    double calibrationShare;

    @Option(
        names = "--top-pct",
        defaultValue = "10",
        description = "percent of rows the retention team can contact; sets the threshold")
    int topPct;

    @Option(names = "--seed", defaultValue = "42", description = "random seed")
    int seed;

    @Option(
        names = {"-h", "--help"},
        usageHelp = true,
        description = "show this help")
    boolean help;
  }

  /** Reads {@code --sep}: one character or {@code tab}. */
  static final class SeparatorConverter implements ITypeConverter<Character> {
    @Override
    public Character convert(String value) {
      try {
        return separator(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  private static void require(Object value, String flag) {
    if (value == null) {
      throw new IllegalArgumentException("missing " + flag);
    }
  }

  static char separator(String v) {
    return switch (v) {
      case "tab", "\\t", "\t" -> '\t';
      default -> {
        if (v.length() != 1) {
          throw new IllegalArgumentException(
              "--sep '" + v + "' must be one character (e.g. ',' or ';') or 'tab'");
        }
        yield v.charAt(0);
      }
    };
  }

  private static int inRange(String flag, int n, int min, int max) {
    if (n < min || n > max) {
      throw new IllegalArgumentException(
          flag + " " + n + " is out of range; use " + min + " to " + max);
    }
    return n;
  }

  private static double share(String flag, double d, double min, double max) {
    if (!(d >= min && d <= max)) {
      throw new IllegalArgumentException(
          flag + " " + d + " is out of range; use " + min + " to " + max);
    }
    return d;
  }
}
