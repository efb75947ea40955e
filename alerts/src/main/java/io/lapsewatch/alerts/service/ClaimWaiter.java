package io.lapsewatch.alerts.service;

import io.lapsewatch.alerts.delivery.NotificationLog;
import io.lapsewatch.alerts.notify.Sleeper;
import io.lapsewatch.alerts.routing.Target;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Claims (alert, target) in the notification log, waiting while another process holds it: its claim
 * either becomes "sent" or expires with its lease.
 */
final class ClaimWaiter {
  private static final Duration CLAIM_POLL = Duration.ofMillis(250);

  private final NotificationLog log;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Duration claimWait;
  private final HaltSwitch halt;

  ClaimWaiter(
      NotificationLog log, Clock clock, Sleeper sleeper, Duration claimWait, HaltSwitch halt) {
    this.log = log;
    this.clock = clock;
    this.sleeper = sleeper;
    this.claimWait = claimWait;
    this.halt = halt;
  }

  NotificationLog.Claim claim(PendingAlert alert, Target target) throws InterruptedException {
    halt.check();
    Instant deadline = clock.instant().plus(claimWait);
    while (true) {
      NotificationLog.Claim c = log.claim(alert.id(), target.name());
      if (c != NotificationLog.Claim.IN_FLIGHT) {
        return c;
      }
      if (clock.instant().isAfter(deadline)) {
        // Not committing is the safe answer: the batch comes back after a restart.
        throw new IllegalStateException(
            "alert "
                + alert.id()
                + " for target "
                + target.name()
                + " is still claimed by another process after "
                + claimWait.toSeconds()
                + " s; check notification-log.lease-ms");
      }
      sleeper.sleep(CLAIM_POLL);
    }
  }
}
