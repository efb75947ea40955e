package io.lapsewatch.cli;

import io.lapsewatch.featurestore.events.EventCodec;
import io.lapsewatch.featurestore.events.InvalidEventException;
import io.lapsewatch.featurestore.events.PolicyEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An event history read from a Kafka topic: every partition from its start to its end offset at the
 * time of reading, events within an event-time range, in event-time order (what the training-set
 * builder needs). Records that break the contract are counted, not used.
 */
final class TopicHistory {
  /** What was read. */
  record Read(List<PolicyEvent> events, long records, long invalid, long outOfRange) {}

  private TopicHistory() {}

  static Read read(String bootstrap, String topic, long fromMillis, long toMillis) {
    List<PolicyEvent> events = new ArrayList<>();
    long[] counts = new long[3]; // records, invalid, out of range
    WholeTopic.forEach(
        bootstrap,
        topic,
        "--topic",
        r -> {
          counts[0]++;
          try {
            PolicyEvent e = EventCodec.parse(r.value());
            if (e.occurredAt < fromMillis || e.occurredAt >= toMillis) {
              counts[2]++;
            } else {
              events.add(e);
            }
          } catch (InvalidEventException e) {
            counts[1]++;
          }
        });
    // Kafka orders within a partition only; the builder needs one event-time order.
    events.sort(
        Comparator.comparingLong((PolicyEvent e) -> e.occurredAt).thenComparing(e -> e.eventId));
    return new Read(events, counts[0], counts[1], counts[2]);
  }
}
