package io.lapsewatch.flinkjobs.decision;

import io.lapsewatch.alertcontract.RetentionAction;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * The capacity stage's uplift counters per action: treated alerts suppressed for a negative
 * estimated effect, and where the uplift and risk rankings chose differently.
 */
public final class UpliftMetrics {
  public static final String NEGATIVE_EFFECT = "lapsewatch_uplift_negative_effect_total";
  public static final String DISAGREEMENTS = "lapsewatch_uplift_shadow_disagreements_total";

  private final Map<RetentionAction, Counter> negative = new EnumMap<>(RetentionAction.class);
  private final Map<RetentionAction, Counter> upliftOnly = new EnumMap<>(RetentionAction.class);
  private final Map<RetentionAction, Counter> riskOnly = new EnumMap<>(RetentionAction.class);

  public UpliftMetrics(MetricGroup group) {
    for (RetentionAction action : RetentionAction.values()) {
      MetricGroup g = group.addGroup("action", UpliftDecisionSettings.modelName(action));
      negative.put(action, g.counter(NEGATIVE_EFFECT));
      upliftOnly.put(action, g.addGroup("chosen_by", "uplift_only").counter(DISAGREEMENTS));
      riskOnly.put(action, g.addGroup("chosen_by", "risk_only").counter(DISAGREEMENTS));
    }
  }

  /** Counts what {@code choice} suppressed and where the rankings disagreed. */
  public void record(RetentionAction action, DailyChoice choice) {
    negative.get(action).inc(choice.negativeEffect().size());
    upliftOnly.get(action).inc(choice.upliftOnly());
    riskOnly.get(action).inc(choice.riskOnly());
  }

  public long negativeEffect(RetentionAction action) {
    return negative.get(action).getCount();
  }

  public long upliftOnly(RetentionAction action) {
    return upliftOnly.get(action).getCount();
  }

  public long riskOnly(RetentionAction action) {
    return riskOnly.get(action).getCount();
  }
}
