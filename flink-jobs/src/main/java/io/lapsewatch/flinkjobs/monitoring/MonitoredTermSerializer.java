package io.lapsewatch.flinkjobs.monitoring;

import io.lapsewatch.modeltraining.monitoring.MonitoredTerm;
import io.lapsewatch.modeltraining.monitoring.MonitoredTermJson;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes monitored terms as MonitoredTerm JSON keyed by term (policy and renewal date), so the
 * scored record and the ended one of a term share a partition and a compacted topic keeps the
 * latest; without the policyholder's id.
 */
public class MonitoredTermSerializer implements KafkaRecordSerializationSchema<MonitoredTerm> {
  private static final long serialVersionUID = 1L;

  private final String topic;

  public MonitoredTermSerializer(String topic) {
    this.topic = topic;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      MonitoredTerm t, KafkaSinkContext context, Long timestamp) {
    return new ProducerRecord<>(
        topic,
        null,
        timestamp,
        MonitoredTerms.key(t).getBytes(StandardCharsets.UTF_8),
        MonitoredTermJson.write(withoutHolder(t)).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The term without its policyholder's id: monitoring needs none, and a record that names no one
   * leaves nothing for an erasure to find on a topic kept for the whole monitoring period.
   */
  static MonitoredTerm withoutHolder(MonitoredTerm t) {
    MonitoredTerm copy = t.ended(t.outcome, t.endDay);
    copy.policyholderId = null;
    return copy;
  }
}
