package io.lapsewatch.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Every committed record on a topic that transactional writers share (the retention desk appends
 * its case events and policy events in transactions): read as the scoring job reads them, {@code
 * read_committed}, up to the end offsets, which also count the transactions' commit markers.
 */
final class CommittedRecords {
  private static final Duration READ_WAIT = Duration.ofSeconds(60);

  private CommittedRecords() {}

  /** The committed values on {@code topic} right now, in offset order per partition. */
  static List<byte[]> of(String bootstrap, String topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<byte[]> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
      List<TopicPartition> partitions = new ArrayList<>();
      c.partitionsFor(topic, READ_WAIT)
          .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
      c.assign(partitions);
      c.seekToBeginning(partitions);
      // With read_committed the end offsets are the last stable offsets: nothing open is waited
      // for.
      Map<TopicPartition, Long> end = c.endOffsets(partitions, READ_WAIT);
      long waitUntil = System.nanoTime() + READ_WAIT.toNanos();
      // position() passes the commit markers, which no poll returns as records.
      while (partitions.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
        if (System.nanoTime() > waitUntil) {
          throw new AssertionError("could not read " + topic + " to its end in " + READ_WAIT);
        }
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
          out.add(r.value());
        }
      }
    }
    return out;
  }
}
