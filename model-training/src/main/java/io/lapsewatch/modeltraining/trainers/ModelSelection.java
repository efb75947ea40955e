package io.lapsewatch.modeltraining.trainers;

import io.lapsewatch.modeltraining.Evaluation;
import io.lapsewatch.modeltraining.tabular.CsvTable;
import io.lapsewatch.modeltraining.tabular.EncoderOptions;
import io.lapsewatch.modeltraining.tabular.LabelSpec;
import io.lapsewatch.modeltraining.tabular.TabularEncoder;
import io.lapsewatch.modeltraining.tabular.TribuoRows;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.tribuo.Model;
import org.tribuo.classification.Label;

/**
 * Chooses hyperparameters by stratified k-fold cross-validation on training rows only: each fold's
 * encoder is fitted on that fold's training part, and the configuration with the best mean AUC
 * wins. The search starts with {@link Hyperparameters#grid()} and continues with the best
 * configuration's {@link Hyperparameters#refine} stages.
 */
public final class ModelSelection {
  private ModelSelection() {}

  /** Cross-validated quality of one configuration. */
  public record Score(
      Hyperparameters params, double meanAuc, double sdAuc, double meanLogLoss, double seconds) {}

  /** The winner and every configuration's score, in grid order. */
  public record Result(Hyperparameters best, List<Score> scores, int folds) {}

  /**
   * Runs the grid.
   *
   * @param train rows to cross-validate on (never the test file)
   * @param progress one line per configuration
   */
  public static Result select(
      CsvTable train,
      LabelSpec label,
      Set<String> drop,
      List<Hyperparameters> grid,
      int k,
      long seed,
      PrintStream progress) {
    if (grid.isEmpty()) {
      throw new IllegalArgumentException("nothing to cross-validate: empty grid");
    }
    boolean[] y = labels(train, label);
    int[] folds = Splits.stratifiedFolds(y, k, seed);
    Map<EncoderOptions, Fold[]> encoded = new HashMap<>();
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    List<Score> scores = new ArrayList<>();
    Score best = null;
    List<Hyperparameters> stage = grid;
    for (int round = 1; !stage.isEmpty(); round++) {
      List<Hyperparameters> fresh = new ArrayList<>();
      for (Hyperparameters p : stage) {
        if (scores.stream().noneMatch(s -> s.params().equals(p)) && !fresh.contains(p)) {
          fresh.add(p);
        }
      }
      if (round > 1 && !fresh.isEmpty()) {
        progress.printf(
            Locale.ROOT,
            "  refining around the best so far: %d more configurations%n",
            fresh.size());
      }
      for (Hyperparameters p : fresh) {
        Score s = score(p, train, label, drop, folds, k, encoded, quiet);
        scores.add(s);
        if (best == null || s.meanAuc() > best.meanAuc()) {
          best = s;
        }
        progress.printf(
            Locale.ROOT,
            "  cv %2d  AUC %.4f +- %.4f  log-loss %.4f  (%.1f s)  %s%n",
            scores.size(),
            s.meanAuc(),
            s.sdAuc(),
            s.meanLogLoss(),
            s.seconds(),
            p.describe());
      }
      stage = best.params().refine(round);
    }
    progress.printf(
        Locale.ROOT,
        "  chosen by %d-fold CV on train: %s (AUC %.4f)%n",
        k,
        best.params().describe(),
        best.meanAuc());
    return new Result(best.params(), scores, k);
  }

  private static Score score(
      Hyperparameters p,
      CsvTable train,
      LabelSpec label,
      Set<String> drop,
      int[] folds,
      int k,
      Map<EncoderOptions, Fold[]> encoded,
      PrintStream quiet) {
    Fold[] fs =
        encoded.computeIfAbsent(
            p.encoderOptions(), o -> encodeFolds(train, label, drop, o, folds, k));
    double[] auc = new double[k];
    double logLoss = 0;
    long t0 = System.nanoTime();
    for (int f = 0; f < k; f++) {
      Fold fold = fs[f];
      Model<Label> model =
          ModelTrainer.train(
              p.forCrossValidation(),
              TribuoRows.dataset(fold.trainX, fold.trainY, fold.names, "cv fold " + f),
              quiet);
      double[] s = TribuoRows.positiveScores(model, fold.valX, fold.names);
      auc[f] = Evaluation.aucRoc(s, fold.valY);
      logLoss += Evaluation.logLoss(s, fold.valY) / k;
    }
    double mean = 0;
    for (double a : auc) {
      mean += a / k;
    }
    double var = 0;
    for (double a : auc) {
      var += (a - mean) * (a - mean) / Math.max(1, k - 1);
    }
    return new Score(p, mean, Math.sqrt(var), logLoss, (System.nanoTime() - t0) / 1e9);
  }

  /** Whether each train row is positive. */
  public static boolean[] labels(CsvTable table, LabelSpec label) {
    int c = table.columnIndex(label.column());
    boolean[] y = new boolean[table.size()];
    for (int r = 0; r < y.length; r++) {
      y[r] = label.isPositive(table.rows().get(r)[c]);
    }
    return y;
  }

  private record Fold(
      double[][] trainX, boolean[] trainY, double[][] valX, boolean[] valY, List<String> names) {}

  private static Fold[] encodeFolds(
      CsvTable train, LabelSpec label, Set<String> drop, EncoderOptions o, int[] folds, int k) {
    Fold[] out = new Fold[k];
    for (int f = 0; f < k; f++) {
      CsvTable fit = train.select(Splits.rowsOfFold(folds, f, false), "cv fit " + f);
      CsvTable val = train.select(Splits.rowsOfFold(folds, f, true), "cv validation " + f);
      TabularEncoder enc = TabularEncoder.fit(fit, label, drop, o);
      TabularEncoder.Encoded a = enc.encode(fit);
      TabularEncoder.Encoded b = enc.encode(val);
      out[f] = new Fold(a.x(), a.positive(), b.x(), b.positive(), enc.featureNames());
    }
    return out;
  }
}
