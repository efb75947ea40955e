package io.lapsewatch.jobs.kafka;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Bounded out-of-orderness watermarks that only valid events move: a dead letter has no trustworthy
 * event time and must not push the watermark (and so make good events "too late"). Used at the
 * source, so each Kafka partition keeps its own watermark.
 */
public final class EventTimeWatermarks implements WatermarkGenerator<ParsedRecord> {
  private final long boundMs;
  private long maxSeen;

  public EventTimeWatermarks(Duration bound) {
    this.boundMs = bound.toMillis();
    this.maxSeen = Long.MIN_VALUE + boundMs + 1;
  }

  /** The source's strategy: event time from valid events, per partition, with idleness. */
  public static WatermarkStrategy<ParsedRecord> strategy(Duration bound, Duration idleTimeout) {
    return WatermarkStrategy.<ParsedRecord>forGenerator(ctx -> new EventTimeWatermarks(bound))
        .withTimestampAssigner(
            (r, kafkaTimestamp) -> r.event != null ? r.event.occurredAt : kafkaTimestamp)
        .withIdleness(idleTimeout);
  }

  @Override
  public void onEvent(ParsedRecord r, long timestamp, WatermarkOutput output) {
    if (r.event != null) {
      maxSeen = Math.max(maxSeen, r.event.occurredAt);
    }
  }

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {
    output.emitWatermark(new Watermark(maxSeen - boundMs - 1));
  }
}
