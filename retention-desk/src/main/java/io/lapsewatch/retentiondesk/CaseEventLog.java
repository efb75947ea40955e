package io.lapsewatch.retentiondesk;

import io.lapsewatch.featurestore.events.EventCodec;
import io.lapsewatch.featurestore.events.InvalidEventException;
import io.lapsewatch.featurestore.events.InvalidRecordException;
import io.lapsewatch.featurestore.events.PolicyEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Appends case events, and the policy events that report results, through one transactional
 * producer: a result's case event and its policy event commit together or not at all, so a crash
 * between the two writes cannot leave one without the other. The alert opener also commits its
 * consumer offsets in the same transaction (exactly once from alert to case event).
 *
 * <p>The transactional id is fixed per service instance: a restarted instance fences its previous
 * incarnation and aborts a transaction it left open, instead of waiting for it to time out while
 * read-committed readers stall behind it.
 */
public final class CaseEventLog implements AutoCloseable {
  /** A hook between sending and committing a transaction (tests crash the process there). */
  public interface BeforeCommit {
    void run();
  }

  private final Producer<byte[], byte[]> producer;
  private final String caseEventsTopic;
  private final String policyEventsTopic;
  private final BeforeCommit beforeCommit;

  CaseEventLog(
      Producer<byte[], byte[]> producer,
      String caseEventsTopic,
      String policyEventsTopic,
      BeforeCommit beforeCommit) {
    this.producer = producer;
    this.caseEventsTopic = caseEventsTopic;
    this.policyEventsTopic = policyEventsTopic;
    this.beforeCommit = beforeCommit;
  }

  /** A log on the configured brokers, its transactions named after {@code desk.instance-id}. */
  static CaseEventLog open(RetentionDeskConfig config, BeforeCommit beforeCommit) {
    Properties p = new Properties();
    p.putAll(config.kafkaClientProperties());
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "lapsewatch-desk-" + config.instanceId());
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "lapsewatch-desk-" + config.instanceId());
    KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    try {
      producer.initTransactions();
    } catch (RuntimeException e) {
      producer.close();
      throw e;
    }
    return new CaseEventLog(
        producer, config.caseEventsTopic(), config.policyEventsTopic(), beforeCommit);
  }

  /** Appends {@code events} and {@code policyEvents} in one transaction. */
  public synchronized void append(List<CaseEvent> events, List<PolicyEvent> policyEvents) {
    append(events, policyEvents, Map.of(), null);
  }

  /**
   * Appends {@code events} and {@code policyEvents} and commits {@code offsets} for {@code group}
   * in one transaction; a failure aborts it and is rethrown.
   */
  public synchronized void append(
      List<CaseEvent> events,
      List<PolicyEvent> policyEvents,
      Map<TopicPartition, OffsetAndMetadata> offsets,
      ConsumerGroupMetadata group) {
    // Check first, outside the transaction: a record the readers would refuse is never written.
    for (CaseEvent e : events) {
      requireReadable(e);
    }
    for (PolicyEvent e : policyEvents) {
      requireReadable(e);
    }
    producer.beginTransaction();
    try {
      for (CaseEvent e : events) {
        producer.send(
            new ProducerRecord<>(
                caseEventsTopic,
                e.caseId().getBytes(StandardCharsets.UTF_8),
                CaseEventJson.toBytes(e)));
      }
      for (PolicyEvent e : policyEvents) {
        // Keyed by policyholder like every policy event, so the job sees them in order.
        producer.send(
            new ProducerRecord<>(
                policyEventsTopic,
                e.policyholderId.getBytes(StandardCharsets.UTF_8),
                EventCodec.toBytes(e)));
      }
      if (!offsets.isEmpty()) {
        producer.sendOffsetsToTransaction(offsets, group);
      }
      // On the broker before the commit, so a crash here leaves records that readers must skip.
      producer.flush();
      beforeCommit.run();
      producer.commitTransaction();
    } catch (RuntimeException e) {
      try {
        producer.abortTransaction();
      } catch (RuntimeException abortFailed) {
        e.addSuppressed(abortFailed);
      }
      throw e;
    }
  }

  /** Fails with the reader's reason unless {@link CaseEventJson#read} accepts {@code e}. */
  static void requireReadable(CaseEvent e) {
    try {
      CaseEventJson.read(CaseEventJson.toBytes(e));
    } catch (InvalidRecordException ex) {
      throw new IllegalArgumentException(e + " breaks the case-event contract: " + ex.getMessage());
    }
  }

  private static void requireReadable(PolicyEvent e) {
    try {
      EventCodec.parse(EventCodec.toBytes(e));
    } catch (InvalidEventException ex) {
      throw new IllegalArgumentException(e + " breaks the event contract: " + ex.getMessage());
    }
  }

  @Override
  public synchronized void close() {
    producer.close();
  }
}
