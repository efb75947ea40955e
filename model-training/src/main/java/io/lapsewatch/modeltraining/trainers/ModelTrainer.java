package io.lapsewatch.modeltraining.trainers;

import java.io.PrintStream;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tribuo.Dataset;
import org.tribuo.Model;
import org.tribuo.classification.Label;

/** Trains one configuration on a Tribuo dataset, printing progress (epochs, trees) as it goes. */
public final class ModelTrainer {
  private static final Pattern SGD_LOSS =
      Pattern.compile("At iteration (\\d+), average loss = ([-0-9.eE]+|NaN)");
  private static final Pattern BAGGING = Pattern.compile("Building model (\\d+)");

  private ModelTrainer() {}

  /**
   * Trains {@code params} on {@code data}.
   *
   * @param progress where epoch/tree progress and the closing summary go
   */
  public static Model<Label> train(
      Hyperparameters params, Dataset<Label> data, PrintStream progress) {
    int rows = data.size();
    long t0 = System.nanoTime();
    Model<Label> model;
    try (TribuoLogRelay relay = new TribuoLogRelay(progress, msg -> translate(params, rows, msg))) {
      if (params.kind() == TrainerKind.GBT) {
        progress.printf(
            Locale.ROOT,
            "  boosting %d rounds on %,d rows x %d features%n",
            ((GradientBoostingParams) params).rounds(),
            rows,
            data.getFeatureMap().size());
      }
      model = params.newTrainer(rows).train(data);
    }
    progress.printf(
        Locale.ROOT,
        "  trained %s on %,d rows x %d features in %.1f s%n",
        params.kind().description(),
        rows,
        data.getFeatureMap().size(),
        (System.nanoTime() - t0) / 1e9);
    return model;
  }

  /** Picks the Tribuo log lines worth showing and rewrites them in our words. */
  static String translate(Hyperparameters params, int rows, String message) {
    if (message == null) {
      return null;
    }
    if (params instanceof LogisticRegressionParams lr) {
      Matcher m = SGD_LOSS.matcher(message);
      if (m.find()) {
        long epoch = Long.parseLong(m.group(1)) / Math.max(1, rows);
        int every = Math.max(1, lr.epochs() / 5);
        if (epoch % every == 0 || epoch == lr.epochs()) {
          return String.format(
              Locale.ROOT,
              "  epoch %d/%d: mean log-loss %.4f",
              epoch,
              lr.epochs(),
              // Tribuo reports the log-likelihood it maximises; the loss is its negation.
              -Double.parseDouble(m.group(2)));
        }
      }
      return null;
    }
    if (params instanceof RandomForestParams rf) {
      Matcher m = BAGGING.matcher(message);
      if (m.find()) {
        int built = Integer.parseInt(m.group(1)) + 1;
        int every = Math.max(1, rf.trees() / 4);
        if (built % every == 0 || built == rf.trees()) {
          return "  growing tree " + built + "/" + rf.trees();
        }
      }
    }
    return null;
  }
}
