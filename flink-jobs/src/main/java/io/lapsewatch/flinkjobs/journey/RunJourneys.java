package io.lapsewatch.flinkjobs.journey;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.flinkjobs.JobCounters;
import io.lapsewatch.journeys.engine.JourneyEngine;
import io.lapsewatch.journeys.engine.JourneySignal;
import io.lapsewatch.journeys.engine.JourneyState;
import io.lapsewatch.journeys.plan.JourneyPlans;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Runs each policyholder's retention journey (keyed by policyholder): the decision's at-risk alerts
 * enter plans, and term ends, the desk's results, consent changes and fresh scores move them on;
 * steps come due on event-time timers. The {@link JourneyEngine} decides; this operator keeps its
 * state in Flink (checkpointed, so a restart loses no step and repeats none) and feeds it in
 * event-time order: signals wait for the watermark and are applied by time, then kind, so a replay
 * or a different arrival order gives the same steps. Alerts no plan admits pass through unchanged.
 *
 * <p>At the end of a bounded input the watermark jumps to the end of time; steps due after the
 * latest signal seen then wait, as the features' calendar does, instead of going out at times the
 * input never reached (a resumed or longer run takes them when their time comes).
 */
public class RunJourneys extends KeyedProcessFunction<String, JourneySignal, Alert>
    implements org.apache.flink.streaming.api.checkpoint.CheckpointedFunction {
  private static final long serialVersionUID = 1L;

  private static final Comparator<JourneySignal> ORDER =
      Comparator.comparingLong((JourneySignal s) -> s.at)
          .thenComparing(s -> s.kind)
          .thenComparing(RunJourneys::tieBreak);

  /** The alert's id, or for an erasure marker (no id) its action: a total order on replay. */
  private static String tieBreak(JourneySignal s) {
    if (s.alert == null) {
      return "";
    }
    return s.alert.alertId != null ? s.alert.alertId : String.valueOf(s.alert.action);
  }

  private final JourneyPlans plans;

  private transient ValueState<JourneyState> journey;
  private transient MapState<Long, List<JourneySignal>> waiting;
  private transient JourneyEngine engine;

  /** The latest signal time this subtask has seen, kept in operator state. */
  private transient long inputEnd;

  private transient org.apache.flink.api.common.state.ListState<Long> inputEndState;

  public RunJourneys(JourneyPlans plans) {
    this.plans = plans;
  }

  @Override
  public void open(OpenContext openContext) {
    journey =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>("journey", TypeInformation.of(JourneyState.class)));
    waiting =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "journey-signals",
                    Types.LONG,
                    Types.LIST(TypeInformation.of(JourneySignal.class))));
    engine =
        new JourneyEngine(plans, new JourneyMetrics(getRuntimeContext(), JobCounters.JOURNEYS));
  }

  @Override
  public void processElement(JourneySignal s, Context ctx, Collector<Alert> out) throws Exception {
    inputEnd = Math.max(inputEnd, s.at);
    List<JourneySignal> at = waiting.get(s.at);
    List<JourneySignal> list = at == null ? new ArrayList<>() : new ArrayList<>(at);
    list.add(s);
    waiting.put(s.at, list);
    ctx.timerService().registerEventTimeTimer(s.at);
  }

  @Override
  public void initializeState(org.apache.flink.runtime.state.FunctionInitializationContext context)
      throws Exception {
    inputEndState =
        context
            .getOperatorStateStore()
            .getListState(
                new org.apache.flink.api.common.state.ListStateDescriptor<>(
                    "journey-input-end", Types.LONG));
    inputEnd = Long.MIN_VALUE;
    for (Long t : inputEndState.get()) {
      inputEnd = Math.max(inputEnd, t);
    }
  }

  @Override
  public void snapshotState(org.apache.flink.runtime.state.FunctionSnapshotContext context)
      throws Exception {
    inputEndState.update(List.of(inputEnd));
  }

  @Override
  public void onTimer(long ts, OnTimerContext ctx, Collector<Alert> out) throws Exception {
    boolean beyondInput = ctx.timerService().currentWatermark() == Long.MAX_VALUE && ts > inputEnd;
    List<JourneySignal> due = new ArrayList<>();
    List<Long> done = new ArrayList<>();
    for (var e : waiting.entries()) {
      if (e.getKey() <= ts) {
        due.addAll(e.getValue());
        done.add(e.getKey());
      }
    }
    for (Long k : done) {
      waiting.remove(k);
    }
    due.sort(ORDER);
    JourneyState s = journey.value();
    List<Alert> emitted = new ArrayList<>();
    boolean erased = false;
    for (JourneySignal signal : due) {
      s = engine.apply(s, signal, emitted);
      erased |= signal.kind == io.lapsewatch.journeys.engine.SignalKind.ERASURE;
    }
    if (erased) {
      // Nothing of an erased policyholder is kept, not even signals waiting for their time.
      waiting.clear();
    }
    if (s != null && !beyondInput) {
      s = engine.advance(s, ts, emitted);
    }
    for (Alert a : emitted) {
      out.collect(a);
    }
    if (s == null) {
      journey.clear();
    } else {
      journey.update(s);
      long wake = JourneyEngine.wakeUp(s, ts);
      if (!beyondInput && wake > ts) {
        // A stale wake-up (a step taken early by a signal) fires harmlessly: nothing is due.
        ctx.timerService().registerEventTimeTimer(wake);
      }
    }
  }
}
