package io.lapsewatch.modeltraining.report;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** A seeded, fully populated evaluation report for rendering tests. */
final class ReportFixtures {
  private ReportFixtures() {}

  static EvaluationReport report() {
    SplittableRandom rng = new SplittableRandom(5);
    int n = 2_000;
    double[] scores = new double[n];
    boolean[] lapsed = new boolean[n];
    for (int i = 0; i < n; i++) {
      scores[i] = rng.nextDouble() * 0.6;
      lapsed[i] = rng.nextDouble() < scores[i];
    }
    EvaluationReport.Scored scored = EvaluationReport.Scored.of(scores, lapsed, 0.45);
    FeatureImportance importance =
        new FeatureImportance(
            "|log-odds weight per standard deviation|",
            List.of(
                new FeatureImportance.Entry("price_shock", 0.9, 0.9),
                new FeatureImportance.Entry("tenure <years>", 0.6, -0.6)));
    return new EvaluationReport(
        "policies-train.csv -> policies-test.csv",
        "lr",
        "logistic regression",
        Map.of("epochs", 30, "l2", 10.0),
        "documented defaults (no tuning)",
        List.of(new EvaluationReport.CvLine("lr l2=10", 0.71, 0.01, 0.52, true)),
        new EvaluationReport.Rows(8_000, 6_400, 1_600, n, 12, 0.3),
        "isotonic, fitted on 1,600 held-out train rows",
        "top 10% of the calibration slice",
        scored,
        importance,
        List.of("column 'id' looks like an identifier"));
  }
}
