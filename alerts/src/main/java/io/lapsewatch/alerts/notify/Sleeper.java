package io.lapsewatch.alerts.notify;

import java.time.Duration;

/** Pauses between attempts; tests replace it to check delays without waiting. */
@FunctionalInterface
public interface Sleeper {
  /** Sleeps for {@code d}; throws when the service is shutting down. */
  void sleep(Duration d) throws InterruptedException;

  /** The real thing. */
  static Sleeper system() {
    return d -> Thread.sleep(d.toMillis());
  }
}
