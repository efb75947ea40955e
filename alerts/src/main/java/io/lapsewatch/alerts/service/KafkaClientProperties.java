package io.lapsewatch.alerts.service;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The alerts consumer's and the dead-letter producer's Kafka properties. */
final class KafkaClientProperties {
  private KafkaClientProperties() {}

  /**
   * @param giveUpAfter how long a batch may wait out a receiver outage ({@code
   *     delivery.give-up-after-ms}); the poll interval is raised by this much
   */
  static Properties consumer(AlertsServiceConfig.KafkaSettings k, Duration giveUpAfter) {
    Properties p = new Properties();
    p.putAll(k.clientProperties());
    // Set after the pass-through properties: these are what the delivery guarantee rests on.
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, k.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, k.groupId());
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, k.groupId() + "-consumer");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(k.maxPollRecords()));
    // A batch may wait out a receiver outage for up to delivery.give-up-after-ms; the group must
    // not evict the consumer meanwhile (Kafka's default of 5 minutes on top of that).
    p.put(
        ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG,
        Long.toString(Duration.ofMinutes(5).plus(giveUpAfter).toMillis()));
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return p;
  }

  static Properties producer(AlertsServiceConfig.KafkaSettings k) {
    Properties p = new Properties();
    p.putAll(k.clientProperties());
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, k.bootstrapServers());
    p.put(ProducerConfig.CLIENT_ID_CONFIG, k.groupId() + "-dlq");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return p;
  }
}
