package io.lapsewatch.alerts.service;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;

/** Writes dead letters to a Kafka topic and waits for the broker's acknowledgement. */
final class KafkaDeadLetterSink implements DeadLetterSink {
  private final Producer<byte[], byte[]> producer;
  private final String topic;

  KafkaDeadLetterSink(Producer<byte[], byte[]> producer, String topic) {
    this.producer = producer;
    this.topic = topic;
  }

  @Override
  public void send(ConsumerRecord<byte[], byte[]> source, Map<String, String> headers) {
    // Same key as the source so a replay tool can put the record back on the same partition.
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(topic, null, source.key(), source.value());
    headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
    try {
      // Synchronous: the source offset is committed right after, so the dead letter must exist.
      // Dead letters are rare, so the round trip per record costs nothing in practice.
      producer.send(record).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptException(e);
    } catch (ExecutionException e) {
      throw new KafkaException(
          "could not write a dead letter to topic '" + topic + "'; not committing", e.getCause());
    }
  }
}
