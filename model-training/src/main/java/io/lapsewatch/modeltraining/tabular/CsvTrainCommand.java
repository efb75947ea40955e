package io.lapsewatch.modeltraining.tabular;

import io.lapsewatch.modeltraining.trainers.TrainerKind;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

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

  static final String USAGE_TEXT =
      String.join(
          "\n",
          "usage: lapsewatch train --csv TRAIN.csv --test TEST.csv --label COL --positive VALUE",
          "                        [--sep ','] [--drop c1,c2] [--trainer lr|gbt|rf] --out DIR",
          "                        [--folds 5] [--no-tune] [--calibration-share 0.2]",
          "                        [--top-pct 10] [--seed 42]",
          "  --csv       training rows (header row first)",
          "  --test      evaluation rows, same columns; scored once, never used to tune",
          "  --label     outcome column;  --positive  its value meaning lapse/churn",
          "  --sep       field separator: one character, or 'tab' (default ',')",
          "  --drop      comma-separated columns to ignore (identifiers, leaks)",
          "  --trainer   lr = logistic regression, gbt = XGBoost, rf = random forest (default gbt)",
          "  --folds     cross-validation folds for choosing hyperparameters (default 5)",
          "  --no-tune   skip cross-validation; train the documented defaults",
          "  --calibration-share  share of train rows held out to calibrate (default 0.2)",
          "  --top-pct   share of rows the retention team can contact, sets the threshold (10)",
          "  --out       output folder: model.tribuo, tabular-metadata.json, metrics.json,"
              + " report.html");

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
    } catch (IllegalArgumentException e) {
      out.println("error: " + e.getMessage());
      out.println(USAGE_TEXT);
      return USAGE;
    }
    if (a == null) {
      out.println(USAGE_TEXT);
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

  /** Parses flags; returns null when help was asked for. */
  static Args parse(String[] args) {
    List<String> rest = new ArrayList<>(Arrays.asList(args));
    if (!rest.isEmpty() && rest.get(0).equals("train")) {
      rest.remove(0);
    }
    Path train = null;
    Path test = null;
    Path out = null;
    String label = null;
    String positive = null;
    char sep = ',';
    Set<String> drop = new LinkedHashSet<>();
    TrainerKind kind = TrainerKind.GBT;
    int folds = 5;
    boolean tune = true;
    double calShare = 0.2;
    double topShare = 0.10;
    long seed = 42L;
    for (int i = 0; i < rest.size(); i++) {
      String flag = rest.get(i);
      switch (flag) {
        case "-h", "--help" -> {
          return null;
        }
        case "--no-tune" -> tune = false;
        default -> {
          if (i + 1 >= rest.size()) {
            throw new IllegalArgumentException(flag + " needs a value");
          }
          String v = rest.get(++i);
          switch (flag) {
            case "--csv" -> train = Path.of(v);
            case "--test" -> test = Path.of(v);
            case "--out" -> out = Path.of(v);
            case "--label" -> label = v;
            case "--positive" -> positive = v;
            case "--sep" -> sep = separator(v);
            case "--drop" -> {
              for (String d : v.split(",")) {
                if (!d.isBlank()) {
                  drop.add(d.trim());
                }
              }
            }
            case "--trainer" -> kind = TrainerKind.parse(v);
            case "--folds" -> folds = integer(flag, v, 2, 20);
            case "--calibration-share" -> calShare = share(flag, v, 0.05, 0.5);
            case "--top-pct" -> topShare = integer(flag, v, 1, 99) / 100.0;
            case "--seed" -> seed = integer(flag, v, 0, Integer.MAX_VALUE);
            default -> throw new IllegalArgumentException("unknown flag '" + flag + "'");
          }
        }
      }
    }
    require(train, "--csv TRAIN.csv");
    require(test, "--test TEST.csv");
    require(label, "--label COLUMN");
    require(positive, "--positive VALUE");
    require(out, "--out DIR");
    return new Args(
        train, test, label, positive, sep, drop, kind, out, folds, tune, calShare, topShare, seed);
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

  private static int integer(String flag, String v, int min, int max) {
    try {
      int n = Integer.parseInt(v.trim());
      if (n < min || n > max) {
        throw new IllegalArgumentException(
            flag + " " + v + " is out of range; use " + min + " to " + max);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " '" + v + "' is not a whole number");
    }
  }

  private static double share(String flag, String v, double min, double max) {
    try {
      double d = Double.parseDouble(v.trim());
      if (!(d >= min && d <= max)) {
        throw new IllegalArgumentException(
            flag + " " + v + " is out of range; use " + min + " to " + max);
      }
      return d;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " '" + v + "' is not a number");
    }
  }
}
