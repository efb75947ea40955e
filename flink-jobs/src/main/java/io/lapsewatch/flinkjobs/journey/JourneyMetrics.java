package io.lapsewatch.flinkjobs.journey;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.Arm;
import io.lapsewatch.flinkjobs.JobCounters;
import io.lapsewatch.journeys.engine.JourneyListener;
import io.lapsewatch.journeys.engine.StepResult;
import io.lapsewatch.journeys.plan.ExitReason;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * Counts journeys in an operator's metrics and in the {@link JobCounters#JOURNEYS} accumulator:
 * {@code lapsewatch_journeys_entered_total{plan,version,arm}}, {@code
 * lapsewatch_journey_entries_refused_total{plan,version,arm}}, {@code
 * lapsewatch_journeys_completed_total{plan,version,arm}}, {@code
 * lapsewatch_journey_steps_total{plan,version,step,result,arm}}, {@code
 * lapsewatch_journeys_exited_total{plan,version,step,reason,arm}} and {@code
 * lapsewatch_journey_steps_suppressed_total{plan,version,step,reason,arm}}. Plan and step ids come
 * from the validated plans file, so the label sets are bounded by it.
 */
public final class JourneyMetrics implements JourneyListener {
  private final MetricGroup group;
  private final JourneyTally tally;
  private final Map<List<String>, Counter> counters = new HashMap<>();

  /**
   * @param accumulator the accumulator's name: one per operator, as a task may not register a name
   *     twice ({@link JobCounters#JOURNEYS}, {@link JobCounters#JOURNEY_SUPPRESSIONS})
   */
  public JourneyMetrics(RuntimeContext context, String accumulator) {
    this.group = context.getMetricGroup();
    JourneyTally t = new JourneyTally();
    context.addAccumulator(accumulator, t);
    this.tally = t;
  }

  @Override
  public void entered(String plan, int version, Arm arm) {
    count("lapsewatch_journeys_entered_total", plan, version, null, null, null, arm);
    tally.add(JourneyTally.key("entered", plan, version, "-", label(arm)));
  }

  @Override
  public void entryRefused(String plan, int version, Arm arm) {
    count("lapsewatch_journey_entries_refused_total", plan, version, null, null, null, arm);
    tally.add(JourneyTally.key("refused", plan, version, "-", label(arm)));
  }

  @Override
  public void step(String plan, int version, String step, StepResult result, Arm arm) {
    count("lapsewatch_journey_steps_total", plan, version, step, "result", result.label(), arm);
    tally.add(JourneyTally.key(result.label(), plan, version, step, label(arm)));
  }

  @Override
  public void completed(String plan, int version, Arm arm) {
    count("lapsewatch_journeys_completed_total", plan, version, null, null, null, arm);
    tally.add(JourneyTally.key("completed", plan, version, "-", label(arm)));
  }

  @Override
  public void exited(String plan, int version, String atStep, ExitReason reason, Arm arm) {
    count("lapsewatch_journeys_exited_total", plan, version, atStep, "reason", reason.label(), arm);
    tally.add(JourneyTally.key("exited", plan, version, reason.label(), label(arm)));
  }

  /** A journey step's alert the contact rules kept from going out, with their reason. */
  public void suppressed(Alert a, String reason) {
    count(
        "lapsewatch_journey_steps_suppressed_total",
        a.journey,
        a.journeyVersion,
        a.journeyStep,
        "reason",
        reason,
        a.arm);
    tally.add(
        JourneyTally.key("suppressed", a.journey, a.journeyVersion, a.journeyStep, label(a.arm)));
  }

  private void count(
      String name,
      String plan,
      int version,
      String step,
      String extraKey,
      String extraValue,
      Arm arm) {
    List<String> key =
        java.util.Arrays.asList(
            name, plan, String.valueOf(version), step, extraKey, extraValue, label(arm));
    counters
        .computeIfAbsent(
            key,
            k -> {
              MetricGroup g =
                  group.addGroup("plan", plan).addGroup("version", String.valueOf(version));
              if (step != null) {
                g = g.addGroup("step", step);
              }
              if (extraKey != null) {
                g = g.addGroup(extraKey, extraValue);
              }
              return g.addGroup("arm", label(arm)).counter(name);
            })
        .inc();
  }

  private static String label(Arm arm) {
    return (arm == null ? Arm.TREATED : arm).name().toLowerCase(Locale.ROOT);
  }
}
