package io.lapsewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lapsewatch.alertcontract.Arm;
import io.lapsewatch.alertcontract.Outcome;
import io.lapsewatch.alertcontract.OutcomeKind;
import io.lapsewatch.journeys.plan.JourneyPlan;
import io.lapsewatch.journeys.plan.PlanException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journeys table of the demo summary, from fixed job tallies and outcomes. */
class DemoJourneyTableTest {
  @TempDir Path dir;

  private static Outcome outcome(
      String id, String step, Arm arm, OutcomeKind kind, boolean followUp) {
    Outcome o = new Outcome();
    o.alertId = id;
    o.arm = arm;
    o.outcome = kind;
    o.journey = "standard-renewal";
    o.journeyVersion = 1;
    o.journeyStep = step;
    o.followUp = followUp;
    return o;
  }

  private List<JourneyPlan> shipped() throws Exception {
    return DemoJourneys.plans(DemoJourneys.prepare(null, dir));
  }

  @Test
  void shouldWriteTheShippedPlansFromTheClassPath() throws Exception {
    Path file = DemoJourneys.prepare(null, dir);

    assertThat(file).isEqualTo(dir.resolve("retention-journeys.yaml").toAbsolutePath());
    assertThat(Files.readString(file))
        .isEqualTo(Files.readString(Path.of("../deploy/journeys/retention-journeys.yaml")));
    assertThat(DemoJourneys.describe(file))
        .isEqualTo("high-value-callback v1, standard-renewal v1");
  }

  @Test
  void shouldRefuseAMissingOrInvalidPlansFileNamingIt() throws Exception {
    assertThatThrownBy(() -> DemoJourneys.prepare(dir.resolve("nope.yaml"), dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--journeys")
        .hasMessageContaining("nope.yaml");
    Path bad = Files.writeString(dir.resolve("bad.yaml"), "version: 2\nplans: []\n");
    assertThatThrownBy(() -> DemoJourneys.prepare(bad, dir))
        .isInstanceOf(PlanException.class)
        .hasMessageContaining("version");
  }

  @Test
  void shouldTabulateEachPlanAndStepWithRecoveryByArm() throws Exception {
    Map<String, Long> tally = new TreeMap<>();
    tally.put("entered|standard-renewal|1|-|treated", 90L);
    tally.put("entered|standard-renewal|1|-|holdout", 10L);
    tally.put("taken|standard-renewal|1|renewal-offer|treated", 88L);
    tally.put("taken|standard-renewal|1|renewal-offer|holdout", 10L);
    tally.put("cancelled|standard-renewal|1|callback-if-silent|treated", 30L);
    tally.put("skipped|standard-renewal|1|callback-if-silent|treated", 40L);
    tally.put("taken|standard-renewal|1|callback-if-silent|treated", 18L);
    tally.put("exited|standard-renewal|1|renewed|treated", 50L);
    tally.put("completed|standard-renewal|1|-|treated", 40L);
    tally.put("exited|standard-renewal|1|risk_fallen|treated", 6L);
    tally.put("exited|standard-renewal|1|lapsed|holdout", 4L);
    tally.put("entered|high-value-callback|1|-|treated", 7L);
    tally.put("refused|high-value-callback|1|-|treated", 2L);
    Map<String, Long> suppressed =
        Map.of("suppressed|standard-renewal|1|renewal-offer|treated", 2L);
    List<Outcome> outcomes = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      outcomes.add(
          outcome(
              "t" + i,
              "renewal-offer",
              Arm.TREATED,
              i < 3 ? OutcomeKind.RECOVERED : OutcomeKind.LAPSED,
              false));
    }
    outcomes.add(outcome("t0", "renewal-offer", Arm.TREATED, OutcomeKind.LAPSED, false));
    outcomes.add(outcome("h0", "renewal-offer", Arm.HOLDOUT, OutcomeKind.LAPSED, false));
    outcomes.add(outcome("h1", "renewal-offer", Arm.HOLDOUT, OutcomeKind.RECOVERED, false));
    outcomes.add(outcome("c0", "callback-if-silent", Arm.TREATED, OutcomeKind.RECOVERED, true));
    outcomes.add(
        outcome("c1", "callback-if-silent", Arm.TREATED, OutcomeKind.EXPIRED_UNKNOWN, true));

    List<String> lines = new DemoJourneyTable(shipped(), tally, suppressed, outcomes).lines();

    assertThat(lines)
        .containsExactly(
            "    plan / step                   entered   taken skipped cancelled suppressed  recovery TREATED HOLDOUT",
            "    high-value-callback v1              7 (2 refused: on a journey of equal or higher priority)",
            "      priority-callback                         0       0         0          0  n/a              n/a",
            "      offer-if-unreachable                      0       0         0          0  n/a              n/a",
            "      completed 0; exits: none; still on it 7",
            "    standard-renewal v1               100",
            "      renewal-offer                            98       0         0          2  75.0% (3/4)      50.0% (1/2)",
            "      callback-if-silent                       18      40        30          0  100.0% (1/1)     n/a",
            "      offer-by-email                            0       0         0          0  n/a              n/a",
            "      completed 40; exits: lapsed 4, renewed 50, risk_fallen 6; still on it 40");
  }
}
