package io.lapsewatch.alerts.service;

import io.lapsewatch.alerts.delivery.NotificationLog;
import io.lapsewatch.alerts.delivery.SlidingWindowLimiter;
import io.lapsewatch.alerts.metrics.AlertMetrics;
import io.lapsewatch.alerts.notify.DigestNotifier;
import io.lapsewatch.alerts.notify.Sleeper;
import io.lapsewatch.alerts.routing.Target;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers a batch's alerts to one target: skips replays the notification log knows, keeps within
 * the target's rate limit by folding overflow into a digest on the last message the window allows,
 * and waits out an outage in rounds before giving up.
 */
final class TargetDelivery {
  private static final Logger LOG = LoggerFactory.getLogger(TargetDelivery.class);

  private final NotificationLog log;
  private final AlertMetrics metrics;
  private final ClaimWaiter claims;
  private final ClaimedSender sender;
  private final Clock clock;
  private final Sleeper sleeper;
  private final HaltSwitch halt;
  private final Duration giveUpAfter;

  TargetDelivery(
      NotificationLog log,
      AlertMetrics metrics,
      ClaimWaiter claims,
      ClaimedSender sender,
      Clock clock,
      Sleeper sleeper,
      HaltSwitch halt,
      Duration giveUpAfter) {
    this.log = log;
    this.metrics = metrics;
    this.claims = claims;
    this.sender = sender;
    this.clock = clock;
    this.sleeper = sleeper;
    this.halt = halt;
    this.giveUpAfter = giveUpAfter;
  }

  /** Delivers {@code items} to {@code target}; {@code limiter} is null without a rate limit. */
  void deliverAll(Target target, List<PendingAlert> items, SlidingWindowLimiter limiter)
      throws InterruptedException {
    Deque<PendingAlert> queue = new ArrayDeque<>();
    for (PendingAlert item : items) {
      // Replays of alerts already sent must not eat the rate limit or trigger a digest.
      if (log.isSent(item.id(), target.name())) {
        metrics.duplicateSuppressed(target.channel());
      } else {
        queue.add(item);
      }
    }
    Outage outage = new Outage(giveUpAfter);
    while (!queue.isEmpty()) {
      halt.check();
      if (limiter == null) {
        PendingAlert item = queue.poll();
        if (!deliverOne(target, item, outage)) {
          queue.addFirst(item);
          waitOut(target, outage);
        }
        continue;
      }
      Instant now = clock.instant();
      int available = limiter.available(now);
      if (available <= 0) {
        metrics.rateLimitWait(target.channel());
        sleeper.sleep(limiter.untilNext(now));
        continue;
      }
      limiter.record(now);
      boolean done;
      if (available > 1 || queue.size() == 1 || !(target.notifier() instanceof DigestNotifier)) {
        PendingAlert item = queue.poll();
        done = deliverOne(target, item, outage);
        if (!done) {
          queue.addFirst(item);
        }
      } else {
        // The last message the limit allows for now, and more alerts waiting: fold them.
        done = deliverDigest(target, (DigestNotifier) target.notifier(), queue, outage);
      }
      if (!done) {
        waitOut(target, outage);
      }
    }
  }

  /** Pauses while {@code target} is down; the caller then tries the same alerts again. */
  private void waitOut(Target target, Outage outage) throws InterruptedException {
    halt.check();
    Duration pause = outage.nextPause(clock.instant());
    LOG.warn(
        "{} ({}) is failing; retrying its undelivered alerts in {} ms",
        target.name(),
        target.channel(),
        pause.toMillis());
    sleeper.sleep(pause);
  }

  /** Same contract as {@link ClaimedSender#send}; true also when the alert was sent already. */
  private boolean deliverOne(Target target, PendingAlert item, Outage outage)
      throws InterruptedException {
    if (claims.claim(item, target) == NotificationLog.Claim.ALREADY_SENT) {
      metrics.duplicateSuppressed(target.channel());
      return true;
    }
    return sender.send(target, item, outage);
  }

  /** Claims as many queued alerts as one digest holds and sends them as one message. */
  private boolean deliverDigest(
      Target target, DigestNotifier notifier, Deque<PendingAlert> queue, Outage outage)
      throws InterruptedException {
    int capacity = notifier.digestCapacity(queue.stream().map(i -> i.alert).toList());
    List<PendingAlert> claimed = new ArrayList<>();
    while (claimed.size() < capacity && !queue.isEmpty()) {
      PendingAlert item = queue.poll();
      if (claims.claim(item, target) == NotificationLog.Claim.ALREADY_SENT) {
        metrics.duplicateSuppressed(target.channel());
      } else {
        claimed.add(item);
      }
    }
    if (claimed.isEmpty()) {
      return true;
    }
    if (claimed.size() == 1) {
      boolean done = sender.send(target, claimed.get(0), outage);
      if (!done) {
        queue.addFirst(claimed.get(0));
      }
      return done;
    }
    return sender.sendDigest(target, notifier, claimed, queue, outage);
  }
}
