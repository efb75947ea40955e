package io.lapsewatch.retentiondesk;

import io.lapsewatch.featurestore.events.InvalidRecordException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@link CaseStore} equal to the fold of the case-event topic: reads every partition
 * (read-committed, no consumer group: the progress lives in the store, next to the cases it
 * describes) and applies each event with {@link CaseFile}. When the store holds no progress (Redis
 * empty or flushed) it starts again from the beginning of the topic, which rebuilds every case.
 *
 * <p>An event that cannot apply (unreadable, or an impossible transition, e.g. a result written by
 * a second instance racing a closing one) is logged with its reason and skipped: the topic stays
 * the audit trail of what was asked, the store shows what took effect.
 */
final class CaseProjection implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(CaseProjection.class);

  private final Consumer<byte[], byte[]> consumer;
  private final CaseStore store;
  private final String topic;
  private final AtomicLong skipped = new AtomicLong();
  private volatile boolean running = true;
  private List<TopicPartition> partitions = List.of();

  CaseProjection(Consumer<byte[], byte[]> consumer, CaseStore store, String topic) {
    this.consumer = consumer;
    this.store = store;
    this.topic = topic;
  }

  @Override
  public void run() {
    try {
      assign();
      while (running) {
        if (store.progress().isEmpty() && appliedAnything()) {
          LOG.warn("case projection: the store is empty; rebuilding from the start of {}", topic);
          seekToStored();
        }
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
        for (ConsumerRecord<byte[], byte[]> r : records) {
          apply(r);
        }
      }
    } catch (WakeupException e) {
      if (running) {
        throw e;
      }
    } finally {
      consumer.close();
    }
  }

  private boolean appliedAnything() {
    for (TopicPartition tp : partitions) {
      if (consumer.position(tp) > 0) {
        return true;
      }
    }
    return false;
  }

  private void assign() {
    List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
    if (infos == null || infos.isEmpty()) {
      throw new IllegalStateException(
          "topic " + topic + " has no partitions; create it (keyed by case id) first");
    }
    List<TopicPartition> tps = new ArrayList<>();
    for (PartitionInfo p : infos) {
      tps.add(new TopicPartition(topic, p.partition()));
    }
    partitions = tps;
    consumer.assign(tps);
    seekToStored();
  }

  private void seekToStored() {
    Map<Integer, Long> progress = store.progress();
    for (TopicPartition tp : partitions) {
      Long next = progress.get(tp.partition());
      if (next == null) {
        consumer.seekToBeginning(List.of(tp));
      } else {
        consumer.seek(tp, next);
      }
    }
  }

  void apply(ConsumerRecord<byte[], byte[]> r) {
    CaseEvent event;
    try {
      event = CaseEventJson.read(r.value() == null ? new byte[0] : r.value());
    } catch (InvalidRecordException e) {
      skip(r, e.reasonCode(), e.getMessage());
      return;
    }
    Optional<RetentionCase> current = store.get(event.caseId());
    try {
      RetentionCase next = CaseFile.apply(current.orElse(null), event);
      if (current.isPresent() && next == current.get()) {
        // Already in the case (a replay or a retried request): only the progress moves.
        store.skip(r.partition(), r.offset());
        return;
      }
      store.write(next, r.partition(), r.offset());
    } catch (CaseTransitionException e) {
      skip(r, e.reasonCode(), e.getMessage());
    }
  }

  private void skip(ConsumerRecord<byte[], byte[]> r, String reason, String message) {
    skipped.incrementAndGet();
    LOG.warn(
        "case projection: skipped {}-{}@{} ({}): {}",
        r.topic(),
        r.partition(),
        r.offset(),
        reason,
        message);
    store.skip(r.partition(), r.offset());
  }

  /** Events that could not apply since start. */
  long skipped() {
    return skipped.get();
  }

  void stop() {
    running = false;
    consumer.wakeup();
  }
}
