package io.lapsewatch.flinkjobs.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lapsewatch.flinkjobs.functions.ShadowScore;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes champion/challenger score pairs as JSON keyed by policyholder. */
public class ShadowScoreSerializer implements KafkaRecordSerializationSchema<ShadowScore> {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final String topic;

  public ShadowScoreSerializer(String topic) {
    this.topic = topic;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      ShadowScore s, KafkaSinkContext context, Long timestamp) {
    try {
      return new ProducerRecord<>(
          topic,
          null,
          timestamp,
          s.policyholderId.getBytes(StandardCharsets.UTF_8),
          MAPPER.writeValueAsBytes(s));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a shadow score", e);
    }
  }
}
