package io.lapsewatch.flinkjobs.functions;

import io.lapsewatch.featurestore.events.EventType;
import io.lapsewatch.featurestore.events.PolicyEvent;
import io.lapsewatch.featurestore.features.FeatureVector;
import io.lapsewatch.featurestore.features.PolicyholderState;
import io.lapsewatch.flinkjobs.contact.ConsentChange;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
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
 *       history training reads.
 *   <li>Late events (behind the watermark, within the allowed lateness that {@link ValidateEvents}
 *       enforces) are applied in their place too: the features are rebuilt from the state before
 *       the recently applied events, and the corrected vector is emitted as of the watermark.
 *   <li>Duplicate event ids are ignored (ids kept for the allowed lateness, at least {@link
 *       #DEDUPE_RETENTION_MS}, past the watermark).
 *   <li>Calendar timers at the renewal milestones (e.g. 90/60/30/14/7 days before) re-emit the
 *       vector even when nothing happens, so silence is scored too.
 *   <li>Once every policy has ended plus {@link #CLEANUP_GRACE_DAYS}, all state and timers go.
 *   <li>Contact consent changes are no feature input: they go straight to {@link #CONSENT_CHANGES}
 *       for the contact rules.
 *   <li>An erasure request forgets the policyholder at once, whatever its time stamp: it is a
 *       control record, not an event in the policyholder's history.
 * </ul>
 *
 * The feature logic itself is the shared pure-Java code that training uses.
 */
public class UpdateFeatures extends KeyedProcessFunction<String, PolicyEvent, FeatureVector>
    implements CheckpointedFunction {
  private static final long serialVersionUID = 1L;
  private static final long DAY_MS = 86_400_000L;

  /** How long past the watermark event ids are remembered for de-duplication. */
  public static final long DEDUPE_RETENTION_MS = DAY_MS;

  /** Days after the last policy ended before the policyholder's state is dropped. */
  public static final int CLEANUP_GRACE_DAYS = 90;

  /**
   * Applied events logged per policyholder before the older part is folded into the settled state
   * (a very active policyholder within the allowed lateness).
   */
  private static final int MAX_LOGGED = 64;

  /** Renewals, lapses and cancellations, in event time, for outcome tracking. */
  public static final OutputTag<TermEvent> TERM_EVENTS =
      new OutputTag<>("term-events", TypeInformation.of(TermEvent.class));

  /** Results the retention desk reported (CALLBACK_COMPLETED, OFFER_SENT), for journeys. */
  public static final OutputTag<TermEvent> CASE_RESULTS =
      new OutputTag<>("case-results", TypeInformation.of(TermEvent.class));

  /**
   * Contact consent changes (and erasures, which clear them), for the contact rules. Consent is no
   * feature input: it passes by the features untouched.
   */
  public static final OutputTag<ConsentChange> CONSENT_CHANGES =
      new OutputTag<>("consent-changes", TypeInformation.of(ConsentChange.class));

  private final int[] milestoneDays;
  private final long allowedLatenessMs;

  private transient ValueState<PolicyholderRecord> record;

  /**
   * Where this subtask's input ends in event time, for the end of a bounded input. Checkpointed: a
   * job restored after it had read its last events replays none of them.
   */
  private transient InputEnd inputEnd;

  private transient ListState<long[]> inputEndState;

  private transient Counter renewedTerms;
  private transient Counter lapsedTerms;
  private transient Counter duplicates;
  private transient Counter lateApplied;

  /**
   * @param milestoneDays days before a renewal at which to refresh, e.g. {90, 60, 30, 14, 7}
   * @param allowedLatenessMs how far behind the watermark an event may arrive and still be applied
   *     in its place (0: no late events; none arrive then, {@link ValidateEvents} turns them away)
   */
  public UpdateFeatures(int[] milestoneDays, long allowedLatenessMs) {
    this.milestoneDays = milestoneDays.clone();
    this.allowedLatenessMs = allowedLatenessMs;
  }

  @Override
  public void open(OpenContext openContext) {
    record =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>(
                    "policyholder-record", PolicyholderRecordSerializer.INSTANCE));
    if (inputEnd == null) {
      inputEnd = new InputEnd();
    }
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
    lateApplied = getRuntimeContext().getMetricGroup().counter("lapsewatch_events_late_applied");
  }

  @Override
  public void processElement(PolicyEvent e, Context ctx, Collector<FeatureVector> out)
      throws Exception {
    PolicyholderRecord r = record.value();
    if (r != null && r.seen(e.eventId)) {
      duplicates.inc();
      return;
    }
    if (e.type == EventType.POLICYHOLDER_ERASED) {
      if (r != null) {
        forget(ctx.timerService(), r);
      }
      out.collect(FeatureVector.erasure(e.policyholderId, e.occurredAt));
      ctx.output(CONSENT_CHANGES, ConsentChange.erasure(e.policyholderId, e.occurredAt));
      return;
    }
    if (!PolicyholderState.isFeatureInput(e.type)) {
      // Straight on, no state here: the contact rules order consent changes by event time
      // themselves, and a repeated change is harmless (it says the same thing again).
      ctx.output(CONSENT_CHANGES, ConsentChange.of(e));
      return;
    }
    inputEnd.add(e.occurredAt);
    long watermark = ctx.timerService().currentWatermark();
    if (r == null) {
      r = new PolicyholderRecord();
    }
    // Ids are remembered as long as an event may be late; older duplicates are turned away
    // before they get here. (No watermark yet, as right after a start or a restore: forget
    // nothing.)
    long horizon =
        watermark == Long.MIN_VALUE
            ? Long.MIN_VALUE
            : watermark - Math.max(DEDUPE_RETENTION_MS, allowedLatenessMs);
    r.remember(e.eventId, e.occurredAt, horizon);
    if (e.occurredAt <= watermark) {
      applyLate(e, r, watermark, ctx, out);
      return;
    }
    // One pending timer per policyholder, at its earliest waiting event; onTimer moves it on.
    if (e.occurredAt < r.earliestPending()) {
      ctx.timerService().registerEventTimeTimer(e.occurredAt);
    }
    r.addPending(e);
    record.update(r);
  }

  @Override
  public void initializeState(FunctionInitializationContext context) throws Exception {
    inputEndState =
        context
            .getOperatorStateStore()
            .getListState(
                new ListStateDescriptor<>(
                    "input-end",
                    org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo
                        .LONG_PRIMITIVE_ARRAY_TYPE_INFO));
    inputEnd = new InputEnd();
    for (long[] times : inputEndState.get()) {
      for (long t : times) {
        inputEnd.add(t);
      }
    }
  }

  @Override
  public void snapshotState(FunctionSnapshotContext context) throws Exception {
    inputEndState.update(List.of(inputEnd.times()));
  }

  /** An event the watermark has passed: applied in its place, the corrected vector emitted now. */
  private void applyLate(
      PolicyEvent e,
      PolicyholderRecord r,
      long watermark,
      Context ctx,
      Collector<FeatureVector> out)
      throws Exception {
    lateApplied.inc();
    r.applyLate(e);
    endsTerm(e, ctx.getCurrentKey(), ctx::output);
    scheduleCalendar(r, watermark, false, ctx.timerService());
    record.update(r);
    out.collect(r.features.vector(ctx.getCurrentKey(), watermark));
  }

  /**
   * Reports a renewal, lapse or cancellation to outcome tracking, and counts it; passes the desk's
   * results on to journeys.
   */
  private void endsTerm(PolicyEvent e, String holder, SideOutput side) {
    if (e.type == EventType.CALLBACK_COMPLETED || e.type == EventType.OFFER_SENT) {
      TermEvent result = new TermEvent(holder, e.policyId, e.type, e.occurredAt);
      result.detail = e.type == EventType.CALLBACK_COMPLETED ? e.topic : null;
      side.output(CASE_RESULTS, result);
      return;
    }
    if (e.type == EventType.POLICY_RENEWED
        || e.type == EventType.POLICY_LAPSED
        || e.type == EventType.POLICY_CANCELLED) {
      side.output(TERM_EVENTS, new TermEvent(holder, e.policyId, e.type, e.occurredAt));
      (e.type == EventType.POLICY_RENEWED ? renewedTerms : lapsedTerms).inc();
    }
  }

  /** Context.output and OnTimerContext.output share no interface. */
  private interface SideOutput {
    void output(OutputTag<TermEvent> tag, TermEvent t);
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
    long watermark = ctx.timerService().currentWatermark();
    for (PolicyEvent e : due) {
      if (allowedLatenessMs > 0) {
        r.logApplied(e);
      }
      s.apply(e);
      endsTerm(e, holder, ctx::output);
    }
    boolean changed = !due.isEmpty();
    if (changed && !r.pending.isEmpty()) {
      // Fires in this same watermark advance when the next event is already passed too.
      ctx.timerService().registerEventTimeTimer(r.earliestPending());
    }
    if (changed) {
      r.settle(watermark - allowedLatenessMs, MAX_LOGGED);
    }
    // At the end of a bounded input the watermark jumps to the end of time, but calendar time
    // has only reached the latest event: later milestones and clean-ups wait for a real clock.
    // Earlier ones still fire, whether or not the last periodic watermark got to them, so a
    // replay gives the same vectors every time.
    boolean beyondInput = watermark == Long.MAX_VALUE && ts > inputEnd.time();
    if (!changed && (beyondInput || s.isEmpty())) {
      return;
    }
    if (!changed && cleanupDue(s, ts)) {
      forget(ctx.timerService(), r);
      // Scoring drops its state too; the stored features expire on the TTL they carry.
      out.collect(FeatureVector.retirement(holder, ts));
      return;
    }
    boolean calendarDue = ts == r.nextCalendar;
    if (changed || calendarDue) {
      scheduleCalendar(r, ts, calendarDue, ctx.timerService());
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
  private void scheduleCalendar(PolicyholderRecord r, long now, boolean due, TimerService timers) {
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
        timers.deleteEventTimeTimer(previous);
      }
      if (next != PolicyholderRecord.NO_TIMER) {
        timers.registerEventTimeTimer(next);
      }
      r.nextCalendar = next;
    }
    r.calendarRenewals = renewals;
    r.calendarEndedDay = ended;
  }

  /** Drops every piece of state and every timer of the current policyholder. */
  private void forget(TimerService timers, PolicyholderRecord r) {
    if (r.nextCalendar != PolicyholderRecord.NO_TIMER) {
      timers.deleteEventTimeTimer(r.nextCalendar);
    }
    for (PolicyEvent e : r.pending) {
      timers.deleteEventTimeTimer(e.occurredAt);
    }
    record.clear();
  }

  /**
   * The newest event time of the input, unless it stands more than a day ahead of every other
   * event: one future-dated record must not make the end of a bounded input fire everyone's
   * calendar timers up to its date. Two running maxima, no per-event allocation.
   */
  static final class InputEnd {
    private long newest = Long.MIN_VALUE;
    private long second = Long.MIN_VALUE;

    void add(long t) {
      if (t == Long.MIN_VALUE) {
        return;
      }
      if (t > newest) {
        second = newest;
        newest = t;
      } else if (t > second && t != newest) {
        second = t;
      }
    }

    /** The two running maxima, as checkpointed. */
    long[] times() {
      return new long[] {newest, second};
    }

    long time() {
      if (second == Long.MIN_VALUE || newest - second <= DAY_MS) {
        return newest;
      }
      return second;
    }
  }
}
