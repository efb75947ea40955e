package io.lapsewatch.flinkjobs.functions;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.Arm;
import io.lapsewatch.alertcontract.RetentionAction;
import io.lapsewatch.featurestore.features.PolicyholderState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * A team's daily capacity (keyed by the team: the retention action). Treated alerts of one
 * event-time day wait until the day ends; then the top {@code k} by expected value (lapse
 * probability × annual premium × save rate) go out, the rest wait for the next day while their
 * deadline allows and are dropped (and counted) after. Holdout alerts take no capacity and pass at
 * once.
 */
public class ApplyCapacity extends KeyedProcessFunction<String, Alert, Alert> {
  private static final long serialVersionUID = 1L;
  private static final long DAY_MS = 86_400_000L;

  private final Map<String, Integer> dailyCapacity;

  private transient ListState<Alert> waiting;
  private transient Counter deferred;
  private transient Counter dropped;

  /**
   * @param dailyCapacity alerts per day per team (action name); a missing team is unlimited
   */
  public ApplyCapacity(Map<String, Integer> dailyCapacity) {
    this.dailyCapacity = Map.copyOf(dailyCapacity);
  }

  /** Expected value of acting: what the save would be worth. */
  static double expectedValue(Alert a) {
    double saveRate = a.action == RetentionAction.AGENT_CALLBACK ? 0.5 : 0.3;
    return a.score * a.annualPremium * saveRate;
  }

  @Override
  public void open(OpenContext openContext) {
    waiting =
        getRuntimeContext()
            .getListState(new ListStateDescriptor<>("waiting", TypeInformation.of(Alert.class)));
    deferred = getRuntimeContext().getMetricGroup().counter("lapsewatch_alerts_deferred");
    dropped = getRuntimeContext().getMetricGroup().counter("lapsewatch_alerts_dropped_capacity");
  }

  @Override
  public void processElement(Alert a, Context ctx, Collector<Alert> out) throws Exception {
    Integer capacity = dailyCapacity.get(ctx.getCurrentKey());
    if (a.erasure) {
      forget(a.policyholderId);
      out.collect(a);
      return;
    }
    if (a.arm == Arm.HOLDOUT || capacity == null) {
      out.collect(a);
      return;
    }
    waiting.add(a);
    ctx.timerService().registerEventTimeTimer(endOfDay(a.asOf));
  }

  /** Drops the waiting alerts of an erased policyholder; their day's timer fires as a no-op. */
  private void forget(String policyholderId) throws Exception {
    List<Alert> keep = new ArrayList<>();
    for (Alert w : waiting.get()) {
      if (!w.policyholderId.equals(policyholderId)) {
        keep.add(w);
      }
    }
    waiting.update(keep);
  }

  private static long endOfDay(long t) {
    return Math.floorDiv(t, DAY_MS) * DAY_MS + DAY_MS - 1;
  }

  @Override
  public void onTimer(long ts, OnTimerContext ctx, Collector<Alert> out) throws Exception {
    List<Alert> due = new ArrayList<>();
    List<Alert> later = new ArrayList<>();
    for (Alert a : waiting.get()) {
      (a.asOf <= ts ? due : later).add(a);
    }
    if (due.isEmpty()) {
      return;
    }
    due.sort(
        Comparator.comparingDouble(ApplyCapacity::expectedValue)
            .reversed()
            .thenComparing(a -> a.alertId));
    int capacity = dailyCapacity.get(ctx.getCurrentKey());
    int today = PolicyholderState.dayOf(ts);
    int sent = 0;
    boolean lastDayOfInput = ctx.timerService().currentWatermark() == Long.MAX_VALUE;
    for (Alert a : due) {
      if (sent < capacity) {
        out.collect(a);
        sent++;
      } else if (a.deadline > today + 1 && !lastDayOfInput) {
        later.add(a);
        deferred.inc();
      } else {
        dropped.inc();
      }
    }
    waiting.update(later);
    if (!later.isEmpty()) {
      ctx.timerService().registerEventTimeTimer(ts + DAY_MS);
    }
  }
}
