package io.lapsewatch.flinkjobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.Arm;
import io.lapsewatch.alertcontract.RetentionAction;
import io.lapsewatch.flinkjobs.decision.Ranking;
import io.lapsewatch.flinkjobs.decision.UpliftDecisionSettings;
import io.lapsewatch.flinkjobs.decision.UpliftModels;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The capacity stage deciding by uplift, and the risk ranking beside it as a shadow. */
class ApplyCapacityUpliftTest {
  private static final long DAY = 86_400_000L;
  private static final long HOUR = 3_600_000L;
  private static final int DAY0 = 20_000;
  private static final UpliftDecisionSettings COSTS =
      new UpliftDecisionSettings(Ranking.UPLIFT, 5, 40, 500, null);
  private static final RetentionAction OFFER = RetentionAction.RENEWAL_OFFER;

  private ApplyCapacity capacity;
  private KeyedOneInputStreamOperatorTestHarness<String, Alert, Alert> h;

  private void open(Map<String, Integer> daily) throws Exception {
    capacity = new ApplyCapacity(daily);
    h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(capacity),
            (Alert a) -> a.action.name(),
            Types.STRING,
            new TestingMetrics().environment());
    h.open();
  }

  @AfterEach
  void close() throws Exception {
    h.close();
  }

  /** A treated offer with an uplift estimate; {@code active}: the gate is open. */
  private static Alert alert(
      String id, double score, double premium, double uplift, boolean active) {
    Alert a = new Alert();
    a.alertId = id;
    a.policyholderId = "PH-" + id;
    a.score = score;
    a.annualPremium = premium;
    a.arm = Arm.TREATED;
    a.action = OFFER;
    a.asOf = DAY0 * DAY + HOUR;
    a.deadline = DAY0 + 30;
    a.uplift = uplift;
    a.expectedValue = COSTS.expectedValue(OFFER, uplift, premium);
    a.rankedBy = active ? UpliftModels.RANKED_BY_UPLIFT : null;
    return a;
  }

  private void raise(Alert... alerts) throws Exception {
    for (Alert a : alerts) {
      h.processElement(new StreamRecord<>(a, a.asOf));
    }
  }

  private List<String> sent() {
    return h.extractOutputValues().stream().map(a -> a.alertId).toList();
  }

  private void dayEnds() throws Exception {
    h.processWatermark((DAY0 + 1) * DAY);
  }

  @Test
  void upliftRankingSendsTheHighestUpliftTimesPremiumLessCost() throws Exception {
    open(Map.of(OFFER.name(), 2));
    // Risk order: risky > middle > calm. Value order: calm (0.3*2000-5=595) > middle
    // (0.1*3000-5=295) > risky (0.01*4000-5=35).
    raise(
        alert("risky", 0.95, 4000, 0.01, true),
        alert("middle", 0.6, 3000, 0.10, true),
        alert("calm", 0.4, 2000, 0.30, true));
    dayEnds();

    assertThat(sent()).containsExactly("calm", "middle");
    // The shadow risk ranking would have sent risky and middle.
    assertThat(capacity.upliftMetrics().upliftOnly(OFFER)).isEqualTo(1);
    assertThat(capacity.upliftMetrics().riskOnly(OFFER)).isEqualTo(1);
  }

  @Test
  void contactCostDecidesBetweenEqualUpliftTimesPremium() throws Exception {
    open(Map.of(OFFER.name(), 1));
    Alert cheap = alert("a", 0.5, 1000, 0.10, true); // 100 - 5 = 95
    Alert small = alert("b", 0.5, 1000, 0.09, true); // 90 - 5 = 85
    raise(small, cheap);
    dayEnds();

    assertThat(sent()).containsExactly("a");
  }

  @Test
  void neverContactsANegativeEffectWhileHoldoutAlertsPassUnchanged() throws Exception {
    open(Map.of(OFFER.name(), 5));
    Alert dog = alert("dog", 0.9, 5000, -0.2, true);
    Alert persuadable = alert("persuadable", 0.5, 1000, 0.2, true);
    Alert holdout = alert("holdout", 0.9, 5000, 0, true);
    holdout.arm = Arm.HOLDOUT;
    holdout.uplift = null;
    holdout.expectedValue = null;
    holdout.rankedBy = null;
    raise(dog, holdout, persuadable);

    assertThat(h.extractOutputValues())
        .as("holdout passes at once, as it came")
        .containsExactly(holdout);
    dayEnds();

    assertThat(sent()).containsExactly("holdout", "persuadable");
    assertThat(capacity.upliftMetrics().negativeEffect(OFFER)).isEqualTo(1);
    assertThat(capacity.upliftMetrics().riskOnly(OFFER))
        .as("risk would have called the dog")
        .isEqualTo(1);
    assertThat(h.numKeyedStateEntries()).as("nothing waits").isZero();
  }

  @Test
  void withoutACapacityLimitANegativeEffectIsStillNeverContacted() throws Exception {
    open(Map.of());
    raise(alert("dog", 0.9, 5000, -0.01, true), alert("ok", 0.9, 5000, 0.01, true));

    assertThat(sent()).containsExactly("ok");
    assertThat(capacity.upliftMetrics().negativeEffect(OFFER)).isEqualTo(1);
  }

  @Test
  void belowTheGateTheRiskRankingDecidesAndTheShadowCountsDisagreements() throws Exception {
    open(Map.of(OFFER.name(), 2));
    raise(
        alert("risky", 0.95, 4000, 0.01, false),
        alert("dog", 0.9, 4000, -0.1, false),
        alert("calm", 0.4, 2000, 0.30, false));
    dayEnds();

    assertThat(sent()).as("risk order, negative effect included").containsExactly("risky", "dog");
    assertThat(capacity.upliftMetrics().negativeEffect(OFFER)).as("nothing suppressed").isZero();
    assertThat(capacity.upliftMetrics().upliftOnly(OFFER)).as("calm").isEqualTo(1);
    assertThat(capacity.upliftMetrics().riskOnly(OFFER)).as("dog").isEqualTo(1);
  }

  @Test
  void theRankingsAgreeingCountsNoDisagreement() throws Exception {
    open(Map.of(OFFER.name(), 1));
    raise(alert("best", 0.9, 5000, 0.3, true), alert("worse", 0.2, 500, 0.01, true));
    dayEnds();

    assertThat(sent()).containsExactly("best");
    assertThat(capacity.upliftMetrics().upliftOnly(OFFER)).isZero();
    assertThat(capacity.upliftMetrics().riskOnly(OFFER)).isZero();
  }
}
