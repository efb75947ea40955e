package io.lapsewatch.cli;

import io.lapsewatch.featurestore.events.EventCodec;
import io.lapsewatch.featurestore.events.InvalidEventException;
import io.lapsewatch.featurestore.events.PolicyEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

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
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    List<PolicyEvent> events = new ArrayList<>();
    long records = 0;
    long invalid = 0;
    long outOfRange = 0;
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
      List<TopicPartition> partitions = new ArrayList<>();
      c.partitionsFor(topic, Duration.ofSeconds(30))
          .forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
      if (partitions.isEmpty()) {
        throw new IllegalArgumentException("--topic: no topic '" + topic + "' at " + bootstrap);
      }
      c.assign(partitions);
      Map<TopicPartition, Long> begin = c.beginningOffsets(partitions);
      Map<TopicPartition, Long> end = c.endOffsets(partitions);
      Map<TopicPartition, Long> next = new HashMap<>(begin);
      begin.forEach(c::seek);
      while (partitions.stream().anyMatch(tp -> next.get(tp) < end.get(tp))) {
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
          TopicPartition tp = new TopicPartition(r.topic(), r.partition());
          next.put(tp, r.offset() + 1);
          if (r.offset() >= end.get(tp)) {
            continue;
          }
          records++;
          try {
            PolicyEvent e = EventCodec.parse(r.value());
            if (e.occurredAt < fromMillis || e.occurredAt >= toMillis) {
              outOfRange++;
            } else {
              events.add(e);
            }
          } catch (InvalidEventException e) {
            invalid++;
          }
        }
      }
    }
    // Kafka orders within a partition only; the builder needs one event-time order.
    events.sort(
        Comparator.comparingLong((PolicyEvent e) -> e.occurredAt).thenComparing(e -> e.eventId));
    return new Read(events, records, invalid, outOfRange);
  }
}
