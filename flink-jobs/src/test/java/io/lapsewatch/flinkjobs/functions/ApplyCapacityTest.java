package io.lapsewatch.flinkjobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.Arm;
import io.lapsewatch.alertcontract.RetentionAction;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A team's daily capacity: top-k by expected value, the rest wait or are dropped. */
class ApplyCapacityTest {
  private static final long DAY = 86_400_000L;
  private static final long HOUR = 3_600_000L;
  private static final int DAY0 = 20_000;

  private TestingMetrics metrics;
  private KeyedOneInputStreamOperatorTestHarness<String, Alert, Alert> h;

  @BeforeEach
  void open() throws Exception {
    metrics = new TestingMetrics();
    h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new ApplyCapacity(Map.of("RENEWAL_OFFER", 2))),
            (Alert a) -> a.action.name(),
            Types.STRING,
            metrics.environment());
    h.open();
  }

  @AfterEach
  void close() throws Exception {
    h.close();
  }

  private static Alert alert(String id, double score, double premium, Arm arm, int deadlineDay) {
    return alertOn(DAY0, id, score, premium, arm, deadlineDay);
  }

  private static Alert alertOn(
      int day, String id, double score, double premium, Arm arm, int deadlineDay) {
    Alert a = new Alert();
    a.alertId = id;
    a.policyholderId = "PH-" + id;
    a.score = score;
    a.annualPremium = premium;
    a.arm = arm;
    a.action = RetentionAction.RENEWAL_OFFER;
    a.asOf = day * DAY + HOUR;
    a.deadline = deadlineDay;
    return a;
  }

  private void raise(Alert... alerts) throws Exception {
    for (Alert a : alerts) {
      h.processElement(new StreamRecord<>(a, a.asOf));
    }
  }

  /** Event time reaches the start of {@code day}: the day before has ended. */
  private void dayStarts(int day) throws Exception {
    h.processWatermark(day * DAY);
  }

  private List<String> sent() {
    return h.extractOutputValues().stream().map(a -> a.alertId).toList();
  }

  private void assertNothingWaits() throws Exception {
    assertThat(h.numKeyedStateEntries()).as("keyed state entries").isZero();
    assertThat(h.numEventTimeTimers()).as("event-time timers").isZero();
    assertThat(h.numProcessingTimeTimers()).as("processing-time timers").isZero();
  }

  @Test
  void sendsTheTopTwoByExpectedValueAndCarriesTheRestToTomorrow() throws Exception {
    Alert small = alert("small", 0.9, 500, Arm.TREATED, DAY0 + 30); // EV 135
    Alert big = alert("big", 0.5, 4000, Arm.TREATED, DAY0 + 30); // EV 600
    Alert mid = alert("mid", 0.6, 2000, Arm.TREATED, DAY0 + 30); // EV 360
    Alert urgent = alert("urgent", 0.4, 300, Arm.TREATED, DAY0 + 1); // EV 36, deadline tomorrow
    raise(small, big, mid, urgent);
    assertThat(h.extractOutputValues()).isEmpty();

    dayStarts(DAY0 + 1);
    assertThat(sent()).containsExactly("big", "mid");
    assertThat(metrics.count("lapsewatch_alerts_deferred")).isEqualTo(1);
    assertThat(metrics.count("lapsewatch_alerts_dropped_capacity")).isEqualTo(1);

    dayStarts(DAY0 + 2);
    assertThat(sent()).containsExactly("big", "mid", "small");
    assertNothingWaits();
  }

  @Test
  void carriedAlertsCompeteWithTheNextDaysByExpectedValue() throws Exception {
    raise(
        alert("a", 0.9, 1000, Arm.TREATED, DAY0 + 30), // EV 270
        alert("b", 0.8, 1000, Arm.TREATED, DAY0 + 30), // EV 240
        alert("c", 0.7, 1000, Arm.TREATED, DAY0 + 30)); // EV 210, carried
    raise(
        alertOn(DAY0 + 1, "d", 0.9, 2000, Arm.TREATED, DAY0 + 30), // EV 540
        alertOn(DAY0 + 1, "e", 0.1, 1000, Arm.TREATED, DAY0 + 30)); // EV 30

    dayStarts(DAY0 + 1);
    assertThat(sent()).as("the next day's alerts wait for their own day").containsExactly("a", "b");

    dayStarts(DAY0 + 2);
    assertThat(sent()).containsExactly("a", "b", "d", "c");

    dayStarts(DAY0 + 3);
    assertThat(sent()).containsExactly("a", "b", "d", "c", "e");
    assertNothingWaits();
  }

  @Test
  void equalExpectedValuesGoOutInAlertIdOrder() throws Exception {
    raise(
        alert("z", 0.5, 1000, Arm.TREATED, DAY0 + 30),
        alert("x", 0.5, 1000, Arm.TREATED, DAY0 + 30),
        alert("y", 0.5, 1000, Arm.TREATED, DAY0 + 30));

    dayStarts(DAY0 + 1);
    assertThat(sent()).containsExactly("x", "y");
  }

  @Test
  void holdoutAlertsTakeNoCapacityAndPassAtOnce() throws Exception {
    Alert held = alert("held", 0.9, 9000, Arm.HOLDOUT, DAY0 + 30);
    raise(held);
    assertThat(sent()).containsExactly("held");
    assertNothingWaits();
  }

  @Test
  void aTeamWithoutACapacityIsUnlimited() throws Exception {
    Alert callback = alert("cb", 0.9, 9000, Arm.TREATED, DAY0 + 30);
    callback.action = RetentionAction.AGENT_CALLBACK;
    raise(callback);
    assertThat(sent()).containsExactly("cb");
    assertNothingWaits();
  }

  @Test
  void erasureDropsTheWaitingAlertsOfThatPolicyholderAndPassesOn() throws Exception {
    Alert erased = alert("gone", 0.9, 9000, Arm.TREATED, DAY0 + 30);
    Alert kept = alert("kept", 0.1, 100, Arm.TREATED, DAY0 + 30);
    raise(erased, kept);

    Alert marker =
        Alert.erasure(erased.policyholderId, RetentionAction.RENEWAL_OFFER, erased.asOf + HOUR);
    raise(marker);
    assertThat(h.extractOutputValues()).singleElement().matches(a -> a.erasure);

    dayStarts(DAY0 + 1);
    assertThat(h.extractOutputValues())
        .extracting(a -> a.policyholderId)
        .containsExactly(erased.policyholderId, kept.policyholderId);
    assertThat(h.extractOutputValues().get(1).alertId).isEqualTo("kept");
    assertNothingWaits();
  }

  @Test
  void erasureOfTheOnlyWaitingPolicyholderLeavesNothing() throws Exception {
    Alert erased = alert("gone", 0.9, 9000, Arm.TREATED, DAY0 + 30);
    raise(erased);
    raise(Alert.erasure(erased.policyholderId, RetentionAction.RENEWAL_OFFER, erased.asOf));

    assertThat(h.numKeyedStateEntries()).isZero();
    dayStarts(DAY0 + 1);
    assertThat(h.extractOutputValues()).singleElement().matches(a -> a.erasure);
    assertNothingWaits();
  }

  @Test
  void atTheEndOfABoundedInputWhatDoesNotFitIsDroppedNotCarried() throws Exception {
    raise(
        alert("a", 0.9, 1000, Arm.TREATED, DAY0 + 30),
        alert("b", 0.8, 1000, Arm.TREATED, DAY0 + 30),
        alert("c", 0.7, 1000, Arm.TREATED, DAY0 + 30));

    h.processWatermark(Long.MAX_VALUE);

    assertThat(sent()).containsExactly("a", "b");
    assertThat(metrics.count("lapsewatch_alerts_dropped_capacity")).isEqualTo(1);
    assertThat(metrics.count("lapsewatch_alerts_deferred")).isZero();
    assertNothingWaits();
  }
}
