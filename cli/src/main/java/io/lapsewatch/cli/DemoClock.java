package io.lapsewatch.cli;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The retention desk's clock in the demo: it stands in simulated time (the live period is in 2025)
 * and the simulated agents move it forward as they work, so cases are not overdue and links not
 * expired by the wall clock. Thread-safe; it never goes back.
 */
final class DemoClock extends Clock {
  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  private DemoClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /** A clock standing at {@code start}, in UTC. */
  static DemoClock at(Instant start) {
    return new DemoClock(new AtomicReference<>(start), ZoneOffset.UTC);
  }

  /**
   * Moves the clock to {@code to}.
   *
   * @throws IllegalArgumentException when {@code to} is before the clock's time: the desk's events
   *     would go back in time
   */
  void moveTo(Instant to) {
    Instant before = now.getAndUpdate(t -> to.isBefore(t) ? t : to);
    if (to.isBefore(before)) {
      throw new IllegalArgumentException(
          "the demo clock only moves forward: at " + before + ", asked for " + to);
    }
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId other) {
    // The same time, shown in another zone.
    return new DemoClock(now, other);
  }
}
