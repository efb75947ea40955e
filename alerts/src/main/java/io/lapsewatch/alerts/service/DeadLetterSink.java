package io.lapsewatch.alerts.service;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Where records go that the service cannot handle: the original key and bytes plus headers saying
 * why. Returning means the dead letter is stored, so the source offset may be committed.
 */
public interface DeadLetterSink {
  /** Header naming why the record was dead-lettered, e.g. {@code malformed_json}. */
  String REASON_HEADER = "lw.dlq.reason";

  /** Header with the notifier channel that failed, for {@code delivery_failed} only. */
  String CHANNEL_HEADER = "lw.dlq.channel";

  /**
   * Header with the routing target (receiver name) that failed, for {@code delivery_failed}, or the
   * unknown receiver a message was for, for {@code unknown_receiver}.
   */
  String TARGET_HEADER = "lw.dlq.target";

  /** Header with a human-readable explanation. */
  String DETAIL_HEADER = "lw.dlq.detail";

  /** Header with where the record came from: {@code topic/partition/offset}. */
  String SOURCE_HEADER = "lw.dlq.source";

  /** Reason for an alert that a notifier gave up on. */
  String DELIVERY_FAILED = "delivery_failed";

  /**
   * Stores a dead letter for {@code source}; blocks until it is durable.
   *
   * @throws RuntimeException when it cannot be stored; the caller must then not commit
   */
  void send(ConsumerRecord<byte[], byte[]> source, Map<String, String> headers);
}
