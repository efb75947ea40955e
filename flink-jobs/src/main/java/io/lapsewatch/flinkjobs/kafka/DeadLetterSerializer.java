package io.lapsewatch.flinkjobs.kafka;

import io.lapsewatch.featurestore.events.DeadLetterFit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes a dead letter with its original key and value; reason and source go in headers. A record
 * that would not fit the producer's request limit is cut by {@link DeadLetterFit} (original size
 * and SHA-256 in headers), so one huge record on {@code policy-events} cannot fail the sink and
 * restart the job forever.
 */
public class DeadLetterSerializer implements KafkaRecordSerializationSchema<DeadLetter> {
  private static final long serialVersionUID = 1L;

  public static final String REASON = "lw.dlq.reason";
  public static final String REASON_CODE = "lw.dlq.reason-code";
  public static final String SOURCE_TOPIC = "lw.source.topic";
  public static final String SOURCE_PARTITION = "lw.source.partition";
  public static final String SOURCE_OFFSET = "lw.source.offset";

  private final String topic;
  private final int maxRecordBytes;

  /** With {@link DeadLetterFit#DEFAULT_LIMIT} (Kafka's default {@code max.request.size}). */
  public DeadLetterSerializer(String topic) {
    this(topic, DeadLetterFit.DEFAULT_LIMIT);
  }

  /**
   * @param maxRecordBytes the most bytes a dead letter may take; {@link DeadLetterFit#limitFor}
   *     derives it from the producer's settings
   */
  public DeadLetterSerializer(String topic, int maxRecordBytes) {
    new DeadLetterFit(maxRecordBytes); // fails now, naming the value, rather than on a dead letter
    this.topic = topic;
    this.maxRecordBytes = maxRecordBytes;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      DeadLetter d, KafkaSinkContext context, Long timestamp) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(REASON, d.reason);
    headers.put(REASON_CODE, d.reasonCode);
    headers.put(SOURCE_TOPIC, d.sourceTopic);
    headers.put(SOURCE_PARTITION, Integer.toString(d.sourcePartition));
    headers.put(SOURCE_OFFSET, Long.toString(d.sourceOffset));
    // Dead letters are rare; a fitter per record keeps this schema trivially serializable.
    DeadLetterFit.Fitted f = new DeadLetterFit(maxRecordBytes).fit(d.key, d.value, headers);
    ProducerRecord<byte[], byte[]> r =
        new ProducerRecord<>(topic, null, timestamp, f.key(), f.value());
    for (DeadLetterFit.Header h : f.headers()) {
      r.headers().add(h.name(), h.value());
    }
    return r;
  }
}
