package io.lapsewatch.modeltraining.tabular;

import io.lapsewatch.modeltraining.trainers.TrainerKind;
import io.lapsewatch.modeltraining.trainers.TrainerKindConverter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Benchmark: trains every trainer, cross-validated on train only, on the public churn and lapse
 * splits in {@code ../shared/data}, scores each test file once, and compares with the reference
 * results published beside the data. Writes {@code docs/model-evaluation.md}.
 *
 * <pre>
 * java -cp ... io.lapsewatch.modeltraining.tabular.ReferenceComparison [DATA_DIR]
 *     [--docs docs/model-evaluation.md] [--out target/reference-comparison]
 *     [--trainers lr,gbt,rf] [--datasets telco,eudirectlapse]
 * </pre>
 */
public final class ReferenceComparison {
  private ReferenceComparison() {}

  /**
   * One public data set and the reference results on its split.
   *
   * @param referenceAuc best reference AUC per reference model (from the data README)
   */
  record DataSet(
      String name,
      String description,
      char separator,
      String label,
      String positive,
      Set<String> drop,
      Map<String, double[]> reference) {

    Path train(Path dir) {
      return dir.resolve(name + "-train.csv");
    }

    Path test(Path dir) {
      return dir.resolve(name + "-test.csv");
    }

    double bestReferenceAuc() {
      return reference.values().stream().mapToDouble(r -> r[0]).max().orElse(Double.NaN);
    }
  }

  /** Reference AUC / AP / lift@10% on these exact splits (scikit-learn 1.2, data README). */
  static final List<DataSet> DATA_SETS =
      List.of(
          new DataSet(
              "telco",
              "IBM telecom customers; label Churn = Yes (26.5%)",
              ',',
              "Churn",
              "Yes",
              Set.of("customerID"),
              Map.of(
                  "logistic regression", new double[] {0.8466, 0.6382, 2.79},
                  "gradient boosting", new double[] {0.8337, 0.6361, 2.85})),
          new DataSet(
              "eudirectlapse",
              "European direct motor insurance renewals; label lapse = 1 (12.8%)",
              ';',
              "lapse",
              "1",
              Set.of(),
              Map.of(
                  "logistic regression", new double[] {0.6110, 0.1825, 1.65},
                  "gradient boosting", new double[] {0.5959, 0.1780, 1.63})));

  /** One trained and evaluated cell of the comparison. */
  record Result(
      DataSet data,
      TrainerKind kind,
      String config,
      double cvAuc,
      Map<String, Double> metrics,
      double seconds) {}

  public static void main(String[] args) {
    System.exit(new CommandLine(new Options(System.out)).execute(args));
  }

  /** Runs the comparison; returns a process exit code (2 for a bad command line). */
  public static int run(String[] args, PrintStream out) {
    PrintWriter w = new PrintWriter(out, true);
    return new CommandLine(new Options(out))
        .setOut(w)
        .setErr(w)
        .setExecutionExceptionHandler(
            (e, line, parsed) -> {
              if (e instanceof IllegalArgumentException) {
                w.println("error: " + e.getMessage());
                return 2;
              }
              throw e;
            })
        .execute(args);
  }

  /** The command line of {@code evaluate-reference}, filled by picocli. */
  @Command(
      name = "evaluate-reference",
      showDefaultValues = true,
      sortOptions = false,
      description = {
        "All trainers on the public churn/lapse splits against their reference AUCs;"
            + " writes docs/model-evaluation.md."
      })
  public static final class Options implements Callable<Integer> {
    @Option(
        names = {"-h", "--help"},
        usageHelp = true,
        description = "Show this help and exit.")
    boolean help;

    private final PrintStream log;

    @Parameters(
        index = "0",
        arity = "0..1",
        paramLabel = "DATA_DIR",
        defaultValue = "../shared/data",
        description = "folder with <name>-train.csv and <name>-test.csv")
    Path dataDir;

    @Option(names = "--docs", paramLabel = "FILE", defaultValue = "docs/model-evaluation.md")
    Path docs;

    @Option(
        names = "--out",
        paramLabel = "DIR",
        defaultValue = "model-training/target/reference-comparison")
    Path outDir;

    @Option(
        names = "--trainers",
        paramLabel = "lr,gbt,rf",
        split = ",",
        defaultValue = "lr,gbt,rf",
        converter = TrainerKindConverter.class)
    List<TrainerKind> kinds;

    @Option(
        names = "--datasets",
        paramLabel = "NAMES",
        split = ",",
        defaultValue = "telco,eudirectlapse")
    List<String> names;

