package io.lapsewatch.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates topics and counts their records on any Kafka cluster. */
final class Topics {
  private Topics() {}

  static void ensure(String bootstrap, int partitions, List<String> topics) throws Exception {
    try (Admin admin = admin(bootstrap)) {
      for (String t : topics) {
        try {
          admin.createTopics(List.of(new NewTopic(t, partitions, (short) 1))).all().get();
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e;
          }
        }
      }
    }
  }

  /** Records currently on a topic (sum of end minus start offsets). */
  static long count(String bootstrap, String topic) throws Exception {
    try (Admin admin = admin(bootstrap)) {
      TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
      d.partitions()
          .forEach(
              p -> {
                latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest());
                earliest.put(new TopicPartition(topic, p.partition()), OffsetSpec.earliest());
              });
      long end =
          admin.listOffsets(latest).all().get().values().stream().mapToLong(i -> i.offset()).sum();
      long start =
          admin.listOffsets(earliest).all().get().values().stream()
              .mapToLong(i -> i.offset())
              .sum();
      return end - start;
    }
  }

  private static Admin admin(String bootstrap) {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    return Admin.create(p);
  }

  /**
   * Every record value on a topic right now: partitions assigned directly (no consumer group to
   * wait for) and read from their start to their end offsets.
   */
  static java.util.List<byte[]> readAll(String bootstrap, String topic) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put(
        "key.deserializer",
        org.apache.kafka.common.serialization.ByteArrayDeserializer.class.getName());
    p.put(
        "value.deserializer",
        org.apache.kafka.common.serialization.ByteArrayDeserializer.class.getName());
    p.put("enable.auto.commit", "false");
    java.util.List<byte[]> out = new java.util.ArrayList<>();
    try (org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]> c =
        new org.apache.kafka.clients.consumer.KafkaConsumer<>(p)) {
      java.util.List<TopicPartition> partitions = new java.util.ArrayList<>();
      c.partitionsFor(topic, java.time.Duration.ofSeconds(30))
          .forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
      c.assign(partitions);
      Map<TopicPartition, Long> begin = c.beginningOffsets(partitions);
      Map<TopicPartition, Long> end = c.endOffsets(partitions);
      Map<TopicPartition, Long> next = new HashMap<>(begin);
      begin.forEach(c::seek);
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (partitions.stream().anyMatch(tp -> next.get(tp) < end.get(tp))
          && System.nanoTime() < deadline) {
        for (var r : c.poll(java.time.Duration.ofMillis(200))) {
          TopicPartition tp = new TopicPartition(r.topic(), r.partition());
          next.put(tp, r.offset() + 1);
          if (r.offset() < end.get(tp)) {
            out.add(r.value());
          }
        }
      }
    }
    return out;
  }
}
