package io.lapsewatch.alerts.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OutcomeReplayStartTest {
  private static final TopicPartition P0 = new TopicPartition("retention-outcomes", 0);
  private static final TopicPartition P1 = new TopicPartition("retention-outcomes", 1);

  @Test
  void shouldStartAtTheBeginningOrABoundedNumberOfRecordsBeforeTheEnd() {
    Map<TopicPartition, Long> start =
        OutcomeReplayStart.offsets(Map.of(P0, 0L, P1, 40L), Map.of(P0, 1_000L, P1, 60L), 100);

    assertThat(start).containsEntry(P0, 900L).containsEntry(P1, 40L);
  }

  @Test
  void shouldStartAtTheBeginningWhenTheEndIsUnknown() {
    assertThat(OutcomeReplayStart.offsets(Map.of(P0, 7L), Map.of(), 100)).containsEntry(P0, 7L);
  }
}
