package io.lapsewatch.flinkjobs.monitoring;

import io.lapsewatch.flinkjobs.JobCounters;
import io.lapsewatch.modeltraining.monitoring.CalibrationDeciles;
import io.lapsewatch.modeltraining.monitoring.ModelHealth;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.accumulators.Accumulator;

/**
 * A job accumulator ({@link JobCounters#MODEL_HEALTH}) holding the latest model health figures by
 * name, for the demo and tests to read from a finished job: {@code day}, {@code terms.scored},
 * {@code terms.ended}, {@code terms.ended_contacted} (ended terms left out of the realized
 * figures), {@code score_psi}, {@code feature_psi.<feature>}, {@code expected_lapse_rate}, {@code
 * expected_auc}, {@code ended_expected_lapse_rate} (expected of the ended terms nobody contacted),
 * {@code realized_auc}, {@code realized_lapse_rate}, {@code calibration_predicted.<decile>}, {@code
 * calibration_observed.<decile>} (deciles 1..10).
 */
public final class ModelHealthFigures implements Accumulator<ModelHealth, TreeMap<String, Double>> {
  private static final long serialVersionUID = 1L;

  private TreeMap<String, Double> figures = new TreeMap<>();

  /** Replaces the figures with those of {@code h} (the latest health wins). */
  @Override
  public void add(ModelHealth h) {
    figures = of(h);
  }

  /** The figures of {@code h} by name. */
  public static TreeMap<String, Double> of(ModelHealth h) {
    TreeMap<String, Double> f = new TreeMap<>();
    f.put("day", (double) h.day());
    f.put("terms.scored", (double) h.scoredTerms());
    f.put("terms.ended", (double) h.endedTerms());
    f.put("terms.ended_contacted", (double) h.endedContacted());
    f.put("score_psi", h.scorePsi());
    h.featurePsi().forEach((name, psi) -> f.put("feature_psi." + name, psi));
    f.put("expected_lapse_rate", h.expectedLapseRate());
    f.put("expected_auc", h.expectedAuc());
    f.put("ended_expected_lapse_rate", h.endedExpectedLapseRate());
    f.put("ended_expected_auc", h.endedExpectedAuc());
    f.put("realized_auc", h.realizedAuc());
    f.put("realized_lapse_rate", h.realizedLapseRate());
    CalibrationDeciles c = h.calibration();
    for (int d = 0; d < c.predicted().length; d++) {
      f.put("calibration_predicted." + (d + 1), c.predicted()[d]);
      f.put("calibration_observed." + (d + 1), c.observed()[d]);
    }
    return f;
  }

  @Override
  public TreeMap<String, Double> getLocalValue() {
    return figures;
  }

  @Override
  public void resetLocal() {
    figures = new TreeMap<>();
  }

  /** One monitoring subtask: a non-empty side wins (there is nothing to add up). */
  @Override
  public void merge(Accumulator<ModelHealth, TreeMap<String, Double>> other) {
    if (figures.isEmpty()) {
      figures = new TreeMap<>(other.getLocalValue());
    }
  }

  @Override
  public ModelHealthFigures clone() {
    ModelHealthFigures c = new ModelHealthFigures();
    c.figures = new TreeMap<>(figures);
    return c;
  }

  /** The figures from a finished job, empty when monitoring was off or saw no term. */
  @SuppressWarnings("unchecked")
  public static Map<String, Double> from(JobExecutionResult result) {
    Object v = result.getAllAccumulatorResults().get(JobCounters.MODEL_HEALTH);
    return v instanceof Map<?, ?> m ? (Map<String, Double>) m : Map.of();
  }
}
