package io.lapsewatch.alerts.notify;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Transport settings shared by the HTTP notifiers: timeouts, retries, and the clock, sleeper and
 * jitter source (tests replace the last three to check delays and signatures without waiting).
 */
public record HttpOptions(
    Duration connectTimeout,
    Duration requestTimeout,
    RetryPolicy retry,
    Sleeper sleeper,
    DoubleSupplier jitter,
    Clock clock) {

  /** Connect 5 s, request 10 s, {@link RetryPolicy#DEFAULT}, real time. */
  public static HttpOptions defaults() {
    return new HttpOptions(
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        RetryPolicy.DEFAULT,
        Sleeper.system(),
        () -> ThreadLocalRandom.current().nextDouble(),
        Clock.systemUTC());
  }

  /** Validates the settings; messages name the setting. */
  public HttpOptions {
    requirePositive("connectTimeout", connectTimeout);
    requirePositive("requestTimeout", requestTimeout);
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(sleeper, "sleeper");
    Objects.requireNonNull(jitter, "jitter");
    Objects.requireNonNull(clock, "clock");
  }

  public HttpOptions withRetry(RetryPolicy r) {
    return new HttpOptions(connectTimeout, requestTimeout, r, sleeper, jitter, clock);
  }

  public HttpOptions withTimeouts(Duration connect, Duration request) {
    return new HttpOptions(connect, request, retry, sleeper, jitter, clock);
  }

  public HttpOptions withSleeper(Sleeper s) {
    return new HttpOptions(connectTimeout, requestTimeout, retry, s, jitter, clock);
  }

  public HttpOptions withJitter(DoubleSupplier j) {
    return new HttpOptions(connectTimeout, requestTimeout, retry, sleeper, j, clock);
  }

  public HttpOptions withClock(Clock c) {
    return new HttpOptions(connectTimeout, requestTimeout, retry, sleeper, jitter, c);
  }

  private static void requirePositive(String name, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be > 0, was " + d);
    }
  }
}
