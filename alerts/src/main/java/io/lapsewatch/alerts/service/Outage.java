package io.lapsewatch.alerts.service;

import java.time.Duration;
import java.time.Instant;

/**
 * The outer retry layer: how long one target of a batch has been failing transiently after its
 * notifier's own retries gave up. Waiting is per target and batch: once a target has failed for
 * {@code giveUpAfter} without a single success, the rest of its alerts in the batch get one round
 * of attempts each, so a dead receiver cannot hold a batch for longer than about one give-up
 * period.
 */
final class Outage {
  private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
  private static final Duration LONGEST_PAUSE = Duration.ofSeconds(15);

  private final Duration giveUpAfter;
  private Instant giveUpAt;
  private Duration pause = FIRST_PAUSE;

  Outage(Duration giveUpAfter) {
    this.giveUpAfter = giveUpAfter;
  }

  /** A transient failure at {@code now}: true while it is still worth waiting. */
  boolean mayWait(Instant now) {
    if (giveUpAfter.isZero()) {
      return false;
    }
    if (giveUpAt == null) {
      giveUpAt = now.plus(giveUpAfter);
    }
    return now.isBefore(giveUpAt);
  }

  /** The pause before the next round: doubling, never past the give-up time. */
  Duration nextPause(Instant now) {
    Duration left = Duration.between(now, giveUpAt);
    Duration p = pause.compareTo(left) < 0 ? pause : left;
    Duration doubled = pause.multipliedBy(2);
    pause = doubled.compareTo(LONGEST_PAUSE) < 0 ? doubled : LONGEST_PAUSE;
    return p.isNegative() ? Duration.ZERO : p;
  }

  void recovered() {
    giveUpAt = null;
    pause = FIRST_PAUSE;
  }
}
