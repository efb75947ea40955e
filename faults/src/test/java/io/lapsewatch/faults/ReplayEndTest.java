package io.lapsewatch.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ReplayEndTest {
  private static final TopicPartition P0 = new TopicPartition("events", 0);
  private static final TopicPartition P1 = new TopicPartition("events", 1);
  private static final Map<TopicPartition, Long> END = Map.of(P0, 100L, P1, 80L);

  @Test
  void overWhenEveryPartitionIsCommittedToItsEnd() {
    var reached =
        ReplayEnd.reached(
            END,
            Map.of(P0, new OffsetAndMetadata(100), P1, new OffsetAndMetadata(80)),
            Set.of(0),
            true);
    assertThat(reached).isNotNull();
    assertThat(reached.readBeforeCheckpoint()).isEmpty();
  }

  @Test
  void aPartitionNoRestoredReaderOwnsWasReadBeforeTheCheckpoint() {
    // Partition 1 was read to its end before the checkpoint; its last commit was cut off.
    var reached =
        ReplayEnd.reached(
            END,
            Map.of(P0, new OffsetAndMetadata(100), P1, new OffsetAndMetadata(60)),
            Set.of(0),
            true);
    assertThat(reached).isNotNull();
    assertThat(reached.readBeforeCheckpoint()).containsExactly(1);
  }

  @Test
  void notOverWhileAnOwnedPartitionIsBehind() {
    assertThat(
            ReplayEnd.reached(
                END,
                Map.of(P0, new OffsetAndMetadata(99), P1, new OffsetAndMetadata(80)),
                Set.of(0, 1),
                true))
        .isNull();
  }

  @Test
  void notOverBeforeAnyReaderHasTakenOnASplit() {
    assertThat(ReplayEnd.reached(END, Map.of(), Set.of(), false)).isNull();
  }

  @Test
  void withNoReaderSeenOverOnceTheRestoredJobCheckpointedEvenWithTheLastCommitsCutOff() {
    // The first job read every partition to its end before the checkpoint it was restored from
    // (the whole quick stream fits in the network buffers ahead of a held sink), and the cancel cut
    // off the commits that would have followed that checkpoint: a suite run waited 10 minutes here.
    Map<TopicPartition, OffsetAndMetadata> short_ =
        Map.of(P0, new OffsetAndMetadata(25), P1, new OffsetAndMetadata(22));
    assertThat(ReplayEnd.reached(END, short_, Set.of(), false)).isNull();
    var reached = ReplayEnd.reached(END, short_, Set.of(), true);
    assertThat(reached).isNotNull();
    assertThat(reached.readBeforeCheckpoint()).containsExactly(0, 1);
  }
}
