package io.lapsewatch.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads every record of a topic, each partition from its start to its end offset at the time of
 * reading (no consumer group, nothing committed): the offline commands' view of a topic.
 */
final class WholeTopic {
  private WholeTopic() {}

  /**
   * Hands each record to {@code each}, partition by partition in offset order.
   *
   * @param option the command-line option that named the topic, for the error when it is missing
   */
  static void forEach(
      String bootstrap,
      String topic,
      String option,
      Consumer<ConsumerRecord<byte[], byte[]>> each) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
      List<TopicPartition> partitions = new ArrayList<>();
      c.partitionsFor(topic, Duration.ofSeconds(30))
          .forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
      if (partitions.isEmpty()) {
        throw new IllegalArgumentException(option + ": no topic '" + topic + "' at " + bootstrap);
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
          if (r.offset() < end.get(tp)) {
            each.accept(r);
          }
        }
      }
    }
  }
}
