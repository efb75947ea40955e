package io.lapsewatch.alerts.service;

import io.lapsewatch.alerts.delivery.NotificationLog;
import io.lapsewatch.alerts.metrics.AlertMetrics;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies erasure requests that arrive on the alerts topic as tombstones (key = policyholder id in
 * UTF-8, value = null, written by the scoring job): the policyholder's notification-log entries and
 * index and sample alert are forgotten, and their actions on {@code retention-actions} get
 * tombstones (the retention desk erases its cases itself, from the same tombstone). A poll batch is
 * handled in record order, so an erasure applies after the alerts before it and before the alerts
 * after it; the log's erased markers keep a replay of an erased alert from being sent, while a new
 * alert for the same policyholder is delivered.
 */
final class PolicyholderErasure {
  private static final Logger LOG = LoggerFactory.getLogger(PolicyholderErasure.class);

  /** Handles a run of alert records (the service's {@code AlertProcessor}). */
  interface AlertRun {
    void handle(List<ConsumerRecord<byte[], byte[]>> records) throws InterruptedException;
  }

  private final NotificationLog log;
  private final AlertTally tally;
  private final AlertMetrics metrics;
  private final Optional<Producer<byte[], byte[]>> producer;
  private final String actionsTopic;

  /**
   * @param producer writes tombstones for the erased alerts' actions to {@code actionsTopic}; empty
   *     when actions are not written
   */
  PolicyholderErasure(
      NotificationLog log,
      AlertTally tally,
      AlertMetrics metrics,
      Optional<Producer<byte[], byte[]>> producer,
      String actionsTopic) {
    this.log = log;
    this.tally = tally;
    this.metrics = metrics;
    this.producer = producer;
    this.actionsTopic = actionsTopic;
  }

  /**
   * The policyholder a record asks to erase: a tombstone whose key is a non-blank, well-formed
   * UTF-8 id. Anything else (a null value without a usable key) is not an erasure and is
   * dead-lettered like any record that is not an alert.
   */
  static Optional<String> erasureOf(ConsumerRecord<byte[], byte[]> record) {
    if (record.value() != null || record.key() == null || record.key().length == 0) {
      return Optional.empty();
    }
    try {
      // Strict: a lenient decode could turn two different malformed ids into one and erase the
      // wrong person.
      String id =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(record.key()))
              .toString();
      return id.isBlank() ? Optional.empty() : Optional.of(id);
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  /** Handles {@code batch} in order: runs of alerts go to {@code alerts}, erasures in between. */
  void handleInOrder(List<ConsumerRecord<byte[], byte[]>> batch, AlertRun alerts)
      throws InterruptedException {
    List<ConsumerRecord<byte[], byte[]>> run = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : batch) {
      Optional<String> erased = erasureOf(r);
      if (erased.isEmpty()) {
        run.add(r);
        continue;
      }
      if (!run.isEmpty()) {
        alerts.handle(run);
        run = new ArrayList<>();
      }
      erase(erased.get());
    }
    if (!run.isEmpty()) {
      alerts.handle(run);
    }
  }

  /**
   * Forgets {@code policyholderId}. Idempotent: a tombstone consumed again after a restart changes
   * nothing more.
   *
   * @throws IllegalStateException when an action tombstone is not acknowledged; the batch is then
   *     not committed, and the erasure runs again after a restart
   */
  void erase(String policyholderId) throws InterruptedException {
    Set<String> alertIds = new TreeSet<>(log.erase(policyholderId));
    tally.forget(policyholderId);
    if (producer.isPresent()) {
      for (String alertId : alertIds) {
        try {
          producer
              .get()
              .send(
                  new ProducerRecord<>(
                      actionsTopic, alertId.getBytes(StandardCharsets.UTF_8), null))
              .get();
        } catch (ExecutionException e) {
          throw new IllegalStateException(
              "erasure: the tombstone for an action on '"
                  + actionsTopic
                  + "' was not acknowledged: "
                  + e.getCause(),
              e.getCause());
        }
      }
    }
    metrics.policyholderErased(alertIds.size());
    // Never the id: the log line must not carry what was just erased.
    LOG.info("Erasure applied: {} alert(s) forgotten", alertIds.size());
  }
}
