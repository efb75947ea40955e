package io.lapsewatch.modeltraining.report;

import io.lapsewatch.modeltraining.Evaluation;
import io.lapsewatch.modeltraining.Evaluation.Confusion;
import io.lapsewatch.modeltraining.Evaluation.Point;
import io.lapsewatch.modeltraining.Evaluation.ReliabilityBin;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything the evaluation report and {@code metrics.json} show about one trained model: how it
 * was made, and how its calibrated scores did on the test rows.
 *
 * @param title what was trained on what, e.g. {@code telco-train.csv -> telco-test.csv}
 * @param trainer trainer flag ({@code lr}, {@code gbt}, {@code rf})
 * @param trainerDescription trainer in words
 * @param hyperparameters the configuration that was trained
 * @param selection how the configuration was chosen
 * @param crossValidation one line per configuration tried (empty when not tuned)
 * @param rows row counts and base rates
 * @param calibration calibration method and the slice it was fitted on
 * @param thresholdRule how the decision threshold was chosen
 * @param test the test evaluation at that threshold
 * @param importance global feature importance
 * @param notes anything a reader should know (unseen levels, identifier-like columns)
 */
public record EvaluationReport(
    String title,
    String trainer,
    String trainerDescription,
    Map<String, Object> hyperparameters,
    String selection,
    List<CvLine> crossValidation,
    Rows rows,
    String calibration,
    String thresholdRule,
    Scored test,
    FeatureImportance importance,
    List<String> notes) {

  /** Share-of-rows cut-offs reported for lift and capture. */
  public static final double[] K_SHARES = {0.05, 0.10, 0.20, 0.30};

  /** One cross-validated configuration. */
  public record CvLine(
      String config, double meanAuc, double sdAuc, double logLoss, boolean chosen) {}

  /**
   * Row counts.
   *
   * @param train rows in the train file
   * @param fit train rows the model was fitted on
   * @param calibration train rows held out to fit calibration and the threshold
   * @param test rows in the test file
   * @param features encoded features
   * @param trainPositiveRate positive share in the train file
   */
  public record Rows(
      int train, int fit, int calibration, int test, int features, double trainPositiveRate) {}

  /** Lift and capture when contacting the top {@code share} of rows by score. */
  public record AtK(double share, int rows, double lift, double capture) {}

  /**
   * Test metrics of calibrated scores.
   *
   * @param metrics {@code auc_roc}, {@code pr_auc}, {@code brier}, {@code log_loss}, {@code
   *     lift_at_10pct}, {@code positive_rate}
   * @param threshold decision threshold the confusion matrix uses
   * @param confusion confusion matrix at the threshold
   * @param atK lift and capture at each of {@link #K_SHARES}
   * @param reliability observed versus predicted by score decile
   * @param roc ROC curve
   * @param precisionRecall precision-recall curve
   * @param gains cumulative gains curve
   */
  public record Scored(
      Map<String, Double> metrics,
      double threshold,
      Confusion confusion,
      List<AtK> atK,
      List<ReliabilityBin> reliability,
      List<Point> roc,
      List<Point> precisionRecall,
      List<Point> gains) {

    /** Evaluates calibrated scores against outcomes. */
    public static Scored of(double[] scores, boolean[] positive, double threshold) {
      List<AtK> atK = new ArrayList<>();
      for (double k : K_SHARES) {
        atK.add(
            new AtK(
                k,
                Math.max(1, (int) Math.round(scores.length * k)),
                Evaluation.liftAt(scores, positive, k),
                Evaluation.captureAt(scores, positive, k)));
      }
      return new Scored(
          Evaluation.summary(scores, positive),
          threshold,
          Evaluation.confusionAt(scores, positive, threshold),
          atK,
          Evaluation.reliability(scores, positive, 10),
          Evaluation.rocCurve(scores, positive),
          Evaluation.precisionRecallCurve(scores, positive),
          Evaluation.cumulativeGains(scores, positive));
    }
  }
}
