package io.lapsewatch.retentiondesk;

import io.lapsewatch.featurestore.events.InvalidRecordException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * empty or flushed, noticed at the next write or within a poll interval) it starts again from the
 * beginning of the topic, which rebuilds every case.
 *
 * <p>Progress is the consumer's position, not the last record's offset plus one: transaction
 * markers and aborted records take offsets too, and a reader waiting for "the end of the topic"
 * compares against positions.
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
  private final Set<Integer> established = new HashSet<>();
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
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
        boolean lost = false;
        for (ConsumerRecord<byte[], byte[]> r : records) {
          if (apply(r) == CaseStore.LOST) {
            lost = true;
            break;
          }
        }
        if (!lost) {
          for (TopicPartition tp : partitions) {
            long next = consumer.position(tp);
            if (store.advance(tp.partition(), next, established.contains(tp.partition()))
                == CaseStore.LOST) {
              lost = true;
              break;
            }
            established.add(tp.partition());
          }
        }
        if (lost) {
          LOG.warn(
              "case projection: the store was emptied; rebuilding from the start of {}", topic);
          established.clear();
          consumer.seekToBeginning(partitions);
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
    Map<Integer, Long> progress = store.progress();
    for (TopicPartition tp : partitions) {
      Long next = progress.get(tp.partition());
      if (next == null) {
        consumer.seekToBeginning(List.of(tp));
      } else {
        consumer.seek(tp, next);
        established.add(tp.partition());
      }
    }
  }

  /** Applies one record; returns {@link CaseStore#LOST} when the store was emptied meanwhile. */
  private long apply(ConsumerRecord<byte[], byte[]> r) {
    boolean expect = established.contains(r.partition());
    CaseEvent event;
    try {
      event = CaseEventJson.read(r.value() == null ? new byte[0] : r.value());
    } catch (InvalidRecordException e) {
      return skip(r, e.reasonCode(), e.getMessage(), expect);
    }
    Optional<RetentionCase> current = store.get(event.caseId());
    long result;
    try {
      RetentionCase next = CaseFile.apply(current.orElse(null), event);
      if (current.isPresent() && next == current.get()) {
        // Already in the case (a replay or a retried request): only the progress moves.
        result = store.advance(r.partition(), r.offset() + 1, expect);
      } else {
        result = store.write(next, r.partition(), r.offset(), expect);
      }
    } catch (CaseTransitionException e) {
      return skip(r, e.reasonCode(), e.getMessage(), expect);
    }
    if (result != CaseStore.LOST) {
      established.add(r.partition());
    }
    return result;
  }

  private long skip(
      ConsumerRecord<byte[], byte[]> r, String reason, String message, boolean expect) {
    skipped.incrementAndGet();
    LOG.warn(
        "case projection: skipped {}-{}@{} ({}): {}",
        r.topic(),
        r.partition(),
        r.offset(),
        reason,
        message);
    long result = store.advance(r.partition(), r.offset() + 1, expect);
    if (result != CaseStore.LOST) {
      established.add(r.partition());
    }
    return result;
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
