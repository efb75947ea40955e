package io.lapsewatch.flinkjobs.functions;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.Outcome;
import io.lapsewatch.alertcontract.OutcomeKind;
import io.lapsewatch.featurestore.events.EventType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Follows every alerted term, treated or held out alike, to its end: renewed → RECOVERED, lapsed or
 * cancelled → LAPSED, nothing by {@link #WINDOW_DAYS} after the renewal date → EXPIRED_UNKNOWN.
 * Term events wait for the watermark, so an alert and the renewal that follows it are matched in
 * event-time order whichever input delivers first; a window is declared unknown only once the
 * allowed lateness has passed it too, so a late renewal still counts. State for a term goes once
 * its outcome is out. An erasure marker drops every tracked term and timer of the policyholder:
 * nothing carrying their id leaves after it.
 */
public class TrackOutcomes extends KeyedCoProcessFunction<String, Alert, TermEvent, Outcome> {
  private static final long serialVersionUID = 1L;
  private static final long DAY_MS = 86_400_000L;

  /** Days after the renewal date by which a renewal or lapse must be seen. */
  public static final int WINDOW_DAYS = 60;

  private final long allowedLatenessMs;

  private transient MapState<String, Alert> tracked;
  private transient MapState<Long, List<TermEvent>> pending;
  private transient Counter outcomes;

  /**
   * @param allowedLatenessMs how long after a window's end a late renewal or lapse may still arrive
   */
  public TrackOutcomes(long allowedLatenessMs) {
    this.allowedLatenessMs = allowedLatenessMs;
  }

  @Override
  public void open(OpenContext openContext) {
    tracked =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>("tracked", Types.STRING, TypeInformation.of(Alert.class)));
    pending =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "term-events", Types.LONG, Types.LIST(TypeInformation.of(TermEvent.class))));
    outcomes = getRuntimeContext().getMetricGroup().counter("lapsewatch_outcomes");
  }

  @Override
  public void processElement1(Alert a, Context ctx, Collector<Outcome> out) throws Exception {
    if (a.erasure) {
      forget(ctx);
    } else if (a.messageTo == null && !tracked.contains(a.alertId)) {
      // A journey's message to a team is no contact of the policyholder: no outcome of its own.
      tracked.put(a.alertId, a);
      ctx.timerService().registerEventTimeTimer(expiry(a));
    }
  }

  /** Drops every tracked term, waiting term event and timer of the current policyholder. */
  private void forget(Context ctx) throws Exception {
    for (Alert a : tracked.values()) {
      ctx.timerService().deleteEventTimeTimer(expiry(a));
    }
    for (Long at : pending.keys()) {
      ctx.timerService().deleteEventTimeTimer(at);
    }
    tracked.clear();
    pending.clear();
  }

  @Override
  public void processElement2(TermEvent t, Context ctx, Collector<Outcome> out) throws Exception {
    List<TermEvent> at = pending.get(t.at);
    if (at == null) {
      at = new ArrayList<>(1);
    }
    at.add(t);
    pending.put(t.at, at);
    ctx.timerService().registerEventTimeTimer(t.at);
  }

  @Override
  public void onTimer(long ts, OnTimerContext ctx, Collector<Outcome> out) throws Exception {
    List<TermEvent> due = pending.get(ts);
    if (due != null) {
      pending.remove(ts);
      for (TermEvent t : due) {
        resolve(t, ctx, out);
      }
    }
    dropIfEmpty();
    // At the end of a bounded input the watermark jumps to the end of time: windows have not
    // really closed, so nothing is declared unknown.
    if (ctx.timerService().currentWatermark() == Long.MAX_VALUE) {
      return;
    }
    Iterator<Map.Entry<String, Alert>> it = tracked.iterator();
    while (it.hasNext()) {
      Alert a = it.next().getValue();
      if (expiry(a) <= ts) {
        out.collect(outcome(a, OutcomeKind.EXPIRED_UNKNOWN, windowEnd(a)));
        outcomes.inc();
        it.remove();
      }
    }
    dropIfEmpty();
  }

  /**
   * Heap map state keeps a policyholder's emptied map (and so their key) until it is cleared:
   * without this, every tracked policyholder would stay in state and checkpoints for good.
   */
  private void dropIfEmpty() throws Exception {
    if (tracked.isEmpty()) {
      tracked.clear();
    }
    if (pending.isEmpty()) {
      pending.clear();
    }
  }

  private void resolve(TermEvent t, OnTimerContext ctx, Collector<Outcome> out) throws Exception {
    Iterator<Map.Entry<String, Alert>> it = tracked.iterator();
    while (it.hasNext()) {
      Alert a = it.next().getValue();
      if (a.policyId.equals(t.policyId) && a.asOf <= t.at) {
        OutcomeKind kind =
            t.type == EventType.POLICY_RENEWED ? OutcomeKind.RECOVERED : OutcomeKind.LAPSED;
        out.collect(outcome(a, kind, t.at));
        outcomes.inc();
        ctx.timerService().deleteEventTimeTimer(expiry(a));
        it.remove();
      }
    }
  }

  private static long windowEnd(Alert a) {
    return (a.renewalDate + (long) WINDOW_DAYS) * DAY_MS;
  }

  /** When the window is declared unknown: its end, plus the time a late term event may take. */
  private long expiry(Alert a) {
    return windowEnd(a) + allowedLatenessMs;
  }

  private static Outcome outcome(Alert a, OutcomeKind kind, long at) {
    Outcome o = new Outcome();
    o.alertId = a.alertId;
    o.policyholderId = a.policyholderId;
    o.policyId = a.policyId;
    o.arm = a.arm;
    o.tier = a.tier;
    o.action = a.action;
    o.outcome = kind;
    o.alertedAt = a.asOf;
    o.resolvedAt = at;
    o.annualPremium = a.annualPremium;
    o.journey = a.journey;
    o.journeyVersion = a.journeyVersion;
    o.journeyStep = a.journeyStep;
    o.followUp = a.followUp;
    return o;
  }
}
