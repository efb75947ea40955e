package io.lapsewatch.jobs.functions;

import io.lapsewatch.events.PolicyEvent;
import io.lapsewatch.jobs.JobCounters;
import io.lapsewatch.jobs.kafka.DeadLetter;
import io.lapsewatch.jobs.kafka.ParsedRecord;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Routes records the source checked against event contract v1. Valid events go on; invalid ones
 * leave through the {@link #DEAD_LETTERS} side output with their original bytes and the reason, and
 * are counted by reason. Nothing is dropped and nothing stops the job.
 */
public class ValidateEvents extends ProcessFunction<ParsedRecord, PolicyEvent> {
  private static final long serialVersionUID = 1L;

  public static final OutputTag<DeadLetter> DEAD_LETTERS =
      new OutputTag<>(
          "dead-letters",
          org.apache.flink.api.common.typeinfo.TypeInformation.of(DeadLetter.class));

  private transient Counter valid;
  private transient Map<String, Counter> rejected;
  private transient LongCounter validTotal;
  private transient LongCounter deadLettered;

  @Override
  public void open(org.apache.flink.api.common.functions.OpenContext openContext) {
    valid = getRuntimeContext().getMetricGroup().counter("lapsewatch_events_valid");
    rejected = new HashMap<>();
    validTotal = getRuntimeContext().getLongCounter(JobCounters.EVENTS_VALID);
    deadLettered = getRuntimeContext().getLongCounter(JobCounters.EVENTS_DEAD_LETTERED);
  }

  @Override
  public void processElement(ParsedRecord r, Context ctx, Collector<PolicyEvent> out) {
    if (r.event != null) {
      out.collect(r.event);
      valid.inc();
      validTotal.add(1L);
    } else {
      ctx.output(DEAD_LETTERS, r.deadLetter);
      deadLettered.add(1L);
      rejected
          .computeIfAbsent(
              r.deadLetter.reasonCode,
              code ->
                  getRuntimeContext()
                      .getMetricGroup()
                      .addGroup("reason", code)
                      .counter("lapsewatch_events_rejected"))
          .inc();
    }
  }
}
