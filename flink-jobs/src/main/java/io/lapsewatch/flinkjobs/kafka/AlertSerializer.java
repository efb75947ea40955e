package io.lapsewatch.flinkjobs.kafka;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.AlertJson;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes alerts as contract-v1 JSON keyed by policyholder, so one holder's alerts stay in order. An
 * erasure marker becomes a tombstone (the key, no value): compaction then drops the policyholder's
 * alerts, and the alerts service forgets them.
 */
public class AlertSerializer implements KafkaRecordSerializationSchema<Alert> {
  private static final long serialVersionUID = 1L;

  private final String topic;

  public AlertSerializer(String topic) {
    this.topic = topic;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      Alert a, KafkaSinkContext context, Long timestamp) {
    return new ProducerRecord<>(
        topic,
        null,
        timestamp,
        a.policyholderId.getBytes(StandardCharsets.UTF_8),
        a.erasure ? null : AlertJson.toBytes(a));
  }
}