    /** Writes progress and the results to {@code log}. */
    public Options(PrintStream log) {
      this.log = log;
    }

    @Override
    public Integer call() throws IOException {
      return compare(dataDir, docs, outDir, kinds, names, log);
    }
  }

  static int compare(
      Path dataDir,
      Path docs,
      Path outDir,
      List<TrainerKind> kinds,
      List<String> names,
      PrintStream out)
      throws IOException {
    List<String> known = DATA_SETS.stream().map(DataSet::name).toList();
    for (String n : names) {
      if (!known.contains(n)) {
        throw new IllegalArgumentException(
            "--datasets: unknown data set '" + n + "'; known: " + String.join(",", known));
      }
    }
    List<Result> results = new ArrayList<>();
    for (DataSet d : DATA_SETS) {
      if (!names.contains(d.name())) {
        continue;
      }
      if (!Files.isRegularFile(d.train(dataDir)) || !Files.isRegularFile(d.test(dataDir))) {
        out.println(
            "skipping "
                + d.name()
                + ": "
                + d.train(dataDir)
                + " or its test file is missing (pass the data folder as the first argument)");
        continue;
      }
      CsvTable train = CsvReader.read(d.train(dataDir), d.separator());
      CsvTable test = CsvReader.read(d.test(dataDir), d.separator());
      out.printf(
          Locale.ROOT,
          "%n=== %s: read %,d train and %,d test rows ===%n",
          d.name(),
          train.size(),
          test.size());
      for (TrainerKind k : kinds) {
        out.printf("%n--- %s / %s ---%n", d.name(), k.flag());
        long t0 = System.nanoTime();
        TabularTraining.Settings s =
            TabularTraining.Settings.defaults(
                new LabelSpec(d.label(), d.positive()), d.drop(), k, true, 42L);
        TabularTraining.Outcome o = TabularTraining.run(train, test, s, out);
        TabularTraining.write(
            o, d.train(dataDir), d.test(dataDir), outDir.resolve(d.name() + "-" + k.flag()));
        double cv =
            o.report().crossValidation().stream()
                .filter(l -> l.chosen())
                .mapToDouble(l -> l.meanAuc())
                .findFirst()
                .orElse(Double.NaN);
        results.add(
            new Result(
                d,
                k,
                o.params().describe(),
                cv,
                o.report().test().metrics(),
                (System.nanoTime() - t0) / 1e9));
      }
    }
    if (results.isEmpty()) {
      out.println("nothing was run: no data found under " + dataDir.toAbsolutePath());
      return 2;
    }
    String table = table(results);
    out.println();
    out.println(table);
    if (names.size() == DATA_SETS.size() && kinds.size() == TrainerKind.values().length) {
      Files.createDirectories(docs.toAbsolutePath().getParent());
      Files.writeString(docs, document(results, table), StandardCharsets.UTF_8);
      out.println("wrote " + docs);
    } else {
      out.println("partial run: " + docs + " left unchanged");
    }
    return 0;
  }

