package io.lapsewatch.modeltraining.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lapsewatch.modeltraining.Evaluation.Confusion;
import io.lapsewatch.modeltraining.Evaluation.ReliabilityBin;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes {@code metrics.json}: the headline keys ({@code auc_roc}, {@code pr_auc}, {@code brier},
 * {@code log_loss}, {@code lift_at_10pct}) at the top level for scripts, then capture and lift at
 * k%, the confusion matrix at the threshold, reliability, trainer, hyperparameters and importance.
 */
public final class MetricsJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private MetricsJson() {}

  /** The document as nested maps, in a stable key order. */
  public static Map<String, Object> toMap(EvaluationReport r) {
    Map<String, Object> m = new LinkedHashMap<>(r.test().metrics());
    Map<String, Object> capture = new LinkedHashMap<>();
    Map<String, Object> lift = new LinkedHashMap<>();
    for (EvaluationReport.AtK k : r.test().atK()) {
      String key = pct(k.share());
      capture.put(key, k.capture());
      lift.put(key, k.lift());
    }
    m.put("capture_at_k", capture);
    m.put("lift_at_k", lift);
    m.put("threshold", r.test().threshold());
    m.put("threshold_rule", r.thresholdRule());
    Confusion c = r.test().confusion();
    Map<String, Object> cm = new LinkedHashMap<>();
    cm.put("true_positive", c.truePositive());
    cm.put("false_positive", c.falsePositive());
    cm.put("true_negative", c.trueNegative());
    cm.put("false_negative", c.falseNegative());
    m.put("confusion_matrix", cm);
    m.put("trainer", r.trainer());
    m.put("hyperparameters", r.hyperparameters());
    m.put("selection", r.selection());
    m.put("calibration", r.calibration());
    Map<String, Object> rows = new LinkedHashMap<>();
    rows.put("train", r.rows().train());
    rows.put("fit", r.rows().fit());
    rows.put("calibration", r.rows().calibration());
    rows.put("test", r.rows().test());
    rows.put("features", r.rows().features());
    m.put("rows", rows);
    List<Map<String, Object>> rel = new ArrayList<>();
    for (ReliabilityBin b : r.test().reliability()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("decile", b.bin());
      e.put("rows", b.rows());
      e.put("mean_predicted", b.meanPredicted());
      e.put("observed_rate", b.observedRate());
      rel.add(e);
    }
    m.put("reliability_by_decile", rel);
    Map<String, Object> imp = new LinkedHashMap<>();
    imp.put("method", r.importance().method());
    List<Map<String, Object>> top = new ArrayList<>();
    for (FeatureImportance.Entry e : r.importance().top(30)) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("feature", e.feature());
      x.put("importance", e.importance());
      if (e.signed() != e.importance()) {
        x.put("signed", e.signed());
      }
      top.add(x);
    }
    imp.put("top", top);
    m.put("feature_importance", imp);
    if (!r.crossValidation().isEmpty()) {
      List<Map<String, Object>> cv = new ArrayList<>();
      for (EvaluationReport.CvLine l : r.crossValidation()) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("config", l.config());
        x.put("mean_auc", l.meanAuc());
        x.put("sd_auc", l.sdAuc());
        x.put("log_loss", l.logLoss());
        x.put("chosen", l.chosen());
        cv.add(x);
      }
      m.put("cross_validation", cv);
    }
    return m;
  }

  public static void write(EvaluationReport r, Path file) throws IOException {
    MAPPER.writeValue(file.toFile(), toMap(r));
  }

  static String pct(double share) {
    return String.format(Locale.ROOT, "%dpct", Math.round(share * 100));
  }
}
