package io.lapsewatch.alerts.service;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.AlertJson;
import io.lapsewatch.alertcontract.Arm;
import io.lapsewatch.alerts.delivery.InMemoryNotificationLog;
import io.lapsewatch.alerts.delivery.NotificationLog;
import io.lapsewatch.alerts.delivery.RateLimit;
import io.lapsewatch.alerts.delivery.SlidingWindowLimiter;
import io.lapsewatch.alerts.metrics.AlertMetrics;
import io.lapsewatch.alerts.metrics.RejectReason;
import io.lapsewatch.alerts.notify.DeliveryException;
import io.lapsewatch.alerts.notify.DeliveryReceipt;
import io.lapsewatch.alerts.notify.DigestNotifier;
import io.lapsewatch.alerts.notify.EnrichedAlert;
import io.lapsewatch.alerts.notify.Notifier;
import io.lapsewatch.alerts.notify.Sleeper;
import io.lapsewatch.alerts.routing.RoutingTable;
import io.lapsewatch.alerts.routing.Target;
import io.lapsewatch.featurestore.events.InvalidRecordException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles a poll batch of the alerts topic: parse each record, route it, deliver it to each of its
 * targets exactly once (the notification log skips what was already sent), keep each target within
 * its rate limit by folding overflow into digests, and dead-letter whatever cannot be parsed or
 * delivered. When {@link #processBatch} returns, every record is delivered or durably
 * dead-lettered, so the batch may be committed. Knows nothing of polling or offsets.
 */
final class AlertProcessor {
  private static final Logger LOG = LoggerFactory.getLogger(AlertProcessor.class);
  private static final int MAX_DETAIL_CHARS = 500;
  private static final Duration CLAIM_POLL = Duration.ofMillis(250);
  private static final Duration FIRST_OUTAGE_PAUSE = Duration.ofSeconds(1);
  private static final Duration LONGEST_OUTAGE_PAUSE = Duration.ofSeconds(15);

  /** What became of a record. */
  enum Outcome {
    /** Delivered (now or before, per the notification log) to every target. */
    DELIVERED,
    /** A holdout alert: counted, deliberately not sent to anyone. */
    HELD_OUT,
    /** Not a valid alert; dead-lettered. */
    REJECTED,
    /** At least one target gave up; the alert was dead-lettered for that target. */
    DEAD_LETTERED
  }

  /** The service was halted mid-batch (a crash, for tests): nothing more is sent or committed. */
  static final class Halted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Halted() {
      super("alerts service halted mid-batch; the batch is not committed");
    }
  }

  /** One valid, treated alert of the batch on its way to its targets. */
  private static final class Item {
    final ConsumerRecord<byte[], byte[]> record;
    final EnrichedAlert alert;
    boolean failed;

    Item(ConsumerRecord<byte[], byte[]> record, EnrichedAlert alert) {
      this.record = record;
      this.alert = alert;
    }

    String id() {
      return alert.alert().alertId;
    }
  }

  private volatile RoutingTable routing;
  private final NotificationLog log;
  private final DeadLetterSink deadLetters;
  private final AlertMetrics metrics;
  private final AlertTally tally;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Duration claimWait;
  private final BooleanSupplier halted;
  private final Duration giveUpAfter;
  private final Map<String, SlidingWindowLimiter> limiters = new HashMap<>();

  /**
   * How long one target of a batch has been failing transiently. Waiting is per target and batch:
   * once a target has failed for {@code giveUpAfter} without a single success, the rest of its
   * alerts in the batch get one round of attempts each, so a dead receiver cannot hold a batch for
   * longer than about one give-up period.
   */
  private static final class Outage {
    private final Duration giveUpAfter;
    private Instant giveUpAt;
    private Duration pause = FIRST_OUTAGE_PAUSE;

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
      pause = doubled.compareTo(LONGEST_OUTAGE_PAUSE) < 0 ? doubled : LONGEST_OUTAGE_PAUSE;
      return p.isNegative() ? Duration.ZERO : p;
    }

    void recovered() {
      giveUpAt = null;
      pause = FIRST_OUTAGE_PAUSE;
    }
  }

  /**
   * @param claimWait how long to wait for another process's claim on an (alert, target) to turn
   *     into "sent" or expire; a little more than the notification log's lease
   * @param halted asked before every delivery; true stops the batch with {@link Halted}
   * @param giveUpAfter how long a target failing transiently (its notifier gave up, but not for a
   *     permanent reason) is retried before its alert is dead-lettered; zero dead-letters at once
   */
  AlertProcessor(
      RoutingTable routing,
      NotificationLog log,
      DeadLetterSink deadLetters,
      AlertMetrics metrics,
      AlertTally tally,
      Clock clock,
      Sleeper sleeper,
      Duration claimWait,
      BooleanSupplier halted,
      Duration giveUpAfter) {
    this.log = log;
    this.deadLetters = deadLetters;
    this.metrics = metrics;
    this.tally = tally;
    this.clock = clock;
    this.sleeper = sleeper;
    this.claimWait = claimWait;
    this.halted = halted;
    this.giveUpAfter = giveUpAfter;
    useRouting(routing);
  }

  /** Every alert to every notifier, an in-memory log, real time: the walking skeleton's setup. */
  AlertProcessor(
      List<Notifier> notifiers,
      DeadLetterSink deadLetters,
      AlertMetrics metrics,
      AlertTally tally) {
    this(
        RoutingTable.broadcast(notifiers),
        new InMemoryNotificationLog(Duration.ofMinutes(2), Duration.ofDays(90), Clock.systemUTC()),
        deadLetters,
        metrics,
        tally,
        Clock.systemUTC(),
        Sleeper.system(),
        Duration.ofMinutes(3),
        () -> false,
        Duration.ZERO);
  }

  /**
   * Puts {@code next} in force (between batches) and returns the table it replaces, for the caller
   * to close. Rate-limit history is kept for targets whose limit did not change.
   */
  RoutingTable useRouting(RoutingTable next) {
    RoutingTable previous = routing;
    routing = next;
    Map<String, SlidingWindowLimiter> kept = new HashMap<>();
    for (Target t : next.targets()) {
      metrics.registerChannel(t.channel());
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
    return previous;
  }

  RoutingTable routing() {
    return routing;
  }

  /** Processes one record as a batch of one. */
  Outcome process(ConsumerRecord<byte[], byte[]> record) throws InterruptedException {
    return processBatch(List.of(record)).get(0);
  }

  /**
   * Processes a poll batch; when this returns, each record is delivered, held out or durably
   * dead-lettered.
   *
   * @return the outcome of each record, in order
   * @throws InterruptedException on shutdown mid-delivery: nothing more is dead-lettered, and the
   *     batch is consumed again after a restart (the notification log skips what was sent)
   */
  List<Outcome> processBatch(List<ConsumerRecord<byte[], byte[]>> records)
      throws InterruptedException {
    RoutingTable table = routing;
    List<Outcome> outcomes = new ArrayList<>(records.size());
    List<Item> items = new ArrayList<>();
    List<Integer> itemIndex = new ArrayList<>();
    Map<String, Target> targets = new LinkedHashMap<>();
    Map<String, List<Item>> byTarget = new LinkedHashMap<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      Optional<Alert> parsed = parse(record);
      if (parsed.isEmpty()) {
        outcomes.add(Outcome.REJECTED);
        continue;
      }
      Alert alert = parsed.get();
      metrics.alertReceived(alert);
      tally.record(alert);
      if (alert.arm == Arm.HOLDOUT) {
        // Holdout alerts measure what happens without an action; contacting anyone spoils that.
        outcomes.add(Outcome.HELD_OUT);
        continue;
      }
      Item item = new Item(record, table.enrich(alert, RecordAttributes.read(record.value())));
      items.add(item);
      itemIndex.add(outcomes.size());
      outcomes.add(null);
      List<Target> itemTargets = table.targetsFor(item.alert);
      // Before any claim: an erasure of the policyholder must find every entry this alert leaves.
      log.track(alert.policyholderId, item.id(), itemTargets.stream().map(Target::name).toList());
      for (Target t : itemTargets) {
        targets.putIfAbsent(t.name(), t);
        byTarget.computeIfAbsent(t.name(), k -> new ArrayList<>()).add(item);
      }
    }
    for (Map.Entry<String, List<Item>> e : byTarget.entrySet()) {
      deliverAll(targets.get(e.getKey()), e.getValue());
    }
    for (int i = 0; i < items.size(); i++) {
      outcomes.set(
          itemIndex.get(i), items.get(i).failed ? Outcome.DEAD_LETTERED : Outcome.DELIVERED);
    }
    return outcomes;
  }

  /**
   * Reads one record strictly ({@link AlertJson#read}); a record that is not a valid alert is
   * dead-lettered with its reason here, before anything touches the notification log, so an invalid
   * record can never be deduplicated against (or suppress) a valid alert.
   */
  private Optional<Alert> parse(ConsumerRecord<byte[], byte[]> record) {
    try {
      return Optional.of(AlertJson.read(record.value()));
    } catch (InvalidRecordException e) {
      reject(record, RejectReason.of(e.reasonCode()), e.getMessage());
    } catch (RuntimeException e) {
      // A parser bug must neither stop the service nor lose the record.
      reject(record, RejectReason.INVALID_ALERT, "alert parser error: " + e);
    }
    return Optional.empty();
  }

  /** Delivers {@code items} to one target within its rate limit. */
  private void deliverAll(Target target, List<Item> items) throws InterruptedException {
    Deque<Item> queue = new ArrayDeque<>();
    for (Item item : items) {
      // Replays of alerts already sent must not eat the rate limit or trigger a digest.
      if (log.isSent(item.id(), target.name())) {
        metrics.duplicateSuppressed(target.channel());
      } else {
        queue.add(item);
      }
    }
    SlidingWindowLimiter limiter = limiters.get(target.name());
    Outage outage = new Outage(giveUpAfter);
    while (!queue.isEmpty()) {
      checkHalt();
      if (limiter == null) {
        Item item = queue.poll();
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
        Item item = queue.poll();
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
    checkHalt();
    Duration pause = outage.nextPause(clock.instant());
    LOG.warn(
        "{} ({}) is failing; retrying its undelivered alerts in {} ms",
        target.name(),
        target.channel(),
        pause.toMillis());
    sleeper.sleep(pause);
  }

  /**
   * @return false when the target failed transiently and is worth another round (the claim is
   *     released); true when the alert was delivered, already sent, or dead-lettered
   */
  private boolean deliverOne(Target target, Item item, Outage outage) throws InterruptedException {
    if (claim(item, target) == NotificationLog.Claim.ALREADY_SENT) {
      metrics.duplicateSuppressed(target.channel());
      return true;
    }
    return sendClaimed(target, item, outage);
  }

  private boolean sendClaimed(Target target, Item item, Outage outage) throws InterruptedException {
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
    deadLetter(item, target, attempts, detail);
    return true;
  }

  /** Same contract as {@link #deliverOne}; on a retryable failure the alerts go back in order. */
  private boolean deliverDigest(
      Target target, DigestNotifier notifier, Deque<Item> queue, Outage outage)
      throws InterruptedException {
    int capacity = notifier.digestCapacity(queue.stream().map(i -> i.alert).toList());
    List<Item> claimed = new ArrayList<>();
    while (claimed.size() < capacity && !queue.isEmpty()) {
      Item item = queue.poll();
      if (claim(item, target) == NotificationLog.Claim.ALREADY_SENT) {
        metrics.duplicateSuppressed(target.channel());
      } else {
        claimed.add(item);
      }
    }
    if (claimed.isEmpty()) {
      return true;
    }
    if (claimed.size() == 1) {
      boolean done = sendClaimed(target, claimed.get(0), outage);
      if (!done) {
        queue.addFirst(claimed.get(0));
      }
      return done;
    }
    String channel = target.channel();
    long start = System.nanoTime();
    String detail;
    int attempts;
    try {
      DeliveryReceipt receipt = notifier.deliverDigest(claimed.stream().map(i -> i.alert).toList());
      for (Item item : claimed) {
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
    for (Item item : claimed) {
      log.release(item.id(), target.name());
      deadLetter(item, target, attempts, "digest: " + detail);
    }
    return true;
  }

  /**
   * Claims (alert, target), waiting while another process holds it: its claim either becomes "sent"
   * or expires with its lease.
   */
  private NotificationLog.Claim claim(Item item, Target target) throws InterruptedException {
    checkHalt();
    Instant deadline = clock.instant().plus(claimWait);
    while (true) {
      NotificationLog.Claim c = log.claim(item.id(), target.name());
      if (c != NotificationLog.Claim.IN_FLIGHT) {
        return c;
      }
      if (clock.instant().isAfter(deadline)) {
        // Not committing is the safe answer: the batch comes back after a restart.
        throw new IllegalStateException(
            "alert "
                + item.id()
                + " for target "
                + target.name()
                + " is still claimed by another process after "
                + claimWait.toSeconds()
                + " s; check notification-log.lease-ms");
      }
      sleeper.sleep(CLAIM_POLL);
    }
  }

  private void checkHalt() {
    if (halted.getAsBoolean()) {
      throw new Halted();
    }
  }

  private void deadLetter(Item item, Target target, int attempts, String detail) {
    Map<String, String> headers = headers(item.record, AlertMetrics.DELIVERY_FAILED, detail);
    headers.put(DeadLetterSink.CHANNEL_HEADER, target.channel());
    headers.put(DeadLetterSink.TARGET_HEADER, target.name());
    deadLetters.send(item.record, headers);
    metrics.deadLettered(AlertMetrics.DELIVERY_FAILED);
    item.failed = true;
    LOG.error(
        "Alert {} was not delivered to {} ({}) after {} attempt(s) and went to the dead-letter"
            + " topic: {}",
        item.id(),
        target.name(),
        target.channel(),
        attempts,
        detail);
  }

  private void reject(ConsumerRecord<byte[], byte[]> record, RejectReason reason, String detail) {
    metrics.alertRejected(reason);
    deadLetters.send(record, headers(record, reason.label(), detail));
    metrics.deadLettered(reason.label());
    // The detail may quote the payload, which can hold personal data: it goes to the DLQ header,
    // next to the payload itself, but not to the log.
    LOG.warn(
        "Record {}/{}/{} is not a valid alert ({}); sent to the dead-letter topic",
        record.topic(),
        record.partition(),
        record.offset(),
        reason.label());
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  private static Map<String, String> headers(
      ConsumerRecord<byte[], byte[]> record, String reason, String detail) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put(DeadLetterSink.REASON_HEADER, reason);
    String d = detail == null ? "" : detail;
    h.put(
        DeadLetterSink.DETAIL_HEADER,
        d.length() > MAX_DETAIL_CHARS ? d.substring(0, MAX_DETAIL_CHARS) + "..." : d);
    h.put(
        DeadLetterSink.SOURCE_HEADER,
        record.topic() + "/" + record.partition() + "/" + record.offset());
    return h;
  }
}
