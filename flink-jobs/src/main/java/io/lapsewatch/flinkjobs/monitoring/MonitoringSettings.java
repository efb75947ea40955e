package io.lapsewatch.flinkjobs.monitoring;

import java.io.Serializable;

/**
 * How the job monitors its model in production: whether it does, at how many days before renewal a
 * term is monitored, over how many event-time days, from how many terms a figure is computed, and
 * the topic monitored terms go to.
 */
public record MonitoringSettings(
    boolean enabled, int leadDays, int windowDays, int minTerms, String topic)
    implements Serializable {
  /** Monitoring off (tests and callers that build the job by hand). */
  public static MonitoringSettings off() {
    return new MonitoringSettings(false, 30, 30, 200, "lapsewatch.model-monitoring");
  }
}
