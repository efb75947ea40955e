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
   * Everything on the topic, read from the beginning until {@code quiet} passes with nothing new.
   */
  static List<ConsumerRecord<byte[], byte[]>> readAll(
      String bootstrap, String topic, Duration quiet) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + System.nanoTime());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
      c.subscribe(List.of(topic));
      long quietUntil = System.nanoTime() + quiet.toNanos();
      long hardStop = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (System.nanoTime() < quietUntil && System.nanoTime() < hardStop) {
        var batch = c.poll(Duration.ofMillis(200));
        if (!batch.isEmpty()) {
          batch.forEach(out::add);
          quietUntil = System.nanoTime() + quiet.toNanos();
        }
      }
    }
    return out;
  }
}
