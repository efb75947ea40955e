package io.lapsewatch.retentiondesk;

import io.lapsewatch.alertcontract.Tier;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The escalation rule (pure): which step a case is due for at a moment. A case breaches its tier's
 * {@link ServiceLevel} when nobody reached the policyholder by then (REACHED, ACCEPTED or DECLINED;
 * an UNREACHABLE or WRONG_CONTACT attempt is not contact); it then escalates to level 1 (the branch
 * lead is told) and, still not contacted {@code seniorPoolAfter} later, to level 2 (the senior
 * pool). A finished or contacted case is due for nothing.
 */
public final class Escalations {
  private final ServiceLevel highValue;
  private final ServiceLevel standard;
  private final Duration seniorPoolAfter;

  public Escalations(ServiceLevel highValue, ServiceLevel standard, Duration seniorPoolAfter) {
    this.highValue = Objects.requireNonNull(highValue, "highValue");
    this.standard = Objects.requireNonNull(standard, "standard");
    this.seniorPoolAfter = Objects.requireNonNull(seniorPoolAfter, "seniorPoolAfter");
  }

  /** How long after level 1 a case still not contacted moves to the senior pool. */
  public Duration seniorPoolAfter() {
    return seniorPoolAfter;
  }

  /** The tier a case is held to: its alert's, STANDARD for cases opened before briefs existed. */
  public static Tier tierOf(RetentionCase c) {
    return c.brief() == null ? Tier.STANDARD : c.brief().tier();
  }

  /** The service level of {@code tier}. */
  public ServiceLevel levelOf(Tier tier) {
    return tier == Tier.HIGH_VALUE ? highValue : standard;
  }

  /** When {@code c} breaches (or breached) its service level if nobody reaches the policyholder. */
  public Instant breachAt(RetentionCase c) {
    return levelOf(tierOf(c)).breachAt(c.openedAt(), c.deadline());
  }

  /** The escalation level {@code c} is due for at {@code now}, if any. */
  public Optional<Integer> dueLevel(RetentionCase c, Instant now) {
    if (c.isFinished() || c.contacted()) {
      return Optional.empty();
    }
    int level = c.escalationLevel();
    if (level == 0) {
      return now.isBefore(breachAt(c)) ? Optional.empty() : Optional.of(1);
    }
    if (level == 1) {
      Instant first = c.escalations().get(0).at();
      return now.isBefore(first.plus(seniorPoolAfter)) ? Optional.empty() : Optional.of(2);
    }
    return Optional.empty();
  }
}
