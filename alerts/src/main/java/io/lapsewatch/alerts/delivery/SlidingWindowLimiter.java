package io.lapsewatch.alerts.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;

/**
 * Enforces a {@link RateLimit} exactly: no more than N messages in any window-long interval (a
 * token bucket would allow up to 2N across a window boundary, which is what gets chat robots
 * throttled). Not thread-safe; one per target, used from the consumer thread.
 */
public final class SlidingWindowLimiter {
  private final RateLimit limit;
  private final ArrayDeque<Instant> sent = new ArrayDeque<>();

  public SlidingWindowLimiter(RateLimit limit) {
    this.limit = limit;
  }

  public RateLimit limit() {
    return limit;
  }

  /** Messages that may be sent at {@code now}. */
  public int available(Instant now) {
    evict(now);
    return limit.permits() - sent.size();
  }

  /** Records a message sent at {@code now}. */
  public void record(Instant now) {
    sent.addLast(now);
  }

  /** How long until one more message may be sent (zero if one may be sent now). */
  public Duration untilNext(Instant now) {
    evict(now);
    if (sent.size() < limit.permits()) {
      return Duration.ZERO;
    }
    Duration d = Duration.between(now, sent.peekFirst().plus(limit.window()));
    return d.isNegative() ? Duration.ZERO : d.plusMillis(1);
  }

  private void evict(Instant now) {
    Instant cutoff = now.minus(limit.window());
    while (!sent.isEmpty() && !sent.peekFirst().isAfter(cutoff)) {
      sent.removeFirst();
    }
  }
}
