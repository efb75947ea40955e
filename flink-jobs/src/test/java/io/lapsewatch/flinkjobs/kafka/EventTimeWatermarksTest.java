package io.lapsewatch.flinkjobs.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.featurestore.events.Events;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

/** The source's watermarks: bounded out-of-orderness that no single record can move. */
class EventTimeWatermarksTest {
  private static final Instant T0 = Instant.parse("2025-03-01T00:00:00Z");

  private final List<Long> emitted = new ArrayList<>();
  private final WatermarkOutput output =
      new WatermarkOutput() {
        @Override
        public void emitWatermark(Watermark w) {
          emitted.add(w.getTimestamp());
        }

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}
      };
  private final EventTimeWatermarks generator = new EventTimeWatermarks(Duration.ofSeconds(1));

  private void event(Instant at) {
    generator.onEvent(
        ParsedRecord.valid(
            Events.session("e-" + at, "PH1", at, "APP", "HOME"),
            new org.apache.kafka.clients.consumer.ConsumerRecord<>("t", 0, 0, null, null)),
        at.toEpochMilli(),
        output);
  }

  private long watermark() {
    generator.onPeriodicEmit(output);
    return emitted.isEmpty() ? Long.MIN_VALUE : emitted.get(emitted.size() - 1);
  }

  @Test
  void followsEventTimeLessTheBound() {
    for (int i = 0; i < 10; i++) {
      event(T0.plusSeconds(60L * i));
    }
    // The lower median of the ten events is the fifth (minute 4).
    assertThat(watermark()).isEqualTo(T0.plusSeconds(4 * 60 - 1).toEpochMilli() - 1);
  }

  @Test
  void oneFarFutureEventDoesNotMoveTime() {
    for (int i = 0; i < 10; i++) {
      event(T0.plusSeconds(60L * i));
    }
    long before = watermark();
    event(T0.plusSeconds(3600L * 24 * 480));
    event(T0.plusSeconds(600));

    assertThat(watermark()).isLessThanOrEqualTo(T0.plusSeconds(600).toEpochMilli());
    assertThat(watermark()).isGreaterThanOrEqualTo(before);
  }

  @Test
  void aFewEventsAreNeededBeforeTimeMoves() {
    event(T0.plusSeconds(3600L * 24 * 480));
    assertThat(watermark()).isEqualTo(Long.MIN_VALUE);
    event(T0);
    event(T0.plusSeconds(1));
    assertThat(watermark()).isLessThan(T0.plusSeconds(2).toEpochMilli());
  }

  @Test
  void erasureRequestsAndDeadLettersDoNotMoveTime() {
    for (int i = 0; i < 5; i++) {
      event(T0.plusSeconds(i));
    }
    long before = watermark();
    for (int i = 0; i < 40; i++) {
      Instant future = T0.plusSeconds(3600L * 24 * 400);
      generator.onEvent(
          ParsedRecord.valid(
              Events.erased("erase-" + i, "PH" + i, future),
              new org.apache.kafka.clients.consumer.ConsumerRecord<>("t", 0, 0, null, null)),
          future.toEpochMilli(),
          output);
      generator.onEvent(ParsedRecord.invalid(new DeadLetter()), future.toEpochMilli(), output);
    }
    assertThat(watermark()).isEqualTo(before);
  }

  @Test
  void aWholeStreamThatMovesOnMovesTime() {
    for (int i = 0; i < 5; i++) {
      event(T0.plusSeconds(i));
    }
    Instant later = T0.plusSeconds(3600L * 24 * 30);
    for (int i = 0; i < 40; i++) {
      event(later.plusSeconds(i));
    }
    assertThat(watermark()).isGreaterThan(later.toEpochMilli());
  }
}
