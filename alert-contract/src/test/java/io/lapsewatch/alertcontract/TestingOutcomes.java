package io.lapsewatch.alertcontract;

import java.time.Instant;

/** Outcomes as the scoring job would emit them, for tests. */
public final class TestingOutcomes {
  /** When the test outcomes resolve, unless told otherwise. */
  public static final Instant RESOLVED = Instant.parse("2026-06-20T00:00:00Z");

  private TestingOutcomes() {}

  public static Outcome of(String policyholderId, Tier tier, Arm arm, OutcomeKind kind) {
    return at(policyholderId, tier, arm, kind, RESOLVED);
  }

  public static Outcome at(
      String policyholderId, Tier tier, Arm arm, OutcomeKind kind, Instant resolvedAt) {
    Outcome o = new Outcome();
    o.alertId = "al-" + policyholderId.toLowerCase(java.util.Locale.ROOT);
    o.policyholderId = policyholderId;
    o.policyId = "POL-" + policyholderId;
    o.tier = tier;
    o.arm = arm;
    o.action =
        tier == Tier.HIGH_VALUE ? RetentionAction.AGENT_CALLBACK : RetentionAction.RENEWAL_OFFER;
    o.outcome = kind;
    o.alertedAt = resolvedAt.minusSeconds(30 * 86400).toEpochMilli();
    o.resolvedAt = resolvedAt.toEpochMilli();
    return o;
  }
}
