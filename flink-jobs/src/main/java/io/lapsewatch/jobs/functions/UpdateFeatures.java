package io.lapsewatch.jobs.functions;

import io.lapsewatch.events.EventCodec;
import io.lapsewatch.events.EventType;
import io.lapsewatch.events.PolicyEvent;
import io.lapsewatch.features.FeatureVector;
import io.lapsewatch.features.PolicyholderState;
import io.lapsewatch.jobs.JobCounters;
import io.lapsewatch.jobs.kafka.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keeps each policyholder's {@link PolicyholderState} in keyed state and emits their feature vector
 * in event time.
 *
 * <ul>
 *   <li>Events are buffered until the watermark passes them and then applied in (time, id) order,
 *       so events shuffled within the out-of-orderness bound give the same state as the sorted
 *       history training reads. Events behind the watermark leave as "too late" dead letters.
 *   <li>Duplicate event ids are ignored (ids kept for {@link #DEDUPE_RETENTION_MS} past the
 *       watermark).
 *   <li>Calendar timers at the renewal milestones (e.g. 90/60/30/14/7 days before) re-emit the
 *       vector even when nothing happens, so silence is scored too.
 *   <li>Once every policy has ended plus {@link #CLEANUP_GRACE_DAYS}, all state and timers go.
 *   <li>An erasure event forgets the policyholder at once.
 * </ul>
 *
 * The feature logic itself is the shared pure-Java code that training uses.
 */
public class UpdateFeatures extends KeyedProcessFunction<String, PolicyEvent, FeatureVector> {
  private static final long serialVersionUID = 1L;
  private static final long DAY_MS = 86_400_000L;

  /** How long past the watermark event ids are remembered for de-duplication. */
  public static final long DEDUPE_RETENTION_MS = DAY_MS;

  /** Days after the last policy ended before the policyholder's state is dropped. */
  public static final int CLEANUP_GRACE_DAYS = 90;

  public static final OutputTag<DeadLetter> TOO_LATE =
      new OutputTag<>("too-late", TypeInformation.of(DeadLetter.class));

  /** Renewals, lapses and cancellations, in event time, for outcome tracking. */
  public static final OutputTag<TermEvent> TERM_EVENTS =
      new OutputTag<>("term-events", TypeInformation.of(TermEvent.class));

  private final int[] milestoneDays;

  private transient ValueState<PolicyholderRecord> record;

  /**
   * Latest event time this subtask has seen. Not checkpointed: after a restore the replay brings
   * the latest events back, and it is only read at the end of a bounded input.
   */
  private transient long maxEventTime;

  private transient Counter renewedTerms;
  private transient Counter lapsedTerms;
  private transient Counter duplicates;
  private transient Counter tooLate;
  private transient LongCounter tooLateTotal;

  /**
   * @param milestoneDays days before a renewal at which to refresh, e.g. {90, 60, 30, 14, 7}
   */
  public UpdateFeatures(int[] milestoneDays) {
    this.milestoneDays = milestoneDays.clone();
  }

  @Override
  public void open(OpenContext openContext) {
    record =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>(
                    "policyholder-record", PolicyholderRecordSerializer.INSTANCE));
    maxEventTime = Long.MIN_VALUE;
    duplicates = getRuntimeContext().getMetricGroup().counter("lapsewatch_events_duplicate");
    // The whole book's lapse rate (the dashboard's denominator), by how each term ended.
    renewedTerms =
        getRuntimeContext()
            .getMetricGroup()
            .addGroup("result", "renewed")
            .counter("lapsewatch_policy_terms_ended_total");
    lapsedTerms =
        getRuntimeContext()
            .getMetricGroup()
            .addGroup("result", "lapsed")
            .counter("lapsewatch_policy_terms_ended_total");
    tooLate = getRuntimeContext().getMetricGroup().counter("lapsewatch_events_too_late");
    tooLateTotal = getRuntimeContext().getLongCounter(JobCounters.EVENTS_TOO_LATE);
  }

  @Override
  public void processElement(PolicyEvent e, Context ctx, Collector<FeatureVector> out)
      throws Exception {
    long watermark = ctx.timerService().currentWatermark();
    maxEventTime = Math.max(maxEventTime, e.occurredAt);
    PolicyholderRecord r = record.value();
    if (r != null && r.seen(e.eventId)) {
      duplicates.inc();
      return;
    }
    if (e.occurredAt <= watermark) {
      tooLate.inc();
      tooLateTotal.add(1L);
      ctx.output(TOO_LATE, tooLateLetter(e, watermark));
      return;
    }
    if (e.type == EventType.POLICYHOLDER_ERASED) {
      if (r != null) {
        forget(ctx, r);
      }
      out.collect(FeatureVector.erasure(e.policyholderId, e.occurredAt));
      return;
    }
    if (r == null) {
      r = new PolicyholderRecord();
    }
    // Ids are remembered a day past the watermark; older duplicates are "too late" anyway.
    // (No watermark yet, as right after a start or a restore: forget nothing.)
    long horizon = watermark == Long.MIN_VALUE ? Long.MIN_VALUE : watermark - DEDUPE_RETENTION_MS;
    r.remember(e.eventId, e.occurredAt, horizon);
    // One pending timer per policyholder, at its earliest waiting event; onTimer moves it on.
    if (e.occurredAt < r.earliestPending()) {
      ctx.timerService().registerEventTimeTimer(e.occurredAt);
    }
    r.addPending(e);
    record.update(r);
  }

  @Override
  public void onTimer(long ts, OnTimerContext ctx, Collector<FeatureVector> out) throws Exception {
    PolicyholderRecord r = record.value();
    if (r == null) {
      return;
    }
    String holder = ctx.getCurrentKey();
    PolicyholderState s = r.features;
    List<PolicyEvent> due = r.takePendingUpTo(ts);
    for (PolicyEvent e : due) {
      s.apply(e);
      if (e.type == EventType.POLICY_RENEWED
          || e.type == EventType.POLICY_LAPSED
          || e.type == EventType.POLICY_CANCELLED) {
        ctx.output(TERM_EVENTS, new TermEvent(holder, e.policyId, e.type, e.occurredAt));
        (e.type == EventType.POLICY_RENEWED ? renewedTerms : lapsedTerms).inc();
      }
    }
    boolean changed = !due.isEmpty();
    if (changed && !r.pending.isEmpty()) {
      // Fires in this same watermark advance when the next event is already passed too.
      ctx.timerService().registerEventTimeTimer(r.earliestPending());
    }
    long watermark = ctx.timerService().currentWatermark();
    // At the end of a bounded input the watermark jumps to the end of time, but calendar time
    // has only reached the latest event: later milestones and clean-ups wait for a real clock.
    // Earlier ones still fire, whether or not the last periodic watermark got to them, so a
    // replay gives the same vectors every time.
    boolean beyondInput = watermark == Long.MAX_VALUE && ts > maxEventTime;
    if (!changed && (beyondInput || s.isEmpty())) {
      return;
    }
    if (!changed && cleanupDue(s, ts)) {
      forget(ctx, r);
      // Scoring drops its state too; the stored features expire on the TTL they carry.
      out.collect(FeatureVector.retirement(holder, ts));
      return;
    }
    boolean calendarDue = ts == r.nextCalendar;
    if (changed || calendarDue) {
      scheduleCalendar(r, ts, calendarDue, ctx);
      record.update(r);
    }
    if (changed || isMilestone(s, ts)) {
      out.collect(s.vector(holder, ts));
    }
  }

  private boolean cleanupDue(PolicyholderState s, long ts) {
    int ended = s.allEndedDay();
    return ended >= 0 && ts >= cleanupAt(ended);
  }

  private static long cleanupAt(int allEndedDay) {
    return (allEndedDay + 1L + CLEANUP_GRACE_DAYS) * DAY_MS;
  }

  private boolean isMilestone(PolicyholderState s, long ts) {
    if (ts % DAY_MS != 0) {
      return false;
    }
    int day = (int) (ts / DAY_MS);
    for (int renewal : s.renewalDates()) {
      for (int m : milestoneDays) {
        if (renewal - m == day) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Keeps one calendar timer registered: the next renewal milestone after {@code now}, or the
   * clean-up once every policy has ended. Recomputed when that timer fires or when the renewal
   * dates or the end change; other events leave it alone.
   */
  private void scheduleCalendar(PolicyholderRecord r, long now, boolean due, OnTimerContext ctx) {
    int[] renewals = r.features.renewalDates();
    int ended = r.features.allEndedDay();
    if (!due && !r.calendarChanged(renewals, ended)) {
      return;
    }
    long next = PolicyholderRecord.NO_TIMER;
    for (int renewal : renewals) {
      for (int m : milestoneDays) {
        long at = (renewal - (long) m) * DAY_MS;
        if (at > now && at < next) {
          next = at;
        }
      }
    }
    if (ended >= 0) {
      next = Math.min(next, cleanupAt(ended));
    }
    long previous = r.nextCalendar;
    if (next != previous) {
      // A superseded timer would fire as a no-op; drop it unless pending events share its time.
      if (previous != PolicyholderRecord.NO_TIMER && previous > now && !r.hasPendingAt(previous)) {
        ctx.timerService().deleteEventTimeTimer(previous);
      }
      if (next != PolicyholderRecord.NO_TIMER) {
        ctx.timerService().registerEventTimeTimer(next);
      }
      r.nextCalendar = next;
    }
    r.calendarRenewals = renewals;
    r.calendarEndedDay = ended;
  }

  /** Drops every piece of state and every timer of the current policyholder. */
  private void forget(Context ctx, PolicyholderRecord r) {
    if (r.nextCalendar != PolicyholderRecord.NO_TIMER) {
      ctx.timerService().deleteEventTimeTimer(r.nextCalendar);
    }
    for (PolicyEvent e : r.pending) {
      ctx.timerService().deleteEventTimeTimer(e.occurredAt);
    }
    record.clear();
  }

  private static DeadLetter tooLateLetter(PolicyEvent e, long watermark) {
    DeadLetter d = new DeadLetter();
    d.key = e.policyholderId.getBytes(StandardCharsets.UTF_8);
    d.value = EventCodec.toBytes(e);
    d.reasonCode = "too_late";
    d.reason =
        "event time "
            + java.time.Instant.ofEpochMilli(e.occurredAt)
            + " is behind the watermark "
            + java.time.Instant.ofEpochMilli(watermark)
            + "; it arrived later than the allowed out-of-orderness";
    d.sourceTopic = "";
    d.sourcePartition = -1;
    d.sourceOffset = -1;
    return d;
  }
}
