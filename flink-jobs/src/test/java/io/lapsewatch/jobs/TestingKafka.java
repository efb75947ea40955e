package io.lapsewatch.jobs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
      List<org.apache.kafka.common.TopicPartition> partitions = new ArrayList<>();
      for (var info : c.partitionsFor(topic, Duration.ofSeconds(30))) {
        partitions.add(new org.apache.kafka.common.TopicPartition(topic, info.partition()));
      }
      c.assign(partitions);
      c.seekToBeginning(partitions);
      var end = c.endOffsets(partitions, Duration.ofSeconds(30));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (System.nanoTime() < deadline) {
        boolean done = true;
        for (var tp : partitions) {
          done &= c.position(tp) >= end.get(tp);
        }
        if (done) {
          break;
        }
        c.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }
}
