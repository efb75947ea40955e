package io.lapsewatch.alerts.service;

import io.lapsewatch.alerts.delivery.NotificationLog;
import io.lapsewatch.alerts.metrics.AlertMetrics;
import io.lapsewatch.alerts.notify.DeliveryException;
import io.lapsewatch.alerts.notify.DeliveryReceipt;
import io.lapsewatch.alerts.notify.DigestNotifier;
import io.lapsewatch.alerts.routing.Target;
import java.time.Clock;
import java.time.Duration;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends claimed alerts to one target, one message at a time (an alert or a digest), and decides
 * what a failure means: worth another round while the {@link Outage} allows (claims released), or
 * dead-lettered. The notifier's own retries happen inside {@code deliver}; this is the layer above.
 */
final class ClaimedSender {
  private static final Logger LOG = LoggerFactory.getLogger(ClaimedSender.class);

  private final NotificationLog log;
  private final AlertMetrics metrics;
  private final DeadLetterWriter deadLetters;
  private final Clock clock;

  ClaimedSender(
      NotificationLog log, AlertMetrics metrics, DeadLetterWriter deadLetters, Clock clock) {
    this.log = log;
    this.metrics = metrics;
    this.deadLetters = deadLetters;
    this.clock = clock;
  }

  /**
   * @return false when the target failed transiently and is worth another round (the claim is
   *     released); true when the alert was delivered or dead-lettered
   */
  boolean send(Target target, PendingAlert item, Outage outage) throws InterruptedException {
    String channel = target.channel();
    long start = System.nanoTime();
    String detail;
    int attempts;
    try {
      DeliveryReceipt receipt = target.notifier().deliver(item.alert);
      log.markSent(item.id(), target.name());
      metrics.deliveredMessage(channel, since(start), receipt.attempts(), 1);
      outage.recovered();
      return true;
    } catch (DeliveryException e) {
      attempts = e.attempts();
      detail = e.getMessage();
      if (!e.permanent() && outage.mayWait(clock.instant())) {
        // Released while we wait: another process may deliver it meanwhile (then we skip it).
        log.release(item.id(), target.name());
        return false;
      }
    } catch (RuntimeException e) {
      // A notifier bug must neither stop the other targets nor lose the alert.
      attempts = 1;
      detail = "notifier error: " + e;
    }
    log.release(item.id(), target.name());
    metrics.failedMessage(channel, since(start), attempts, 1);
    deadLetters.undeliverable(item, target, attempts, detail);
    return true;
  }

  /**
   * Sends {@code claimed} (two or more) as one digest; same contract as {@link #send}, and on a
   * retryable failure the alerts go back to the front of {@code queue} in order.
   */
  boolean sendDigest(
      Target target,
      DigestNotifier notifier,
      List<PendingAlert> claimed,
      Deque<PendingAlert> queue,
      Outage outage)
      throws InterruptedException {
    String channel = target.channel();
    long start = System.nanoTime();
    String detail;
    int attempts;
    try {
      DeliveryReceipt receipt = notifier.deliverDigest(claimed.stream().map(i -> i.alert).toList());
      for (PendingAlert item : claimed) {
        log.markSent(item.id(), target.name());
      }
      metrics.deliveredMessage(channel, since(start), receipt.attempts(), claimed.size());
      metrics.digestSent(channel, claimed.size());
      LOG.info(
          "Rate limit of {} reached: {} alerts folded into one digest",
          target.name(),
          claimed.size());
      outage.recovered();
      return true;
    } catch (DeliveryException e) {
      attempts = e.attempts();
      detail = e.getMessage();
      if (!e.permanent() && outage.mayWait(clock.instant())) {
        for (int i = claimed.size() - 1; i >= 0; i--) {
          log.release(claimed.get(i).id(), target.name());
          queue.addFirst(claimed.get(i));
        }
        return false;
      }
    } catch (RuntimeException e) {
      attempts = 1;
      detail = "notifier error: " + e;
    }
    metrics.failedMessage(channel, since(start), attempts, claimed.size());
    for (PendingAlert item : claimed) {
      log.release(item.id(), target.name());
      deadLetters.undeliverable(item, target, attempts, "digest: " + detail);
    }
    return true;
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
