package io.lapsewatch.cli;

import io.lapsewatch.alertcontract.Arm;
import io.lapsewatch.alertcontract.Outcome;
import io.lapsewatch.alertcontract.OutcomeKind;
import io.lapsewatch.journeys.plan.JourneyPlan;
import io.lapsewatch.journeys.plan.PlanStep;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The demo summary's journeys table: per plan version and step, what the job counted (its {@code
 * journeys} and {@code journey-suppressions} accumulators, both arms) and the recovery of the
 * step's alerts, treated against holdout, from the outcomes (every step's outcome counts here,
 * follow-ups included, once per alert, as the alerts service's journey recovery rate).
 */
final class DemoJourneyTable {
  private final List<JourneyPlan> plans;
  private final Map<String, Long> journeys;
  private final Map<String, Long> suppressions;

  /** Recovered and lapsed per "plan|version|step|ARM". */
  private final Map<String, long[]> recovery = new TreeMap<>();

  /**
   * @param plans the plans file's plans, in file order (the table's order)
   * @param journeys the job's {@code journeys} tally ({@code what|plan|version|detail|arm})
   * @param suppressions the job's {@code journey-suppressions} tally
   * @param outcomes the outcomes on the outcomes topic
   */
  DemoJourneyTable(
      List<JourneyPlan> plans,
      Map<String, Long> journeys,
      Map<String, Long> suppressions,
      List<Outcome> outcomes) {
    this.plans = plans;
    this.journeys = journeys == null ? Map.of() : journeys;
    this.suppressions = suppressions == null ? Map.of() : suppressions;
    Set<String> seen = new HashSet<>();
    for (Outcome o : outcomes) {
      if (o.journey == null || o.arm == null || o.alertId == null || !seen.add(o.alertId)) {
        continue;
      }
      long[] rl =
          recovery.computeIfAbsent(
              o.journey + "|" + o.journeyVersion + "|" + o.journeyStep + "|" + o.arm.name(),
              k -> new long[2]);
      if (o.outcome == OutcomeKind.RECOVERED) {
        rl[0]++;
      } else if (o.outcome == OutcomeKind.LAPSED) {
        rl[1]++;
      }
    }
  }

  /** A count of the tally summed over both arms, 0 when absent. */
  private static long count(Map<String, Long> tally, String what, JourneyPlan p, String detail) {
    long n = 0;
    for (Arm arm : Arm.values()) {
      String key =
          what + "|" + p.id() + "|" + p.version() + "|" + detail + "|" + arm.name().toLowerCase();
      n += tally.getOrDefault(key, 0L);
    }
    return n;
  }

  /** Exits of {@code p} by reason, in the tally's order (both arms). */
  private Map<String, Long> exits(JourneyPlan p) {
    Map<String, Long> byReason = new LinkedHashMap<>();
    String prefix = "exited|" + p.id() + "|" + p.version() + "|";
    journeys.forEach(
        (k, v) -> {
          if (k.startsWith(prefix)) {
            String reason = k.substring(prefix.length(), k.lastIndexOf('|'));
            byReason.merge(reason, v, Long::sum);
          }
        });
    return byReason;
  }

  private String recovery(JourneyPlan p, String step, Arm arm) {
    long[] rl = recovery.get(p.id() + "|" + p.version() + "|" + step + "|" + arm.name());
    if (rl == null || rl[0] + rl[1] == 0) {
      return String.format("%-16s", "n/a");
    }
    return String.format(
        "%-16s",
        String.format("%.1f%% (%d/%d)", 100.0 * rl[0] / (rl[0] + rl[1]), rl[0], rl[0] + rl[1]));
  }

  /** The table's lines. */
  List<String> lines() {
    List<String> out = new ArrayList<>();
    out.add(
        String.format(
            "    %-28s %8s %7s %7s %9s %10s  %-16s %s",
            "plan / step",
            "entered",
            "taken",
            "skipped",
            "cancelled",
            "suppressed",
            "recovery TREATED",
            "HOLDOUT"));
    for (JourneyPlan p : plans) {
      out.add(
          String.format(
              "    %-28s %8d%s", p.label(), count(journeys, "entered", p, "-"), refused(p)));
      for (PlanStep step : p.steps()) {
        out.add(
            String.format(
                    "      %-26s %8s %7d %7d %9d %10d  %s %s",
                    step.id(),
                    "",
                    count(journeys, "taken", p, step.id()),
                    count(journeys, "skipped", p, step.id()),
                    count(journeys, "cancelled", p, step.id()),
                    count(suppressions, "suppressed", p, step.id()),
                    recovery(p, step.id(), Arm.TREATED),
                    recovery(p, step.id(), Arm.HOLDOUT))
                .stripTrailing());
      }
      StringBuilder exits = new StringBuilder();
      exits(p).forEach((r, n) -> exits.append(exits.length() == 0 ? "" : ", ").append(r + " " + n));
      long exited = exits(p).values().stream().mapToLong(Long::longValue).sum();
      out.add(
          String.format(
              "      completed %d; exits: %s; still on it %d",
              count(journeys, "completed", p, "-"),
              exits.length() == 0 ? "none" : exits,
              count(journeys, "entered", p, "-") - exited));
    }
    return out;
  }

  private String refused(JourneyPlan p) {
    long refused = count(journeys, "refused", p, "-");
    return refused == 0
        ? ""
        : String.format(" (%d refused: on a journey of equal or higher priority)", refused);
  }

  void print(PrintStream out) {
    lines().forEach(out::println);
  }
}
