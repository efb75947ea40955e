package io.lapsewatch.alerts.service;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Keeps dead letters in memory. */
final class TestingDeadLetterSink implements DeadLetterSink {
  /** One stored dead letter. */
  record Letter(ConsumerRecord<byte[], byte[]> source, Map<String, String> headers) {}

  final List<Letter> letters = new CopyOnWriteArrayList<>();

  @Override
  public void send(ConsumerRecord<byte[], byte[]> source, Map<String, String> headers) {
    letters.add(new Letter(source, Map.copyOf(headers)));
  }
}