  static String table(List<Result> results) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        "| data set | trainer | CV AUC (train) | test AUC | PR-AUC | Brier | log-loss |"
            + " lift@10% | best reference AUC | beats it? |\n");
    sb.append("|---|---|---|---|---|---|---|---|---|---|\n");
    for (Result r : results) {
      Map<String, Double> m = r.metrics();
      double ref = r.data().bestReferenceAuc();
      sb.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %.4f | **%.4f** | %.4f | %.4f | %.4f | %.2f | %.4f | %s |%n",
              r.data().name(),
              r.kind().flag(),
              r.cvAuc(),
              m.get("auc_roc"),
              m.get("pr_auc"),
              m.get("brier"),
              m.get("log_loss"),
              m.get("lift_at_10pct"),
              ref,
              m.get("auc_roc") > ref ? "yes" : "no"));
    }
    return sb.toString();
  }

  private static String document(List<Result> results, String table) {
    StringBuilder sb = new StringBuilder();
    sb.append("# Model evaluation on public churn and lapse data\n\n")
        .append(
            "<!-- Generated by io.lapsewatch.modeltraining.tabular.ReferenceComparison; edit the"
                + " generator, not this file. -->\n\n")
        .append(
            "Generic CSV training (`lapsewatch train --csv ...`) on the two public splits in"
                + " `../shared/data`, against the reference results published with them."
                + " Run on ")
        .append(LocalDate.now(ZoneOffset.UTC))
        .append(".\n\n## Results (test files, calibrated scores)\n\n")
        .append(table)
        .append('\n');
    for (DataSet d : DATA_SETS) {
      List<Result> mine = results.stream().filter(r -> r.data() == d).toList();
      if (mine.isEmpty()) {
        continue;
      }
      Result byCv = mine.stream().max((a, b) -> Double.compare(a.cvAuc(), b.cvAuc())).orElseThrow();
      Result byTest =
          mine.stream()
              .max((a, b) -> Double.compare(a.metrics().get("auc_roc"), b.metrics().get("auc_roc")))
              .orElseThrow();
      double ref = d.bestReferenceAuc();
      sb.append(
          String.format(
              Locale.ROOT,
              "- **%s** (%s): best test AUC %.4f (%s) vs best reference %.4f: goal %s. The"
                  + " trainer a data scientist would pick without the test file (best CV AUC"
                  + " on train) is %s, test AUC %.4f.%n",
              d.name(),
              d.description(),
              byTest.metrics().get("auc_roc"),
              byTest.kind().flag(),
              ref,
              byTest.metrics().get("auc_roc") > ref ? "met" : "missed",
              byCv.kind().flag(),
              byCv.metrics().get("auc_roc")));
    }
    sb.append("\n## Reference results (from `../shared/data/README.md`)\n\n")
        .append("| data set | model | AUC | AP | lift@10% |\n|---|---|---|---|---|\n");
    for (DataSet d : DATA_SETS) {
      d.reference().entrySet().stream()
          .sorted(Map.Entry.comparingByKey())
          .forEach(
              e ->
                  sb.append(
                      String.format(
                          Locale.ROOT,
                          "| %s | %s (scikit-learn) | %.4f | %.4f | %.2f |%n",
                          d.name(),
                          e.getKey(),
                          e.getValue()[0],
                          e.getValue()[1],
                          e.getValue()[2])));
    }
    sb.append("\n## Chosen configurations\n\n");
    for (Result r : results) {
      sb.append(
          String.format(
              Locale.ROOT,
              "- %s / %s: `%s` (%.0f s including cross-validation)%n",
              r.data().name(),
              r.kind().flag(),
              r.config(),
              r.seconds()));
    }
    sb.append(
        String.join(
            "\n",
            "",
            "## How the numbers were made",
            "",
            "- Each train file is split (stratified, seed 42) into 80% fit rows and a 20%"
                + " calibration slice. Hyperparameters are chosen by 5-fold stratified"
                + " cross-validation on the fit rows only (mean AUC; the grids are in"
                + " `model-training/README.md`). The encoder is refitted inside every fold.",
            "- The chosen configuration is trained once on the fit rows; Platt scaling or"
                + " isotonic regression (from 1,000 rows) is fitted on the calibration slice;"
                + " the test file is then scored once. Every figure above is computed from the"
                + " calibrated test scores. No setting was chosen by looking at a test file.",
            "- The columns dropped are identifiers only (`customerID` for telco). Blank"
                + " `TotalCharges` is imputed with the train median plus a missing indicator.",
            "- PR-AUC is average precision, lift@10% the lapse rate among the top 10% of scores"
                + " over the overall rate, as in the reference table.",
            "- Each run also wrote `metrics.json`, `report.html` and the model to"
                + " `model-training/target/reference-comparison/<data set>-<trainer>/`.",
            "- History, for honesty: a first full run searched only depth x rounds for boosting"
                + " and depths {6, 10, 14} for the forest. Then the boosting search was extended"
                + " to row/column subsampling, min child weight and L2 (refinement stages, as the"
                + " issue asks), and the forest search to depths {4, 6, 8} plus the feature share"
                + " (depths 10 and 14 had lost cross-validation on both train files and took most"
                + " of the 16 minutes). First-run test AUCs: gbt 0.8487 telco / 0.6062"
                + " eudirectlapse, rf 0.8456 / 0.6044; logistic regression was the same"
                + " configuration then (0.8504 / 0.6140).",
            "",
            "## Reproduce",
            "",
            "```",
            "cd lapsewatch   # the repository root; data in ../shared/data",
            "./mvnw -o -q -B install -DskipTests -pl feature-store,model-training",
            "java -cp model-training/target/classes:$(./mvnw -q -o dependency:build-classpath"
                + " -Dmdep.outputFile=/dev/stdout -pl model-training) \\",
            "  io.lapsewatch.modeltraining.tabular.ReferenceComparison ../shared/data",
            "```",
            ""));
    return sb.toString();
  }
}
