package io.lapsewatch.cli;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The retention desk's clock in a test that drives event time: the test moves it along with the
 * events it publishes, so cases open, breach their service level and take results at event-time
 * moments rather than at the wall clock's.
 */
final class TestingDeskClock extends Clock {
  private final AtomicReference<Instant> now;

  TestingDeskClock(Instant start) {
    this.now = new AtomicReference<>(start);
  }

  /** Moves the clock to {@code to}; it never goes back (the desk's events would go back too). */
  void moveTo(Instant to) {
    Instant before = now.getAndUpdate(t -> to.isBefore(t) ? t : to);
    if (to.isBefore(before)) {
      throw new IllegalArgumentException("the desk clock is at " + before + ", asked for " + to);
    }
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
