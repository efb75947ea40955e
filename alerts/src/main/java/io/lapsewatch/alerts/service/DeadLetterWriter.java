package io.lapsewatch.alerts.service;

import io.lapsewatch.alerts.metrics.AlertMetrics;
import io.lapsewatch.alerts.metrics.RejectReason;
import io.lapsewatch.alerts.routing.Target;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Dead-letters invalid records and undeliverable alerts with their headers, counts and logs. */
final class DeadLetterWriter {
  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterWriter.class);
  private static final int MAX_DETAIL_CHARS = 500;

  private final DeadLetterSink sink;
  private final AlertMetrics metrics;

  DeadLetterWriter(DeadLetterSink sink, AlertMetrics metrics) {
    this.sink = sink;
    this.metrics = metrics;
  }

  /** {@code alert} could not be delivered to {@code target}; it still goes to its other targets. */
  void undeliverable(PendingAlert alert, Target target, int attempts, String detail) {
    Map<String, String> headers = headers(alert.record, AlertMetrics.DELIVERY_FAILED, detail);
    headers.put(DeadLetterSink.CHANNEL_HEADER, target.channel());
    headers.put(DeadLetterSink.TARGET_HEADER, target.name());
    sink.send(alert.record, headers);
    metrics.deadLettered(AlertMetrics.DELIVERY_FAILED);
    alert.failed = true;
    LOG.error(
        "Alert {} was not delivered to {} ({}) after {} attempt(s) and went to the dead-letter"
            + " topic: {}",
        alert.id(),
        target.name(),
        target.channel(),
        attempts,
        detail);
  }

  /**
   * {@code alert} is a message to a receiver ({@code messageTo}) the routing in force does not
   * define: sent nowhere, so it is kept here rather than dropped.
   */
  void unknownReceiver(PendingAlert alert, String receiver, Set<String> defined) {
    String detail =
        "messageTo names receiver '"
            + receiver
            + "', which the routing in force does not define; defined receivers: "
            + defined
            + ". Add the receiver to the routing file or fix the journey plan's step.";
    Map<String, String> headers = headers(alert.record, AlertMetrics.UNKNOWN_RECEIVER, detail);
    headers.put(DeadLetterSink.TARGET_HEADER, receiver);
    sink.send(alert.record, headers);
    metrics.deadLettered(AlertMetrics.UNKNOWN_RECEIVER);
    alert.failed = true;
    // A receiver name is configuration, not personal data.
    LOG.error(
        "Alert {} is a message to receiver '{}', which the routing does not define; sent to the"
            + " dead-letter topic",
        alert.id(),
        receiver);
  }

  /** {@code record} is not a valid alert. */
  void invalid(ConsumerRecord<byte[], byte[]> record, RejectReason reason, String detail) {
    metrics.alertRejected(reason);
    sink.send(record, headers(record, reason.label(), detail));
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
