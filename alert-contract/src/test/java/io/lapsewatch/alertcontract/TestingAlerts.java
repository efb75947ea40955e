package io.lapsewatch.alertcontract;

import java.time.Instant;
import java.time.LocalDate;

/** Alerts as the scoring job would emit them, for tests. */
public final class TestingAlerts {
  /** When the features behind every test alert were computed. */
  public static final Instant AS_OF = Instant.parse("2026-05-20T08:00:00Z");

  /** Renewal date of every test alert's policy term. */
  public static final LocalDate RENEWAL = LocalDate.of(2026, 6, 19);

  private TestingAlerts() {}

  /** A high-value policyholder whose agent must call back. */
  public static Alert highValueCallback(String policyholderId) {
    Alert a = base(policyholderId, 0.82, 7200.0);
    a.tier = Tier.HIGH_VALUE;
    a.action = RetentionAction.AGENT_CALLBACK;
    return a;
  }

  /** A standard policyholder who gets a renewal offer. */
  public static Alert standardOffer(String policyholderId) {
    Alert a = base(policyholderId, 0.55, 1200.0);
    a.tier = Tier.STANDARD;
    a.action = RetentionAction.RENEWAL_OFFER;
    return a;
  }

  /** A standard alert in the holdout arm: tracked, never acted on. */
  public static Alert holdoutOffer(String policyholderId) {
    Alert a = standardOffer(policyholderId);
    a.arm = Arm.HOLDOUT;
    return a;
  }

  private static Alert base(String policyholderId, double score, double premium) {
    Alert a = new Alert();
    a.alertId = "al-" + policyholderId.toLowerCase(java.util.Locale.ROOT);
    a.policyholderId = policyholderId;
    a.policyId = "POL-" + policyholderId.substring(policyholderId.indexOf('-') + 1);
    a.agentId = "AG-17";
    a.score = score;
    a.riskBand = RiskBand.of(score);
    a.modelVersion = "lr-v3";
    a.asOf = AS_OF.toEpochMilli();
    a.renewalDate = (int) RENEWAL.toEpochDay();
    a.daysToRenewal = 30;
    a.annualPremium = premium;
    a.arm = Arm.TREATED;
    a.reasons =
        new Reason[] {
          new Reason("open_complaints", 2, 0.9, "2 unresolved complaints, oldest 21 days"),
          new Reason("premium_missed_90d", 1, 0.6, "missed a premium in the last 90 days")
        };
    a.deadline = (int) RENEWAL.minusDays(7).toEpochDay();
    return a;
  }
}
