package io.lapsewatch.jobs.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes a dead letter with its original key and value; reason and source go in headers. */
public class DeadLetterSerializer implements KafkaRecordSerializationSchema<DeadLetter> {
  private static final long serialVersionUID = 1L;

  public static final String REASON = "lw.dlq.reason";
  public static final String REASON_CODE = "lw.dlq.reason-code";
  public static final String SOURCE_TOPIC = "lw.source.topic";
  public static final String SOURCE_PARTITION = "lw.source.partition";
  public static final String SOURCE_OFFSET = "lw.source.offset";

  private final String topic;

  public DeadLetterSerializer(String topic) {
    this.topic = topic;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      DeadLetter d, KafkaSinkContext context, Long timestamp) {
    ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic, null, timestamp, d.key, d.value);
    r.headers().add(REASON, utf8(d.reason));
    r.headers().add(REASON_CODE, utf8(d.reasonCode));
    r.headers().add(SOURCE_TOPIC, utf8(d.sourceTopic));
    r.headers().add(SOURCE_PARTITION, utf8(Integer.toString(d.sourcePartition)));
    r.headers().add(SOURCE_OFFSET, utf8(Long.toString(d.sourceOffset)));
    return r;
  }

  private static byte[] utf8(String s) {
    return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
  }
}
