package io.lapsewatch.alerts.metrics;

import io.lapsewatch.alertcontract.Arm;
import io.lapsewatch.alertcontract.Outcome;
import io.lapsewatch.alertcontract.OutcomeKind;
import io.lapsewatch.alertcontract.Tier;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The outcomes resolved in a rolling window on event time, and what they say: recovery rate,
 * uplift, recovered premium. The window ends at the newest resolution time seen, never at the wall
 * clock, so a replay or a simulated history from another year reads as live data does. An outcome
 * is counted once per alert id; one resolved before the window is ignored.
 *
 * <p>Recovery rate = recovered / (recovered + lapsed); {@code EXPIRED_UNKNOWN} is left out of both.
 * Not thread-safe: {@link OutcomeMetrics} guards it.
 */
public final class RecoveryWindow {
  private record Resolved(Tier tier, Arm arm, OutcomeKind kind, long resolvedAt, double premium) {}

  private final long windowMs;
  private final Map<String, Resolved> inWindow = new HashMap<>();
  private long newestResolvedAt = Long.MIN_VALUE;
  private long lastEviction = Long.MIN_VALUE / 2;

  public RecoveryWindow(Duration window) {
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("the recovery window must be positive, was " + window);
    }
    this.windowMs = window.toMillis();
  }

  /**
   * Adds an outcome unless its alert id was seen or it resolved before the window.
   *
   * @return true if it was added
   */
  public boolean add(Outcome o) {
    if (inWindow.containsKey(o.alertId)
        || (newestResolvedAt != Long.MIN_VALUE && o.resolvedAt < cutoff())) {
      return false;
    }
    newestResolvedAt = Math.max(newestResolvedAt, o.resolvedAt);
    inWindow.put(o.alertId, new Resolved(o.tier, o.arm, o.outcome, o.resolvedAt, o.annualPremium));
    // Evict at most hourly (in event time): a scan per outcome would be quadratic.
    if (newestResolvedAt - lastEviction > Duration.ofHours(1).toMillis()) {
      inWindow.values().removeIf(r -> r.resolvedAt() < cutoff());
      lastEviction = newestResolvedAt;
    }
    return true;
  }

  /** Event time the window ends at (the newest resolution seen), or empty before any outcome. */
  public OptionalDouble newestResolvedAt() {
    return newestResolvedAt == Long.MIN_VALUE
        ? OptionalDouble.empty()
        : OptionalDouble.of(newestResolvedAt);
  }

  /** The recovery rate of {@code tier} (null = both) and {@code arm}; empty without outcomes. */
  public OptionalDouble rate(Tier tier, Arm arm) {
    long recovered = count(tier, arm, OutcomeKind.RECOVERED);
    long lapsed = count(tier, arm, OutcomeKind.LAPSED);
    return recovered + lapsed == 0
        ? OptionalDouble.empty()
        : OptionalDouble.of((double) recovered / (recovered + lapsed));
  }

  /** Treated minus holdout recovery rate of {@code tier} (null = both); empty without both. */
  public OptionalDouble uplift(Tier tier) {
    OptionalDouble treated = rate(tier, Arm.TREATED);
    OptionalDouble holdout = rate(tier, Arm.HOLDOUT);
    return treated.isPresent() && holdout.isPresent()
        ? OptionalDouble.of(treated.getAsDouble() - holdout.getAsDouble())
        : OptionalDouble.empty();
  }

  /** Outcomes of {@code tier} (null = both), {@code arm} and {@code kind} in the window. */
  public long count(Tier tier, Arm arm, OutcomeKind kind) {
    long cutoff = cutoff();
    long n = 0;
    for (Resolved r : inWindow.values()) {
      if (r.resolvedAt() >= cutoff
          && (tier == null || r.tier() == tier)
          && r.arm() == arm
          && r.kind() == kind) {
        n++;
      }
    }
    return n;
  }

  /**
   * Annual premium of the recovered terms of {@code tier} (null = both) and {@code arm} in the
   * window; terms whose outcome does not carry a premium add nothing.
   */
  public double recoveredPremium(Tier tier, Arm arm) {
    long cutoff = cutoff();
    double sum = 0;
    for (Resolved r : inWindow.values()) {
      if (r.resolvedAt() >= cutoff
          && (tier == null || r.tier() == tier)
          && r.arm() == arm
          && r.kind() == OutcomeKind.RECOVERED
          && r.premium() > 0) {
        sum += r.premium();
      }
    }
    return sum;
  }

  private long cutoff() {
    return newestResolvedAt == Long.MIN_VALUE ? Long.MIN_VALUE : newestResolvedAt - windowMs;
  }
}
