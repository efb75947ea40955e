package io.lapsewatch.flinkjobs;

import io.lapsewatch.embedded.EmbeddedKafka;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Produces to and reads back from a real Kafka broker in tests. */
final class TestingKafka {
  private TestingKafka() {}

  static void produce(String bootstrap, String topic, List<byte[][]> keyValues) throws Exception {
    EmbeddedKafka.produce(bootstrap, topic, keyValues);
  }

  /** Everything on the topic right now (see {@link EmbeddedKafka#readAll}). */
  static List<ConsumerRecord<byte[], byte[]>> readAll(
      String bootstrap, String topic, Duration unused) {
    return EmbeddedKafka.readAll(bootstrap, topic);
  }
}
