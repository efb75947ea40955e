package io.lapsewatch.alerts.service;

import io.lapsewatch.featurestore.events.DeadLetterFit;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;

/**
 * Writes dead letters to a Kafka topic and waits for the broker's acknowledgement. Every dead
 * letter is fitted to the producer's request limit first ({@link DeadLetterFit}: an oversize
 * original is cut, its size and SHA-256 in headers), because a write the broker refuses would stop
 * the consumer without committing, and the same record would stop it again after every restart.
 */
final class KafkaDeadLetterSink implements DeadLetterSink {
  private final Producer<byte[], byte[]> producer;
  private final String topic;
  private final DeadLetterFit fit;

  /** With Kafka's default request limit ({@link DeadLetterFit#DEFAULT_LIMIT}). */
  KafkaDeadLetterSink(Producer<byte[], byte[]> producer, String topic) {
    this(producer, topic, DeadLetterFit.DEFAULT_LIMIT);
  }

  /**
   * @param maxRecordBytes the most bytes a dead letter may take; {@link DeadLetterFit#limitFor}
   *     derives it from the producer's {@code max.request.size}
   */
  KafkaDeadLetterSink(Producer<byte[], byte[]> producer, String topic, int maxRecordBytes) {
    this.producer = producer;
    this.topic = topic;
    this.fit = new DeadLetterFit(maxRecordBytes);
  }

  @Override
  public void send(ConsumerRecord<byte[], byte[]> source, Map<String, String> headers) {
    DeadLetterFit.Fitted f = fit.fit(source.key(), source.value(), headers);
    // Same key as the source so a replay tool can put the record back on the same partition.
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null, f.key(), f.value());
    for (DeadLetterFit.Header h : f.headers()) {
      record.headers().add(h.name(), h.value());
    }
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
