package io.lapsewatch.faults;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Tells when a bounded replay restored from a checkpoint has read all of its input, which the job
 * cannot say itself (FLINK-31006: it never finishes).
 *
 * <p>Each partition is done when the job's consumer group has committed its end offset, or when the
 * restored job's readers were never given its split (with no split at all, once the restored job
 * has completed a checkpoint): a split read to the end before the checkpoint is not in the
 * checkpoint, and its final offset is committed only after the next completed checkpoint, a commit
 * the cancel may cut off. Waiting for that commit hung {@code job-crash-restore} in about one suite
 * run in ten.
 */
final class ReplayEnd {
  /** The wait is over; {@code readBeforeCheckpoint} lists the partitions no reader took on. */
  record Reached(Set<Integer> readBeforeCheckpoint) {}

  private ReplayEnd() {}

  /**
   * Waits until every partition of {@code topic} is done for {@code group}. Requires {@link
   * MetricsProbe} on the job's cluster, reset before the job was submitted.
   */
  static Reached await(
      String bootstrap,
      String group,
      String topic,
      Duration timeout,
      java.util.function.BooleanSupplier restoredCheckpointed)
      throws Exception {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    try (Admin admin = Admin.create(p)) {
      Map<TopicPartition, Long> end = endOffsets(admin, topic);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (true) {
        Map<TopicPartition, OffsetAndMetadata> committed =
            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        Set<Integer> owned = MetricsProbe.ownedPartitions(topic);
        Reached reached = reached(end, committed, owned, restoredCheckpointed.getAsBoolean());
        if (reached != null) {
          return reached;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "group "
                  + group
                  + " committed "
                  + committed
                  + ", end offsets "
                  + end
                  + ", partitions the restored readers own "
                  + owned);
        }
        Thread.sleep(100);
      }
    }
  }

  /**
   * Whether the replay is over, given each partition's end offset, the group's committed offsets
   * and the partitions the restored readers own; {@code null} while it is not.
   */
  static Reached reached(
      Map<TopicPartition, Long> end,
      Map<TopicPartition, OffsetAndMetadata> committed,
      Set<Integer> owned,
      boolean restoredCheckpointed) {
    Set<Integer> behind = new TreeSet<>();
    Set<Integer> unowned = new TreeSet<>();
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      OffsetAndMetadata c = committed.get(e.getKey());
      if (c == null || c.offset() < e.getValue()) {
        (owned.contains(e.getKey().partition()) ? behind : unowned).add(e.getKey().partition());
      }
    }
    // Some reader must have taken on a split, so the restored job is running and every split it
    // holds is known; the partitions it holds must then be committed to their end.
    if (!owned.isEmpty()) {
      return behind.isEmpty() ? new Reached(unowned) : null;
    }
    // No restored reader holds a split: the first job had read every partition to its end before
    // the checkpoint (a quick replay fits in the network buffers ahead of a held sink), so no split
    // is in the restored state and the commits after that checkpoint may have been cut off by the
    // cancel. A restored reader registers its splits before the restored job's first checkpoint
    // completes, so once that checkpoint is there and none was seen, nothing is left to read.
    return restoredCheckpointed ? new Reached(allPartitions(end)) : null;
  }

  private static Set<Integer> allPartitions(Map<TopicPartition, Long> end) {
    Set<Integer> all = new TreeSet<>();
    end.keySet().forEach(tp -> all.add(tp.partition()));
    return all;
  }

  private static Map<TopicPartition, Long> endOffsets(Admin admin, String topic) throws Exception {
    Map<TopicPartition, OffsetSpec> ask = new HashMap<>();
    for (var info :
        admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()) {
      ask.put(new TopicPartition(topic, info.partition()), OffsetSpec.latest());
    }
    Map<TopicPartition, Long> end = new HashMap<>();
    admin.listOffsets(ask).all().get().forEach((tp, info) -> end.put(tp, info.offset()));
    return end;
  }
}
