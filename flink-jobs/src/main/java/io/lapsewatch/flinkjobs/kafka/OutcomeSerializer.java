package io.lapsewatch.flinkjobs.kafka;

import io.lapsewatch.alertcontract.Outcome;
import io.lapsewatch.alertcontract.OutcomeJson;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes outcomes as contract-v1 JSON keyed by alert id (idempotent per alert). */
public class OutcomeSerializer implements KafkaRecordSerializationSchema<Outcome> {
  private static final long serialVersionUID = 1L;

  private final String topic;

  public OutcomeSerializer(String topic) {
    this.topic = topic;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      Outcome o, KafkaSinkContext context, Long timestamp) {
    return new ProducerRecord<>(
        topic, null, timestamp, o.alertId.getBytes(StandardCharsets.UTF_8), OutcomeJson.toBytes(o));
  }
}
