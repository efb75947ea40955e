package io.lapsewatch.alerts.service;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.AlertJson;
import io.lapsewatch.alertcontract.Arm;
import io.lapsewatch.alerts.delivery.InMemoryNotificationLog;
import io.lapsewatch.alerts.delivery.NotificationLog;
import io.lapsewatch.alerts.metrics.AlertMetrics;
import io.lapsewatch.alerts.metrics.RejectReason;
import io.lapsewatch.alerts.notify.Notifier;
import io.lapsewatch.alerts.notify.Sleeper;
import io.lapsewatch.alerts.routing.RoutingTable;
import io.lapsewatch.alerts.routing.Target;
import io.lapsewatch.featurestore.events.InvalidRecordException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Handles a poll batch of the alerts topic: parse each record, route it, and hand each target its
 * alerts ({@link TargetDelivery}: exactly once, within its rate limit, through outages);
 * dead-letter whatever cannot be parsed or delivered. An alert with {@code messageTo} (a journey's
 * message to a route) goes to that receiver only, without a case link or an action record; one
 * naming no receiver is dead-lettered ({@code unknown_receiver}). When {@link #processBatch}
 * returns, every record is delivered or durably dead-lettered, so the batch may be committed. Knows
 * nothing of polling or offsets.
 */
final class AlertProcessor {
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

  private volatile RoutingTable routing;
  private final NotificationLog log;
  private final DeadLetterWriter deadLetters;
  private final AlertMetrics metrics;
  private final AlertTally tally;
  private final RateLimiters limiters = new RateLimiters();
  private final TargetDelivery delivery;
  private final Function<Alert, Optional<URI>> caseLinks;

  /**
   * @param claimWait how long to wait for another process's claim on an (alert, target) to turn
   *     into "sent" or expire; a little more than the notification log's lease
   * @param halted asked before every delivery; true stops the batch with {@link Halted}
   * @param giveUpAfter how long a target failing transiently (its notifier gave up, but not for a
   *     permanent reason) is retried before its alert is dead-lettered; zero dead-letters at once
   * @param caseLinks the signed link to a treated alert's case on the retention desk, which every
   *     message of the alert carries; {@code a -> Optional.empty()} when no desk runs
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
      Duration giveUpAfter,
      Function<Alert, Optional<URI>> caseLinks) {
    this.log = log;
    this.caseLinks = caseLinks;
    this.deadLetters = new DeadLetterWriter(deadLetters, metrics);
    this.metrics = metrics;
    this.tally = tally;
    HaltSwitch halt = new HaltSwitch(halted);
    this.delivery =
        new TargetDelivery(
            log,
            metrics,
            new ClaimWaiter(log, clock, sleeper, claimWait, halt),
            new ClaimedSender(log, metrics, this.deadLetters, clock),
            clock,
            sleeper,
            halt,
            giveUpAfter);
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
        Duration.ZERO,
        a -> Optional.empty());
  }

  /**
   * Puts {@code next} in force (between batches) and returns the table it replaces, for the caller
   * to close. Rate-limit history is kept for targets whose limit did not change.
   */
  RoutingTable useRouting(RoutingTable next) {
    RoutingTable previous = routing;
    routing = next;
    next.targets().forEach(t -> metrics.registerChannel(t.channel()));
    limiters.follow(next);
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
    List<PendingAlert> items = new ArrayList<>();
    List<Integer> itemIndex = new ArrayList<>();
    Map<String, Target> targets = new LinkedHashMap<>();
    Map<String, List<PendingAlert>> byTarget = new LinkedHashMap<>();
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
      boolean message = alert.messageTo != null;
      // The one place an alert gains its case link, so every target's message carries the same.
      // A message to a receiver opens no case, so it has no link.
      PendingAlert item =
          new PendingAlert(
              record,
              table
                  .enrich(alert, RecordAttributes.read(record.value()))
                  .withCaseLink(message ? Optional.empty() : caseLinks.apply(alert)));
      items.add(item);
      itemIndex.add(outcomes.size());
      outcomes.add(null);
      List<Target> itemTargets;
      if (message) {
        Optional<Target> receiver = table.receiver(alert.messageTo);
        if (receiver.isEmpty()) {
          deadLetters.unknownReceiver(item, alert.messageTo, table.receiverNames());
          continue;
        }
        // Only that receiver: not the routes, and not the retention-actions writer.
        itemTargets = List.of(receiver.get());
      } else {
        itemTargets = table.targetsFor(item.alert);
      }
      // Before any claim: an erasure of the policyholder must find every entry this alert leaves.
      log.track(alert.policyholderId, item.id(), itemTargets.stream().map(Target::name).toList());
      for (Target t : itemTargets) {
        targets.putIfAbsent(t.name(), t);
        byTarget.computeIfAbsent(t.name(), k -> new ArrayList<>()).add(item);
      }
    }
    for (Map.Entry<String, List<PendingAlert>> e : byTarget.entrySet()) {
      Target target = targets.get(e.getKey());
      delivery.deliverAll(target, e.getValue(), limiters.of(target));
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
      deadLetters.invalid(record, RejectReason.of(e.reasonCode()), e.getMessage());
    } catch (RuntimeException e) {
      // A parser bug must neither stop the service nor lose the record.
      deadLetters.invalid(record, RejectReason.INVALID_ALERT, "alert parser error: " + e);
    }
    return Optional.empty();
  }
}
