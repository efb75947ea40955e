package io.lapsewatch.flinkjobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.Arm;
import io.lapsewatch.alertcontract.Outcome;
import io.lapsewatch.alertcontract.OutcomeKind;
import io.lapsewatch.alertcontract.RetentionAction;
import io.lapsewatch.alertcontract.Tier;
import io.lapsewatch.featurestore.events.EventType;
import java.time.LocalDate;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Outcome tracking per alerted term, on Flink's operator test harness. */
class TrackOutcomesTest {
  private static final long DAY = 86_400_000L;
  private static final long LATENESS = 3 * DAY;
  private static final LocalDate RENEWAL = LocalDate.of(2025, 9, 1);

  private KeyedTwoInputStreamOperatorTestHarness<String, Alert, TermEvent, Outcome> harness;

  @BeforeEach
  void open() throws Exception {
    harness =
        new KeyedTwoInputStreamOperatorTestHarness<>(
            new KeyedCoProcessOperator<>(new TrackOutcomes(LATENESS)),
            a -> a.policyholderId,
            t -> t.policyholderId,
            Types.STRING);
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private static Alert alert(String holder) {
    Alert a = new Alert();
    a.alertId = "al-" + holder;
    a.policyholderId = holder;
    a.policyId = holder + "-P1";
    a.renewalDate = (int) RENEWAL.toEpochDay();
    a.asOf = RENEWAL.minusDays(40).toEpochDay() * DAY;
    a.arm = Arm.TREATED;
    a.tier = Tier.STANDARD;
    a.action = RetentionAction.RENEWAL_OFFER;
    a.annualPremium = 4_200;
    return a;
  }

  private void watermark(long t) throws Exception {
    harness.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(t));
  }

  private void alerted(Alert a) throws Exception {
    harness.processElement1(new StreamRecord<>(a, a.asOf));
  }

  private void term(String holder, EventType type, LocalDate on) throws Exception {
    long at = on.toEpochDay() * DAY + 9 * 3_600_000L;
    harness.processElement2(
        new StreamRecord<>(new TermEvent(holder, holder + "-P1", type, at), at));
  }

