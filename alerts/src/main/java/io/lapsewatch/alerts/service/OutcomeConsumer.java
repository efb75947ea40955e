package io.lapsewatch.alerts.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.lapsewatch.alerts.contract.Outcome;
import io.lapsewatch.alerts.contract.OutcomeJson;
import io.lapsewatch.alerts.metrics.OutcomeMetrics;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code retention-outcomes} into {@link OutcomeMetrics}. The metrics are rebuilt from the
 * topic at every start: the consumer joins a group of its own, commits nothing, and seeks each
 * partition to the records written during the last window (plus a day), so a restart restores the
 * rolling recovery rate without any state of its own. Outcomes are keyed by alert id, so reading
 * one twice changes nothing.
 */
final class OutcomeConsumer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OutcomeConsumer.class);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String topic;
  private final OutcomeMetrics metrics;
  private final Duration lookBack;
  private final Clock clock;
  private final Thread thread;
  private final AtomicLong read = new AtomicLong();
  private volatile boolean running = true;

  OutcomeConsumer(
      AlertsServiceConfig.KafkaSettings kafka,
      String topic,
      OutcomeMetrics metrics,
      Duration window,
      Clock clock) {
    this.topic = topic;
    this.metrics = metrics;
    this.lookBack = window.plusDays(1);
    this.clock = clock;
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
              seekToWindow(partitions);
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

  private void seekToWindow(Collection<TopicPartition> partitions) {
    long since = clock.millis() - lookBack.toMillis();
    Map<TopicPartition, Long> query = new HashMap<>();
    partitions.forEach(tp -> query.put(tp, since));
    Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(query);
    for (TopicPartition tp : partitions) {
      OffsetAndTimestamp o = offsets.get(tp);
      if (o == null) {
        consumer.seekToEnd(List.of(tp));
      } else {
        consumer.seek(tp, o.offset());
      }
    }
  }

  private void handle(ConsumerRecord<byte[], byte[]> r) {
    if (r.value() == null || r.value().length == 0) {
      metrics.rejected("invalid_outcome");
      return;
    }
    try {
      Outcome o = OutcomeJson.parse(r.value());
      metrics.record(o);
    } catch (JsonProcessingException e) {
      metrics.rejected("malformed_json");
      LOG.warn(
          "Outcome record {}/{}/{} is not JSON; skipped", r.topic(), r.partition(), r.offset());
    } catch (IOException | RuntimeException e) {
      metrics.rejected("invalid_outcome");
      LOG.warn(
          "Outcome record {}/{}/{} is not a valid outcome ({}); skipped",
          r.topic(),
          r.partition(),
          r.offset(),
          e.getMessage());
    }
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
