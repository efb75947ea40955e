package io.lapsewatch.alerts.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.lapsewatch.alerts.contract.Alert;
import io.lapsewatch.alerts.contract.AlertJson;
import io.lapsewatch.alerts.contract.Arm;
import io.lapsewatch.alerts.metrics.AlertMetrics;
import io.lapsewatch.alerts.metrics.RejectReason;
import io.lapsewatch.alerts.notify.DeliveryException;
import io.lapsewatch.alerts.notify.DeliveryReceipt;
import io.lapsewatch.alerts.notify.Notifier;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles one record of the alerts topic: parse it, count it, deliver it to every notifier, and
 * dead-letter whatever cannot be parsed or delivered. Knows nothing of polling or offsets.
 */
final class AlertProcessor {
  private static final Logger LOG = LoggerFactory.getLogger(AlertProcessor.class);
  private static final int MAX_DETAIL_CHARS = 500;

  /** What became of a record. */
  enum Outcome {
    /** Delivered to every notifier. */
    DELIVERED,
    /** A holdout alert: counted, deliberately not sent to anyone. */
    HELD_OUT,
    /** Not a valid alert; dead-lettered. */
    REJECTED,
    /** At least one notifier gave up; the alert was dead-lettered for that channel. */
    DEAD_LETTERED
  }

  private final List<Notifier> notifiers;
  private final DeadLetterSink deadLetters;
  private final AlertMetrics metrics;
  private final AlertTally tally;

  AlertProcessor(
      List<Notifier> notifiers,
      DeadLetterSink deadLetters,
      AlertMetrics metrics,
      AlertTally tally) {
    this.notifiers = List.copyOf(notifiers);
    this.deadLetters = deadLetters;
    this.metrics = metrics;
    this.tally = tally;
    notifiers.forEach(n -> metrics.registerChannel(n.channel()));
  }

  /**
   * Processes one record; when this returns, the record is delivered or durably dead-lettered.
   *
   * @throws InterruptedException on shutdown mid-delivery: nothing is dead-lettered, and the record
   *     is consumed again after a restart
   */
  Outcome process(ConsumerRecord<byte[], byte[]> record) throws InterruptedException {
    Alert alert;
    byte[] value = record.value();
    if (value == null || value.length == 0) {
      return reject(record, RejectReason.EMPTY, "record has no value");
    }
    try {
      alert = AlertJson.parse(value);
    } catch (JsonProcessingException e) {
      return reject(record, RejectReason.MALFORMED_JSON, "not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      return reject(record, RejectReason.INVALID_ALERT, e.getMessage());
    } catch (RuntimeException e) {
      // AlertJson trusts the shape of nested values (e.g. reasons); a wrong shape lands here.
      return reject(record, RejectReason.INVALID_ALERT, "bad alert structure: " + e);
    }

    metrics.alertReceived(alert);
    tally.record(alert);
    if (alert.arm == Arm.HOLDOUT) {
      // Holdout alerts measure what happens without an action; contacting anyone spoils that.
      return Outcome.HELD_OUT;
    }
    boolean allDelivered = true;
    for (Notifier notifier : notifiers) {
      allDelivered &= deliver(record, alert, notifier);
    }
    return allDelivered ? Outcome.DELIVERED : Outcome.DEAD_LETTERED;
  }

  private boolean deliver(ConsumerRecord<byte[], byte[]> record, Alert alert, Notifier notifier)
      throws InterruptedException {
    String channel = notifier.channel();
    long start = System.nanoTime();
    int attempts;
    String detail;
    try {
      DeliveryReceipt receipt = notifier.deliver(alert);
      metrics.delivered(channel, Duration.ofNanos(System.nanoTime() - start), receipt.attempts());
      return true;
    } catch (DeliveryException e) {
      attempts = e.attempts();
      detail = e.getMessage();
    } catch (RuntimeException e) {
      // A notifier bug must neither stop the other channels nor lose the alert.
      attempts = 1;
      detail = "notifier error: " + e;
    }
    metrics.deliveryFailed(channel, Duration.ofNanos(System.nanoTime() - start), attempts);
    Map<String, String> headers = headers(record, DeadLetterSink.DELIVERY_FAILED, detail);
    headers.put(DeadLetterSink.CHANNEL_HEADER, channel);
    deadLetters.send(record, headers);
    LOG.error(
        "Alert {} was not delivered to {} after {} attempt(s) and went to the dead-letter topic:"
            + " {}",
        alert.alertId,
        channel,
        attempts,
        detail);
    return false;
  }

  private Outcome reject(
      ConsumerRecord<byte[], byte[]> record, RejectReason reason, String detail) {
    metrics.alertRejected(reason);
    deadLetters.send(record, headers(record, reason.label(), detail));
    // The detail may quote the payload, which can hold personal data: it goes to the DLQ header,
    // next to the payload itself, but not to the log.
    LOG.warn(
        "Record {}/{}/{} is not a valid alert ({}); sent to the dead-letter topic",
        record.topic(),
        record.partition(),
        record.offset(),
        reason.label());
    return Outcome.REJECTED;
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
