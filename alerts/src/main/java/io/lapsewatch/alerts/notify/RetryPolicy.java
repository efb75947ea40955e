package io.lapsewatch.alerts.notify;

import java.time.Duration;

/**
 * How often and how patiently a notifier retries: attempts (the first included), the delay before
 * the second try (doubled for each further one) and the longest wait, Retry-After included.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

  /** Five attempts, 500 ms doubling to at most 30 s. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(30));

  /** Validates the settings; messages name the setting. */
  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
    }
    requirePositive("initialBackoff", initialBackoff);
    requirePositive("maxBackoff", maxBackoff);
  }

  /**
   * Exponential backoff with "equal jitter": half the exponential delay is fixed and half random,
   * so many services retrying together spread out but none retries immediately.
   *
   * @param attempt the attempt that just failed (1 = the first)
   * @param jitter a number in [0, 1]
   */
  public Duration backoff(int attempt, double jitter) {
    long base = initialBackoff.toMillis();
    // Shift at most 30 places: more would overflow, and the cap applies long before.
    long exp = base << Math.min(Math.max(attempt, 1) - 1, 30);
    long capped = Math.min(exp < base ? Long.MAX_VALUE : exp, maxBackoff.toMillis());
    long half = capped / 2;
    return Duration.ofMillis(half + Math.round(jitter * (capped - half)));
  }

  private static void requirePositive(String name, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be > 0, was " + d);
    }
  }
}
