package io.lapsewatch.flinkjobs;

/** Names of the job's accumulators, read from the job result by the demo and benchmarks. */
public final class JobCounters {
  public static final String EVENTS_VALID = "events-valid";
  public static final String EVENTS_DEAD_LETTERED = "events-dead-lettered";
  public static final String POLICYHOLDERS_SCORED = "policyholders-scored";
  public static final String SCORINGS = "scorings";

  /**
   * Alerts written to {@code retention-alerts}: decided, let out by capacity and by the contact
   * rules (what the alerts service will receive).
   */
  public static final String ALERTS = "alerts";

  /** Alerts the contact rules suppressed (opted out or over the cap); held ones are not in it. */
  public static final String CONTACTS_SUPPRESSED = "contacts-suppressed";

  /**
   * Alerts held back because the newest event behind their features was older than {@code
   * decision.max-feature-age-days}.
   */
  public static final String ALERTS_HELD_STALE_FEATURES = "alerts-held-stale-features";

  public static final String EVENTS_TOO_LATE = "events-too-late";

  /** Journey counts by plan, version, step and arm (a {@code JourneyTally}). */
  public static final String JOURNEYS = "journeys";

  /** Journey steps the contact rules suppressed (a {@code JourneyTally}). */
  public static final String JOURNEY_SUPPRESSIONS = "journey-suppressions";

  /**
   * The model's health figures at the end of the run (a {@code ModelHealthFigures}: drift, expected
   * and realized performance, calibration), when monitoring is on.
   */
  public static final String MODEL_HEALTH = "model-health";

  private JobCounters() {}

  /** A long accumulator from a finished job's result, 0 when absent. */
  public static long get(org.apache.flink.api.common.JobExecutionResult result, String name) {
    Object v = result.getAllAccumulatorResults().get(name);
    return v instanceof Number n ? n.longValue() : 0L;
  }
}
