package io.lapsewatch.alerts.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** HTTP options for tests: a fixed clock, no jitter, and pauses recorded instead of slept. */
final class TestingHttp {
  /** The instant every signature in these tests is made at. */
  static final Instant NOW = Instant.parse("2026-05-20T08:00:00.123Z");

  final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  HttpOptions options() {
    return HttpOptions.defaults()
        .withRetry(new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(5)))
        .withSleeper(sleeps::add)
        .withJitter(() -> 1.0)
        .withClock(Clock.fixed(NOW, ZoneOffset.UTC));
  }
}
