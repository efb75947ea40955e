package io.lapsewatch.flinkjobs.decision;

import io.lapsewatch.featurestore.features.FeatureVector;

/**
 * Whether a vector's evidence is fresh enough to alert on: its age is {@code asOf} minus the newest
 * event behind it, and an alert from features older than {@code decision.max-feature-age-days} is
 * held back (a stalled feed must not send the desk calls about last quarter's behaviour).
 */
public record FeatureFreshness(int maxAgeDays) implements java.io.Serializable {
  /**
   * Default limit. The simulator's policyholders have a premium instalment (paid or missed) every
   * 30 days per policy, sessions a few times a month and a renewal quote 45 days before renewal, so
   * even a silent at-risk policyholder's newest event is at most about a month old at a milestone;
   * 60 days holds back only a feed that has stopped.
   */
  public static final int DEFAULT_MAX_AGE_DAYS = 60;

  private static final long DAY_SECONDS = 86_400L;

  public FeatureFreshness {
    if (maxAgeDays < 0 || maxAgeDays > 3650) {
      throw new IllegalArgumentException(
          "decision.max-feature-age-days must be in 0..3650, was " + maxAgeDays);
    }
  }

  /** No limit: every alert goes out whatever its age. */
  public static FeatureFreshness unlimited() {
    return new FeatureFreshness(0);
  }

  /** The age of {@code v}'s newest event in whole seconds (0 if newer), or null when unknown. */
  public static Long ageSeconds(FeatureVector v) {
    if (!v.hasNewestEvent()) {
      return null;
    }
    return Math.max(0, (v.asOf - v.newestEventAt) / 1000);
  }

  /** True when an alert with features {@code ageSeconds} old must be held back. */
  public boolean tooOld(Long ageSeconds) {
    // An unknown age (a vector from before ages existed) is not evidence of a stalled feed.
    return maxAgeDays > 0 && ageSeconds != null && ageSeconds > maxAgeDays * DAY_SECONDS;
  }
}
