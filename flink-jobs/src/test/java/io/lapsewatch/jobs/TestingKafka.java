package io.lapsewatch.jobs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Produces to and reads back from a real Kafka broker in tests. */
final class TestingKafka {
  private TestingKafka() {}

  static void produce(String bootstrap, String topic, List<byte[][]> keyValues) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
      for (byte[][] kv : keyValues) {
        producer.send(new ProducerRecord<>(topic, kv[0], kv[1]));
      }
      producer.flush();
    }
  }

  /**
   * Everything on the topic right now: partitions assigned explicitly (no group rebalance to wait
   * for) and read from the beginning up to their end offsets.
   */
  static List<ConsumerRecord<byte[], byte[]>> readAll(
      String bootstrap, String topic, Duration unused) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      List<org.apache.kafka.common.TopicPartition> partitions = new ArrayList<>();
      while (partitions.isEmpty() && System.nanoTime() < deadline) {
        for (var info : c.partitionsFor(topic, Duration.ofSeconds(30))) {
          partitions.add(new org.apache.kafka.common.TopicPartition(topic, info.partition()));
        }
      }
      c.assign(partitions);
      var begin = c.beginningOffsets(partitions, Duration.ofSeconds(30));
      var end = c.endOffsets(partitions, Duration.ofSeconds(30));
      Map<org.apache.kafka.common.TopicPartition, Long> next = new HashMap<>(begin);
      for (var tp : partitions) {
        c.seek(tp, begin.get(tp));
      }
      // Count what came back per partition rather than trusting position(): done when every
      // partition has delivered everything up to its end offset.
      while (System.nanoTime() < deadline) {
        boolean done = true;
        for (var tp : partitions) {
          done &= next.get(tp) >= end.get(tp);
        }
        if (done) {
          break;
        }
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
          out.add(r);
          var tp = new org.apache.kafka.common.TopicPartition(r.topic(), r.partition());
          next.put(tp, Math.max(next.get(tp), r.offset() + 1));
        }
      }
      for (var tp : partitions) {
        if (next.get(tp) < end.get(tp)) {
          throw new AssertionError(
              "read "
                  + topic
                  + " partition "
                  + tp.partition()
                  + " only up to "
                  + next.get(tp)
                  + " of "
                  + end.get(tp));
        }
      }
    }
    return out;
  }
}
