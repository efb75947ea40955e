package io.lapsewatch.flinkjobs.kafka;

import io.lapsewatch.featurestore.events.EventType;
import io.lapsewatch.flinkjobs.time.RecentEventTimes;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Bounded out-of-orderness watermarks that no single record can move. Used at the source, so each
 * Kafka partition keeps its own watermark.
 *
 * <ul>
 *   <li>Event time is the lower median of the partition's recent events ({@link RecentEventTimes}),
 *       not the newest: one future-dated record cannot make everyone's calendar timers fire.
 *   <li>Only valid events count: a dead letter has no trustworthy event time.
 *   <li>Erasure requests are control records outside event time (stamped with the wall clock of the
 *       operator who sent them, even during a replay of old history), so they do not count either.
 *   <li>No watermark until {@link #MIN_EVENTS} events were seen, so the first record after a start
 *       or a restore cannot set time alone.
 * </ul>
 */
public final class EventTimeWatermarks implements WatermarkGenerator<ParsedRecord> {
  /** Events a partition must have shown before its watermark moves. */
  static final int MIN_EVENTS = 3;

  private final long boundMs;
  private final RecentEventTimes recent = new RecentEventTimes();
  private long emitted = Long.MIN_VALUE;

  public EventTimeWatermarks(Duration bound) {
    this.boundMs = bound.toMillis();
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
    if (r.event != null && r.event.type != EventType.POLICYHOLDER_ERASED) {
      recent.add(r.event.occurredAt);
    }
  }

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {
    if (recent.size() < MIN_EVENTS) {
      return;
    }
    long median = recent.lowerMedian();
    if (median - boundMs - 1 > emitted) {
      emitted = median - boundMs - 1;
      output.emitWatermark(new Watermark(emitted));
    }
  }
}
