package io.lapsewatch.cli;

import io.lapsewatch.featurestore.events.InvalidRecordException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
 * Reads contract records (alerts, outcomes) from an NDJSON file or a whole Kafka topic. A file line
 * that breaks the contract fails with its line number (training input must be clean); a topic
 * record that does is counted, as {@link TopicHistory} does for events.
 */
final class RecordSource {
  /** Parses one record's bytes. */
  interface Parser<T> {
    T read(byte[] bytes) throws InvalidRecordException;
  }

  /** What was read: the records and how many broke the contract (topics only). */
  record Read<T>(List<T> records, long invalid) {}

  private RecordSource() {}

  static <T> Read<T> file(Path file, String option, Parser<T> parser) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(option + ": no such file '" + file + "'");
    }
    List<T> out = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      long n = 0;
      while ((line = in.readLine()) != null) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        try {
          out.add(parser.read(line.getBytes(StandardCharsets.UTF_8)));
        } catch (InvalidRecordException e) {
          throw new IllegalArgumentException(
              option + " " + file + " line " + n + ": " + e.getMessage(), e);
        }
      }
    }
    return new Read<>(out, 0);
  }

  /** Every record of {@code topic} from its start to its end offsets at the time of reading. */
  static <T> Read<T> topic(String bootstrap, String topic, Parser<T> parser) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    List<T> out = new ArrayList<>();
    long invalid = 0;
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
      List<TopicPartition> partitions = new ArrayList<>();
      c.partitionsFor(topic, Duration.ofSeconds(30))
          .forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
      if (partitions.isEmpty()) {
        throw new IllegalArgumentException("no topic '" + topic + "' at " + bootstrap);
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
          if (r.offset() >= end.get(tp) || r.value() == null) {
            continue;
          }
          try {
            out.add(parser.read(r.value()));
          } catch (InvalidRecordException e) {
            invalid++;
          }
        }
      }
    }
    return new Read<>(out, invalid);
  }
}
