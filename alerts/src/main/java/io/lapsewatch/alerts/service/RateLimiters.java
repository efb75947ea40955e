package io.lapsewatch.alerts.service;

import io.lapsewatch.alerts.delivery.RateLimit;
import io.lapsewatch.alerts.delivery.SlidingWindowLimiter;
import io.lapsewatch.alerts.routing.RoutingTable;
import io.lapsewatch.alerts.routing.Target;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** One sliding-window limiter per rate-limited target, kept across routing reloads. */
final class RateLimiters {
  private final Map<String, SlidingWindowLimiter> limiters = new HashMap<>();

  /** Follows {@code table}: history is kept for targets whose limit did not change. */
  void follow(RoutingTable table) {
    Map<String, SlidingWindowLimiter> kept = new HashMap<>();
    for (Target t : table.targets()) {
      Optional<RateLimit> limit = t.rateLimit();
      SlidingWindowLimiter old = limiters.get(t.name());
      if (limit.isPresent()) {
        kept.put(
            t.name(),
            old != null && old.limit().equals(limit.get())
                ? old
                : new SlidingWindowLimiter(limit.get()));
      }
    }
    limiters.clear();
    limiters.putAll(kept);
  }

  /** The limiter of {@code target}, or null when it has no rate limit. */
  SlidingWindowLimiter of(Target target) {
    return limiters.get(target.name());
  }
}
