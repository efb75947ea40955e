package io.lapsewatch.jobs.functions;

import io.lapsewatch.alerts.contract.Alert;
import io.lapsewatch.alerts.contract.Outcome;
import io.lapsewatch.alerts.contract.OutcomeKind;
import io.lapsewatch.events.EventType;
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
 * event-time order whichever input delivers first. State for a term goes once its outcome is out.
 */
public class TrackOutcomes extends KeyedCoProcessFunction<String, Alert, TermEvent, Outcome> {
  private static final long serialVersionUID = 1L;
  private static final long DAY_MS = 86_400_000L;

  /** Days after the renewal date by which a renewal or lapse must be seen. */
  public static final int WINDOW_DAYS = 60;

  private transient MapState<String, Alert> tracked;
  private transient MapState<Long, List<TermEvent>> pending;
  private transient Counter outcomes;

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
    if (!tracked.contains(a.alertId)) {
      tracked.put(a.alertId, a);
      ctx.timerService().registerEventTimeTimer(windowEnd(a));
    }
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
    // At the end of a bounded input the watermark jumps to the end of time: windows have not
    // really closed, so nothing is declared unknown.
    if (ctx.timerService().currentWatermark() == Long.MAX_VALUE) {
      return;
    }
    Iterator<Map.Entry<String, Alert>> it = tracked.iterator();
    while (it.hasNext()) {
      Alert a = it.next().getValue();
      if (windowEnd(a) <= ts) {
        out.collect(outcome(a, OutcomeKind.EXPIRED_UNKNOWN, ts));
        outcomes.inc();
        it.remove();
      }
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
        ctx.timerService().deleteEventTimeTimer(windowEnd(a));
        it.remove();
      }
    }
  }

  private static long windowEnd(Alert a) {
    return (a.renewalDate + (long) WINDOW_DAYS) * DAY_MS;
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
    return o;
  }
}
