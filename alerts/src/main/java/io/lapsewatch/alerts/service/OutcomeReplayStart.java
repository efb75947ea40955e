package io.lapsewatch.alerts.service;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Where the outcome consumer starts reading each partition: from the beginning, or at most {@link
 * #MAX_RECORDS_PER_PARTITION} records before its end. Chosen by offsets, never by the records'
 * Kafka timestamps: the scoring job stamps outcomes with their event time, so a replayed or
 * simulated history would lie before any wall-clock window and be skipped.
 */
final class OutcomeReplayStart {
  /**
   * Records re-read per partition at most: bounds the start-up time; far above a year of outcomes
   * for a book of a few million policies spread over the topic's partitions.
   */
  static final long MAX_RECORDS_PER_PARTITION = 2_000_000;

  private OutcomeReplayStart() {}

  /** The first offset to read per partition, given its beginning and end offsets. */
  static Map<TopicPartition, Long> offsets(
      Map<TopicPartition, Long> beginnings, Map<TopicPartition, Long> ends, long maxRecords) {
    Map<TopicPartition, Long> start = new HashMap<>();
    beginnings.forEach(
        (tp, first) -> {
          Long end = ends.get(tp);
          start.put(tp, end == null ? first : Math.max(first, end - maxRecords));
        });
    return start;
  }
}
