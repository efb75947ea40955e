package io.lapsewatch.flinkjobs.decision;

import io.lapsewatch.alertcontract.RetentionAction;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/** Alerts held back for stale features, counted per action ({@link FeatureFreshness}). */
public final class StaleFeatureMetrics {
  public static final String HELD = "lapsewatch_alerts_held_stale_features_total";

  private final Map<RetentionAction, Counter> held = new EnumMap<>(RetentionAction.class);

  public StaleFeatureMetrics(MetricGroup group) {
    for (RetentionAction action : RetentionAction.values()) {
      held.put(
          action, group.addGroup("action", UpliftDecisionSettings.modelName(action)).counter(HELD));
    }
  }

  /** Counts one alert for {@code action} held back. */
  public void held(RetentionAction action) {
    held.get(action).inc();
  }

  /** Alerts for {@code action} held back so far. */
  public long count(RetentionAction action) {
    return held.get(action).getCount();
  }
}
