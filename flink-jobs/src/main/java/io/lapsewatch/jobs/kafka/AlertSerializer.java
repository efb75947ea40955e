package io.lapsewatch.jobs.kafka;

import io.lapsewatch.alerts.contract.Alert;
import io.lapsewatch.alerts.contract.AlertJson;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes alerts as contract-v1 JSON keyed by policyholder, so one holder's alerts stay in order.
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
        AlertJson.toBytes(a));
  }
}
