package io.lapsewatch.alerts.service;

import io.lapsewatch.alertcontract.Outcome;
import io.lapsewatch.alertcontract.OutcomeJson;
import io.lapsewatch.alerts.metrics.OutcomeMetrics;
import io.lapsewatch.featurestore.events.InvalidRecordException;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code retention-outcomes} into {@link OutcomeMetrics}. The metrics are rebuilt from the
 * topic at every start: the consumer joins a group of its own, commits nothing, and reads each
 * partition from its beginning (or a bounded number of records before its end, see {@link
 * OutcomeReplayStart}). The rolling window runs on the outcomes' event time (the newest resolution
 * seen), never the wall clock or the records' Kafka timestamps, so a replayed or simulated history
 * reads as live data does. Outcomes are keyed by alert id, so reading one twice changes nothing.
 * Records that are not valid outcomes go to the service's dead-letter topic with their reason;
 * since the window is re-read at every start, a restart dead-letters them again (the {@code
 * lw.dlq.source} header identifies repeats).
 */
final class OutcomeConsumer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OutcomeConsumer.class);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String topic;
  private final OutcomeMetrics metrics;
  private final DeadLetterSink deadLetters;
  private final Thread thread;
  private final AtomicLong read = new AtomicLong();
  private volatile boolean running = true;

  OutcomeConsumer(
      AlertsServiceConfig.KafkaSettings kafka,
      String topic,
      OutcomeMetrics metrics,
      DeadLetterSink deadLetters) {
    this.topic = topic;
    this.metrics = metrics;
    this.deadLetters = deadLetters;
    Properties p = new Properties();
    p.putAll(kafka.clientProperties());
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    // A group of its own per process: every instance needs every outcome for its metrics.
    p.put(ConsumerConfig.GROUP_ID_CONFIG, kafka.groupId() + "-outcomes-" + UUID.randomUUID());
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, kafka.groupId() + "-outcomes");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    // Waiting for the scoring job to create the topic must not create it with broker defaults.
    p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    this.consumer = new KafkaConsumer<>(p);
    this.thread = new Thread(this::run, "lapsewatch-outcomes-consumer");
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Outcome records read so far (valid or not). */
  long recordsRead() {
    return read.get();
  }

  private void run() {
    try {
      consumer.subscribe(
          List.of(topic),
          new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
              seekToReplayStart(partitions);
            }
          });
      while (running) {
        try {
          for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
            read.incrementAndGet();
            handle(r);
          }
        } catch (WakeupException e) {
          // close() woke us; the loop condition decides.
        }
      }
    } catch (RuntimeException e) {
      // Outcomes feed dashboards, not deliveries: the alerts keep flowing, the log says why.
      LOG.error(
          "Outcome consumer stopped; recovery-rate metrics are no longer updated: {}",
          e.toString(),
          e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void seekToReplayStart(Collection<TopicPartition> partitions) {
    Map<TopicPartition, Long> start =
        OutcomeReplayStart.offsets(
            consumer.beginningOffsets(partitions),
            consumer.endOffsets(partitions),
            OutcomeReplayStart.MAX_RECORDS_PER_PARTITION);
    start.forEach(consumer::seek);
  }

  /**
   * Records each valid outcome; dead-letters anything else with its reason. A null value is a
   * tombstone (erasure of a compacted key), not a malformed outcome: skipped, never dead-lettered.
   */
  private void handle(ConsumerRecord<byte[], byte[]> r) {
    if (r.value() == null) {
      return;
    }
    Outcome o;
    try {
      o = OutcomeJson.read(r.value());
    } catch (InvalidRecordException e) {
      reject(r, e.reasonCode(), e.getMessage());
      return;
    } catch (RuntimeException e) {
      reject(r, "invalid_outcome", "outcome parser error: " + e);
      return;
    }
    metrics.record(o);
  }

  private void reject(ConsumerRecord<byte[], byte[]> r, String reason, String detail) {
    metrics.rejected(reason);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(DeadLetterSink.REASON_HEADER, reason);
    headers.put(DeadLetterSink.DETAIL_HEADER, detail);
    headers.put(DeadLetterSink.SOURCE_HEADER, r.topic() + "/" + r.partition() + "/" + r.offset());
    try {
      deadLetters.send(r, headers);
    } catch (RuntimeException e) {
      // Nothing is lost: the record stays on the outcome topic and is read (and dead-lettered)
      // again at the next start, which re-reads the window. Metrics must not stop for it.
      LOG.error(
          "Outcome record {}/{}/{} ({}) could not be dead-lettered: {}",
          r.topic(),
          r.partition(),
          r.offset(),
          reason,
          e.toString());
      return;
    }
    // The detail may quote the payload (personal data): it goes to the DLQ header, not the log.
    LOG.warn(
        "Outcome record {}/{}/{} is not a valid outcome ({}); sent to the dead-letter topic",
        r.topic(),
        r.partition(),
        r.offset(),
        reason);
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
