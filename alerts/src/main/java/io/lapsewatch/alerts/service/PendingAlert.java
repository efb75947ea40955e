package io.lapsewatch.alerts.service;

import io.lapsewatch.alerts.notify.EnrichedAlert;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** One valid, treated alert of a poll batch on its way to its targets. */
final class PendingAlert {
  final ConsumerRecord<byte[], byte[]> record;
  final EnrichedAlert alert;

  /** Set when a target gave up on it and it was dead-lettered for that target. */
  boolean failed;

  PendingAlert(ConsumerRecord<byte[], byte[]> record, EnrichedAlert alert) {
    this.record = record;
    this.alert = alert;
  }

  String id() {
    return alert.alert().alertId;
  }
}
