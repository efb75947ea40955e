package io.lapsewatch.alertcontract.policy;

import java.io.Serializable;

/**
 * Settings of the retention decision.
 *
 * @param threshold lapse probability at or above which a policy term is at risk
 * @param highValuePremium annual premium from which a policyholder is HIGH_VALUE (default 5000)
 * @param horizonDays only terms renewing within this many days are alerted (default 90)
 * @param leadTimeDays the action's deadline is the renewal date minus this (default 14)
 */
public record DecisionConfig(
    double threshold, double highValuePremium, int horizonDays, int leadTimeDays)
    implements Serializable {
  public static final double DEFAULT_HIGH_VALUE_PREMIUM = 5000;
  public static final int DEFAULT_HORIZON_DAYS = 90;
  public static final int DEFAULT_LEAD_TIME_DAYS = 14;

  public DecisionConfig {
    if (!(threshold > 0 && threshold < 1)) {
      throw new IllegalArgumentException("decision.threshold must be in (0, 1), was " + threshold);
    }
    if (!(highValuePremium > 0)) {
      throw new IllegalArgumentException(
          "decision.high-value-premium must be positive, was " + highValuePremium);
    }
    if (horizonDays < 1) {
      throw new IllegalArgumentException("decision.horizon-days must be >= 1, was " + horizonDays);
    }
    if (leadTimeDays < 0 || leadTimeDays >= horizonDays) {
      throw new IllegalArgumentException(
          "decision.lead-time-days must be in [0, horizon-days), was " + leadTimeDays);
    }
  }

  public static DecisionConfig withThreshold(double threshold) {
    return new DecisionConfig(
        threshold, DEFAULT_HIGH_VALUE_PREMIUM, DEFAULT_HORIZON_DAYS, DEFAULT_LEAD_TIME_DAYS);
  }
}
