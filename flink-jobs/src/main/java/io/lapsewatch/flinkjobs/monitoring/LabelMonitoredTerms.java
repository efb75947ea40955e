package io.lapsewatch.flinkjobs.monitoring;

import io.lapsewatch.featurestore.events.EventType;
import io.lapsewatch.featurestore.features.PolicyholderState;
import io.lapsewatch.flinkjobs.functions.TermEvent;
import io.lapsewatch.flinkjobs.functions.TrackOutcomes;
import io.lapsewatch.modeltraining.monitoring.MonitoredTerm;
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
 * Keeps each monitored term of a policyholder until the term ends and then emits it again with its
 * outcome: renewed → RENEWED, lapsed or cancelled → LAPSED, as outcome tracking decides them
 * ({@link TrackOutcomes}). A term with no renewal or lapse by {@link TrackOutcomes#WINDOW_DAYS}
 * after its renewal date (plus the allowed lateness) ends unknown: it is counted and dropped, as it
 * has no label to measure the model by. Term events wait for the watermark, so the scored term and
 * its end meet in event-time order whichever input delivers first. A {@code POLICYHOLDER_ERASED}
 * term event (the job turns erasure vectors into one) drops everything held for the policyholder:
 * no record carrying their id leaves after it.
 */
public class LabelMonitoredTerms
    extends KeyedCoProcessFunction<String, MonitoredTerm, TermEvent, MonitoredTerm> {
  private static final long serialVersionUID = 1L;
  private static final long DAY_MS = 86_400_000L;

  private final long allowedLatenessMs;

  private transient MapState<String, MonitoredTerm> open;
  private transient MapState<Long, List<TermEvent>> pending;
  private transient Counter ended;
  private transient Counter unknown;

  /**
   * @param allowedLatenessMs how long after a term's window a late renewal or lapse may still come
   */
  public LabelMonitoredTerms(long allowedLatenessMs) {
    this.allowedLatenessMs = allowedLatenessMs;
  }

  @Override
  public void open(OpenContext openContext) {
    open =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "monitored-terms", Types.STRING, TypeInformation.of(MonitoredTerm.class)));
    pending =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "monitored-term-events",
                    Types.LONG,
                    Types.LIST(TypeInformation.of(TermEvent.class))));
    ended = getRuntimeContext().getMetricGroup().counter("lapsewatch_monitored_terms_ended");
    unknown =
        getRuntimeContext().getMetricGroup().counter("lapsewatch_monitored_terms_ended_unknown");
  }

  @Override
  public void processElement1(MonitoredTerm t, Context ctx, Collector<MonitoredTerm> out)
      throws Exception {
    String key = MonitoredTerms.key(t);
    // A replay (restart, or an event at the milestone instant) scores the term again: keep one.
    if (!open.contains(key)) {
      open.put(key, t);
      ctx.timerService().registerEventTimeTimer(expiry(t));
    }
  }

  @Override
  public void processElement2(TermEvent t, Context ctx, Collector<MonitoredTerm> out)
      throws Exception {
    if (t.type == EventType.POLICYHOLDER_ERASED) {
      forget(ctx);
      return;
    }
    List<TermEvent> at = pending.get(t.at);
    if (at == null) {
      at = new ArrayList<>(1);
    }
    at.add(t);
    pending.put(t.at, at);
    ctx.timerService().registerEventTimeTimer(t.at);
  }

  /** Drops every held term, waiting term event and timer of the current policyholder. */
  private void forget(Context ctx) throws Exception {
    for (MonitoredTerm t : open.values()) {
      ctx.timerService().deleteEventTimeTimer(expiry(t));
    }
    for (Long at : pending.keys()) {
      ctx.timerService().deleteEventTimeTimer(at);
    }
    open.clear();
    pending.clear();
  }

  @Override
  public void onTimer(long ts, OnTimerContext ctx, Collector<MonitoredTerm> out) throws Exception {
    List<TermEvent> due = pending.get(ts);
    if (due != null) {
      pending.remove(ts);
      for (TermEvent t : due) {
        resolve(t, ctx, out);
      }
    }
    // At the end of a bounded input the watermark jumps to the end of time: windows have not
    // really closed, so nothing is declared unknown.
    if (ctx.timerService().currentWatermark() != Long.MAX_VALUE) {
      Iterator<Map.Entry<String, MonitoredTerm>> it = open.iterator();
      while (it.hasNext()) {
        if (expiry(it.next().getValue()) <= ts) {
          unknown.inc();
          it.remove();
        }
      }
    }
    // Heap map state keeps an emptied map (and so the key) until it is cleared.
    if (open.isEmpty()) {
      open.clear();
    }
    if (pending.isEmpty()) {
      pending.clear();
    }
  }

  private void resolve(TermEvent e, OnTimerContext ctx, Collector<MonitoredTerm> out)
      throws Exception {
    Iterator<Map.Entry<String, MonitoredTerm>> it = open.iterator();
    while (it.hasNext()) {
      MonitoredTerm t = it.next().getValue();
      if (t.policyId.equals(e.policyId) && t.asOf <= e.at) {
        String outcome =
            e.type == EventType.POLICY_RENEWED ? MonitoredTerm.RENEWED : MonitoredTerm.LAPSED;
        out.collect(t.ended(outcome, PolicyholderState.dayOf(e.at)));
        ended.inc();
        ctx.timerService().deleteEventTimeTimer(expiry(t));
        it.remove();
      }
    }
  }

  /** When a term without an end is given up: its window's end plus the allowed lateness. */
  private long expiry(MonitoredTerm t) {
    return (t.renewalDate + (long) TrackOutcomes.WINDOW_DAYS) * DAY_MS + allowedLatenessMs;
  }
}
