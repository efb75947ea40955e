package io.lapsewatch.alerts.metrics;

import java.util.HashSet;
import java.util.Set;

/**
 * Bounds the journey metrics' label sets. Plan and step ids come from the records, not from this
 * service's configuration: a job shipping many plan versions, or a bug writing a fresh step id per
 * policyholder, would otherwise create a Prometheus series per value until the scrape and the
 * server's memory give out. The first {@link #limit} distinct (plan, version, step) sets keep their
 * labels; every later one is counted under {@link #OTHER} for plan, version and step, so nothing is
 * lost from the totals. Not thread-safe: {@link JourneyOutcomes} guards it.
 */
final class JourneyLabels {
  /** Plan, version and step label of the outcomes beyond the limit. */
  static final String OTHER = "other";

  /** The labels an outcome is counted under. */
  record Step(String plan, String version, String step) {}

  private final int limit;
  private final Set<Step> admitted = new HashSet<>();

  JourneyLabels(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("the journey label limit must be >= 1, was " + limit);
    }
    this.limit = limit;
  }

  /**
   * The labels of {@code plan} {@code version} {@code step}: its own, or "other" past the limit.
   */
  Step of(String plan, int version, String step) {
    Step s = new Step(plan, Integer.toString(version), step == null ? OTHER : step);
    if (admitted.contains(s)) {
      return s;
    }
    if (admitted.size() < limit) {
      admitted.add(s);
      return s;
    }
    return new Step(OTHER, OTHER, OTHER);
  }
}
