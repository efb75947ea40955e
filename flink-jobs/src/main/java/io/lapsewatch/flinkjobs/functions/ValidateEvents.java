package io.lapsewatch.flinkjobs.functions;

import io.lapsewatch.featurestore.events.EventType;
import io.lapsewatch.featurestore.events.PolicyEvent;
import io.lapsewatch.flinkjobs.JobCounters;
import io.lapsewatch.flinkjobs.kafka.DeadLetter;
import io.lapsewatch.flinkjobs.kafka.ParsedRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Routes records the source checked against event contract v1. Valid events go on; invalid ones,
 * and events older than the watermark by more than the allowed lateness, leave through the {@link
 * #DEAD_LETTERS} side output with their original bytes, source position and the reason, and are
 * counted by reason. Nothing is dropped and nothing stops the job.
 *
 * <p>Lateness is judged here, where the original record is at hand: no later operator's watermark
 * is ahead of this one, so an event let through here is never too late further on.
 */
public class ValidateEvents extends ProcessFunction<ParsedRecord, PolicyEvent> {
  private static final long serialVersionUID = 1L;
  public static final String TOO_LATE = "too_late";

  private final long allowedLatenessMs;

  public static final OutputTag<DeadLetter> DEAD_LETTERS =
      new OutputTag<>(
          "dead-letters",
          org.apache.flink.api.common.typeinfo.TypeInformation.of(DeadLetter.class));

  private transient Counter valid;
  private transient Map<String, Counter> rejected;
  private transient LongCounter validTotal;
  private transient LongCounter deadLettered;
  private transient LongCounter tooLateTotal;
  private transient Counter tooLate;

  /**
   * @param allowedLatenessMs how far behind the watermark an event may be and still be applied
   */
  public ValidateEvents(long allowedLatenessMs) {
    this.allowedLatenessMs = allowedLatenessMs;
  }

  @Override
  public void open(org.apache.flink.api.common.functions.OpenContext openContext) {
    valid = getRuntimeContext().getMetricGroup().counter("lapsewatch_events_valid");
    rejected = new HashMap<>();
    validTotal = getRuntimeContext().getLongCounter(JobCounters.EVENTS_VALID);
    deadLettered = getRuntimeContext().getLongCounter(JobCounters.EVENTS_DEAD_LETTERED);
    tooLateTotal = getRuntimeContext().getLongCounter(JobCounters.EVENTS_TOO_LATE);
    tooLate = getRuntimeContext().getMetricGroup().counter("lapsewatch_events_too_late");
  }

  @Override
  public void processElement(ParsedRecord r, Context ctx, Collector<PolicyEvent> out) {
    long watermark = ctx.timerService().currentWatermark();
    if (r.event == null) {
      reject(r.deadLetter, ctx);
    } else if (tooLate(r.event, watermark)) {
      tooLateTotal.add(1L);
      tooLate.inc();
      reject(r.asDeadLetter(TOO_LATE, tooLateReason(r.event, watermark)), ctx);
    } else {
      out.collect(r.event);
      valid.inc();
      validTotal.add(1L);
    }
  }

  /** Behind the watermark by more than the allowed lateness; erasure requests never are. */
  private boolean tooLate(PolicyEvent e, long watermark) {
    return e.type != EventType.POLICYHOLDER_ERASED
        && watermark != Long.MIN_VALUE
        && e.occurredAt <= watermark - allowedLatenessMs;
  }

  private String tooLateReason(PolicyEvent e, long watermark) {
    return "event time "
        + Instant.ofEpochMilli(e.occurredAt)
        + " is more than the allowed lateness ("
        + Duration.ofMillis(allowedLatenessMs)
        + ") behind the watermark "
        + Instant.ofEpochMilli(watermark);
  }

  private void reject(DeadLetter d, Context ctx) {
    ctx.output(DEAD_LETTERS, d);
    deadLettered.add(1L);
    rejected
        .computeIfAbsent(
            d.reasonCode,
            code ->
                getRuntimeContext()
                    .getMetricGroup()
                    .addGroup("reason", code)
                    .counter("lapsewatch_events_rejected"))
        .inc();
  }
}
