package io.lapsewatch.flinkjobs.functions;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.Arm;
import io.lapsewatch.alertcontract.RetentionAction;
import io.lapsewatch.featurestore.features.PolicyholderState;
import io.lapsewatch.flinkjobs.decision.DailyChoice;
import io.lapsewatch.flinkjobs.decision.UpliftMetrics;
import java.util.ArrayList;
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
 * event-time day wait until the day ends; then the top {@code k} by expected value go out ({@link
 * DailyChoice}: lapse probability × annual premium × save rate, or uplift × premium − contact cost
 * when the uplift mode is active), the rest wait for the next day while their deadline allows and
 * are dropped (and counted) after. In the uplift mode a treated alert with a negative estimated
 * effect is never sent. Holdout alerts take no capacity and pass at once, untouched in every mode.
 */
public class ApplyCapacity extends KeyedProcessFunction<String, Alert, Alert> {
  private static final long serialVersionUID = 1L;
  private static final long DAY_MS = 86_400_000L;
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(ApplyCapacity.class);

  private final Map<String, Integer> dailyCapacity;

  private transient ListState<Alert> waiting;
  private transient Counter deferred;
  private transient Counter dropped;
  private transient UpliftMetrics uplift;

  /**
   * @param dailyCapacity alerts per day per team (action name); a missing team is unlimited
   */
  public ApplyCapacity(Map<String, Integer> dailyCapacity) {
    this.dailyCapacity = Map.copyOf(dailyCapacity);
  }

  /** Expected value of acting under the risk ranking: what the save would be worth. */
  static double expectedValue(Alert a) {
    return DailyChoice.riskValue(a);
  }

  /** The uplift counters (tests read them: they are in per-action metric groups). */
  UpliftMetrics upliftMetrics() {
    return uplift;
  }

  @Override
  public void open(OpenContext openContext) {
    waiting =
        getRuntimeContext()
            .getListState(new ListStateDescriptor<>("waiting", TypeInformation.of(Alert.class)));
    deferred = getRuntimeContext().getMetricGroup().counter("lapsewatch_alerts_deferred");
    dropped = getRuntimeContext().getMetricGroup().counter("lapsewatch_alerts_dropped_capacity");
    uplift = new UpliftMetrics(getRuntimeContext().getMetricGroup());
  }

  @Override
  public void processElement(Alert a, Context ctx, Collector<Alert> out) throws Exception {
    Integer capacity = dailyCapacity.get(ctx.getCurrentKey());
    if (a.erasure) {
      forget(a.policyholderId);
      out.collect(a);
      return;
    }
    if (a.arm == Arm.HOLDOUT) {
      out.collect(a);
      return;
    }
    if (capacity == null) {
      // No limit: only the uplift mode's refusal of a negative effect can hold a contact back.
      DailyChoice choice = DailyChoice.of(List.of(a), Integer.MAX_VALUE);
      uplift.record(a.action, choice);
      choice.contact().forEach(out::collect);
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
    int capacity = dailyCapacity.get(ctx.getCurrentKey());
    DailyChoice choice = DailyChoice.of(due, capacity);
    RetentionAction action = due.get(0).action;
    uplift.record(action, choice);
    if (choice.upliftOnly() + choice.riskOnly() > 0) {
      // Counts only: no policyholder id leaves the job through the log.
      LOG.info(
          "{} day {}: uplift and risk rankings disagree on {} uplift-only and {} risk-only of {}"
              + " due within capacity {}",
          action,
          PolicyholderState.dayOf(ts),
          choice.upliftOnly(),
          choice.riskOnly(),
          due.size(),
          capacity);
    }
    int today = PolicyholderState.dayOf(ts);
    boolean lastDayOfInput = ctx.timerService().currentWatermark() == Long.MAX_VALUE;
    choice.contact().forEach(out::collect);
    for (Alert a : choice.waiting()) {
      if (a.deadline > today + 1 && !lastDayOfInput) {
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