  @Test
  void renewalAfterTheAlertIsARecoveryAndLeavesNoState() throws Exception {
    alerted(alert("PH1"));
    term("PH1", EventType.POLICY_RENEWED, RENEWAL);
    watermark(RENEWAL.plusDays(1).toEpochDay() * DAY);

    assertThat(harness.extractOutputValues())
        .singleElement()
        .satisfies(o -> assertThat(o.outcome).isEqualTo(OutcomeKind.RECOVERED));
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void lateRenewalWithinTheAllowedLatenessStillCounts() throws Exception {
    alerted(alert("PH1"));
    LocalDate windowEnd = RENEWAL.plusDays(TrackOutcomes.WINDOW_DAYS);
    watermark(windowEnd.plusDays(1).toEpochDay() * DAY);
    assertThat(harness.extractOutputValues()).isEmpty();

    term("PH1", EventType.POLICY_RENEWED, windowEnd.minusDays(1));
    watermark(windowEnd.plusDays(2).toEpochDay() * DAY);

    assertThat(harness.extractOutputValues())
        .singleElement()
        .satisfies(o -> assertThat(o.outcome).isEqualTo(OutcomeKind.RECOVERED));
    assertNothingLeft();
  }

  @Test
  void nothingIsDeclaredUnknownUntilTheLatenessHasPassedTheWindow() throws Exception {
    alerted(alert("PH1"));
    LocalDate windowEnd = RENEWAL.plusDays(TrackOutcomes.WINDOW_DAYS);
    watermark(windowEnd.toEpochDay() * DAY + LATENESS);

    assertThat(harness.extractOutputValues())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.outcome).isEqualTo(OutcomeKind.EXPIRED_UNKNOWN);
              assertThat(o.resolvedAt).isEqualTo(windowEnd.toEpochDay() * DAY);
            });
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void erasureDropsEveryTrackedTermAndTimerAndNothingFollows() throws Exception {
    alerted(alert("PH1"));
    alerted(alert("PH2"));
    term("PH1", EventType.POLICY_RENEWED, RENEWAL);

    alerted(Alert.erasure("PH1", RetentionAction.RENEWAL_OFFER, alert("PH1").asOf));
    watermark(Long.MAX_VALUE - 1);

    assertThat(harness.extractOutputValues())
        .extracting(o -> o.policyholderId)
        .containsExactly("PH2");
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(harness.numKeyedStateEntries()).isZero();
  }

  private void assertNothingLeft() throws Exception {
    assertThat(harness.numKeyedStateEntries()).as("keyed state entries").isZero();
    assertThat(harness.numEventTimeTimers()).as("event-time timers").isZero();
    assertThat(harness.numProcessingTimeTimers()).as("processing-time timers").isZero();
  }

  private static long day(LocalDate d) {
    return d.toEpochDay() * DAY;
  }

  @Test
  void heldOutAlertIsFollowedLikeATreatedOneAndKeepsItsArm() throws Exception {
    Alert held = alert("PH1");
    held.arm = Arm.HOLDOUT;
    alerted(held);
    term("PH1", EventType.POLICY_LAPSED, RENEWAL.plusDays(5));
    watermark(day(RENEWAL.plusDays(6)));

    assertThat(harness.extractOutputValues())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.outcome).isEqualTo(OutcomeKind.LAPSED);
              assertThat(o.arm).isEqualTo(Arm.HOLDOUT);
              assertThat(o.alertId).isEqualTo(held.alertId);
              assertThat(o.alertedAt).isEqualTo(held.asOf);
            });
    assertNothingLeft();
  }

  @Test
  void cancellationCountsAsALapse() throws Exception {
    alerted(alert("PH1"));
    term("PH1", EventType.POLICY_CANCELLED, RENEWAL.minusDays(10));
    watermark(day(RENEWAL));

    assertThat(harness.extractOutputValues())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.outcome).isEqualTo(OutcomeKind.LAPSED);
              assertThat(o.resolvedAt).isEqualTo(day(RENEWAL.minusDays(10)) + 9 * 3_600_000L);
              // The alert's premium travels with the outcome (recovered-premium metric).
              assertThat(o.annualPremium).isEqualTo(4_200);
            });
    assertNothingLeft();
  }

  @Test
  void aRenewalDeliveredBeforeItsAlertIsStillMatchedInEventTimeOrder() throws Exception {
    term("PH1", EventType.POLICY_RENEWED, RENEWAL);
    alerted(alert("PH1"));
    watermark(day(RENEWAL.plusDays(1)));

    assertThat(harness.extractOutputValues())
        .singleElement()
        .satisfies(o -> assertThat(o.outcome).isEqualTo(OutcomeKind.RECOVERED));
    assertNothingLeft();
  }

  @Test
  void aTermEndingBeforeTheAlertOrOnAnotherPolicyLeavesTheAlertOpen() throws Exception {
    alerted(alert("PH1"));
    // The previous term's renewal, before the alert was raised.
    term("PH1", EventType.POLICY_RENEWED, RENEWAL.minusDays(365));
    // Another policy of the same policyholder.
    long at = day(RENEWAL) + 3_600_000L;
    harness.processElement2(
        new StreamRecord<>(new TermEvent("PH1", "PH1-P2", EventType.POLICY_LAPSED, at), at));
    watermark(day(RENEWAL.plusDays(1)));

    assertThat(harness.extractOutputValues()).isEmpty();
    assertThat(harness.numEventTimeTimers()).as("only the alert's expiry").isOne();

    term("PH1", EventType.POLICY_RENEWED, RENEWAL.plusDays(2));
    watermark(day(RENEWAL.plusDays(3)));
    assertThat(harness.extractOutputValues())
        .singleElement()
        .satisfies(o -> assertThat(o.outcome).isEqualTo(OutcomeKind.RECOVERED));
    assertNothingLeft();
  }

  @Test
  void aReplayedAlertIsTrackedOnceAndResolvedOnce() throws Exception {
    alerted(alert("PH1"));
    alerted(alert("PH1"));
    term("PH1", EventType.POLICY_RENEWED, RENEWAL);
    term("PH1", EventType.POLICY_RENEWED, RENEWAL);
    watermark(day(RENEWAL.plusDays(1)));

    assertThat(harness.extractOutputValues()).hasSize(1);
    assertNothingLeft();
  }

  @Test
  void aRenewalLaterThanTheAllowedLatenessDoesNotOverturnTheUnknownOutcome() throws Exception {
    alerted(alert("PH1"));
    LocalDate windowEnd = RENEWAL.plusDays(TrackOutcomes.WINDOW_DAYS);
    watermark(day(windowEnd) + LATENESS);
    term("PH1", EventType.POLICY_RENEWED, windowEnd.minusDays(1));
    watermark(day(windowEnd) + LATENESS + DAY);

    assertThat(harness.extractOutputValues())
        .extracting(o -> o.outcome)
        .containsExactly(OutcomeKind.EXPIRED_UNKNOWN);
    assertNothingLeft();
  }

  @Test
  void theEndOfABoundedInputDeclaresNothingUnknown() throws Exception {
    alerted(alert("PH1"));
    watermark(Long.MAX_VALUE);

    assertThat(harness.extractOutputValues()).isEmpty();
  }

  @Test
  void erasureOfOnePolicyholderLeavesAnotherTrackedToTheirOutcome() throws Exception {
    alerted(alert("PH1"));
    alerted(alert("PH2"));
    alerted(Alert.erasure("PH1", RetentionAction.RENEWAL_OFFER, alert("PH1").asOf));
    term("PH2", EventType.POLICY_RENEWED, RENEWAL);
    watermark(day(RENEWAL.plusDays(1)));

    assertThat(harness.extractOutputValues())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.policyholderId).isEqualTo("PH2");
              assertThat(o.outcome).isEqualTo(OutcomeKind.RECOVERED);
            });
    assertNothingLeft();
  }
}
