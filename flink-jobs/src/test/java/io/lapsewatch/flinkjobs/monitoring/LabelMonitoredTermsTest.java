package io.lapsewatch.flinkjobs.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.featurestore.events.EventType;
import io.lapsewatch.featurestore.features.FeatureVector;
import io.lapsewatch.flinkjobs.functions.TermEvent;
import io.lapsewatch.flinkjobs.functions.TrackOutcomes;
import io.lapsewatch.modeltraining.monitoring.MonitoredTerm;
import java.time.LocalDate;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Monitored terms meet their end (or none) on Flink's operator test harness. */
class LabelMonitoredTermsTest {
  private static final long DAY = 86_400_000L;
  private static final long LATENESS = 3 * DAY;
  private static final LocalDate RENEWAL = LocalDate.of(2025, 9, 1);

  private KeyedTwoInputStreamOperatorTestHarness<String, MonitoredTerm, TermEvent, MonitoredTerm>
      harness;

  @BeforeEach
  void open() throws Exception {
    harness =
        new KeyedTwoInputStreamOperatorTestHarness<>(
            new KeyedCoProcessOperator<>(new LabelMonitoredTerms(LATENESS)),
            t -> t.policyholderId,
            e -> e.policyholderId,
            Types.STRING);
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private static MonitoredTerm scored(String holder) {
    long asOf = RENEWAL.minusDays(30).toEpochDay() * DAY;
    return MonitoredTerm.scored(
        holder, holder + "-P1", (int) RENEWAL.toEpochDay(), asOf, "m1", 0.3, new double[] {1, 2});
  }

  private void monitored(MonitoredTerm t) throws Exception {
    harness.processElement1(new StreamRecord<>(t, t.asOf));
  }

  private void term(String holder, EventType type, LocalDate on) throws Exception {
    long at = on.toEpochDay() * DAY + 9 * 3_600_000L;
    harness.processElement2(
        new StreamRecord<>(new TermEvent(holder, holder + "-P1", type, at), at));
  }

  private void caseResult(
      String holder, String policyId, EventType type, String detail, LocalDate on)
      throws Exception {
    long at = on.toEpochDay() * DAY + 11 * 3_600_000L;
    TermEvent e = new TermEvent(holder, policyId, type, at);
    e.detail = detail;
    harness.processElement2(new StreamRecord<>(e, at));
  }

  private void offer(String holder, LocalDate on) throws Exception {
    caseResult(holder, holder + "-P1", EventType.OFFER_SENT, null, on);
  }

  private void callback(String holder, String result, LocalDate on) throws Exception {
    caseResult(holder, holder + "-P1", EventType.CALLBACK_COMPLETED, result, on);
  }

  private java.util.List<String> contactedByHolder() {
    return harness.extractOutputValues().stream()
        .map(t -> t.policyholderId + " " + t.contacted)
        .toList();
  }

  private void watermark(long t) throws Exception {
    harness.processBothWatermarks(new Watermark(t));
  }

  private void assertNothingLeft() throws Exception {
    assertThat(harness.numKeyedStateEntries()).as("keyed state entries").isZero();
    assertThat(harness.numEventTimeTimers()).as("event-time timers").isZero();
  }

  @Test
  void aRenewedTermComesOutRenewedOnItsDayWithItsScoreAndFeatures() throws Exception {
    monitored(scored("PH1"));
    term("PH1", EventType.POLICY_RENEWED, RENEWAL);
    assertThat(harness.extractOutputValues()).as("waits for the watermark").isEmpty();

    watermark(RENEWAL.plusDays(1).toEpochDay() * DAY);

    assertThat(harness.extractOutputValues())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.outcome).isEqualTo(MonitoredTerm.RENEWED);
              assertThat(t.endDay).isEqualTo((int) RENEWAL.toEpochDay());
              assertThat(t.score).isEqualTo(0.3);
              assertThat(t.features).containsExactly(1, 2);
              assertThat(t.modelVersion).isEqualTo("m1");
            });
    assertNothingLeft();
  }

  @Test
  void lapsesAndCancellationsComeOutLapsed() throws Exception {
    monitored(scored("PH1"));
    monitored(scored("PH2"));
    term("PH1", EventType.POLICY_LAPSED, RENEWAL.plusDays(2));
    term("PH2", EventType.POLICY_CANCELLED, RENEWAL.minusDays(5));
    watermark(RENEWAL.plusDays(3).toEpochDay() * DAY);

    assertThat(harness.extractOutputValues())
        .extracting(t -> t.policyholderId + " " + t.outcome)
        .containsExactlyInAnyOrder("PH1 LAPSED", "PH2 LAPSED");
    assertNothingLeft();
  }

  @Test
  void anEndDeliveredBeforeItsScoredTermIsStillMatchedInEventTimeOrder() throws Exception {
    term("PH1", EventType.POLICY_RENEWED, RENEWAL);
    monitored(scored("PH1"));
    watermark(RENEWAL.plusDays(1).toEpochDay() * DAY);

    assertThat(harness.extractOutputValues())
        .extracting(t -> t.outcome)
        .containsExactly(MonitoredTerm.RENEWED);
  }

  @Test
  void aTermEndingBeforeItWasScoredOrOnAnotherPolicyLeavesItOpen() throws Exception {
    monitored(scored("PH1"));
    term("PH1", EventType.POLICY_RENEWED, RENEWAL.minusDays(400));
    long at = RENEWAL.toEpochDay() * DAY;
    harness.processElement2(
        new StreamRecord<>(new TermEvent("PH1", "PH1-OTHER", EventType.POLICY_LAPSED, at), at));
    watermark(RENEWAL.plusDays(1).toEpochDay() * DAY);

    assertThat(harness.extractOutputValues()).isEmpty();
    assertThat(harness.numKeyedStateEntries()).isPositive();
  }

  @Test
  void aTermScoredTwiceIsHeldAndEndedOnce() throws Exception {
    monitored(scored("PH1"));
    monitored(scored("PH1"));
    term("PH1", EventType.POLICY_RENEWED, RENEWAL);
    watermark(RENEWAL.plusDays(1).toEpochDay() * DAY);

    assertThat(harness.extractOutputValues()).hasSize(1);
  }

  @Test
  void aTermWithoutEndIsDroppedUnlabelledOnceTheLatenessHasPassedItsWindow() throws Exception {
    monitored(scored("PH1"));
    LocalDate windowEnd = RENEWAL.plusDays(TrackOutcomes.WINDOW_DAYS);
    watermark(windowEnd.toEpochDay() * DAY + LATENESS - 1);
    assertThat(harness.numKeyedStateEntries()).as("still waiting").isPositive();

    watermark(windowEnd.toEpochDay() * DAY + LATENESS);

    assertThat(harness.extractOutputValues()).as("no label, no record").isEmpty();
    assertNothingLeft();
  }

  @Test
  void theEndOfABoundedInputDropsNothingAsUnknown() throws Exception {
    monitored(scored("PH1"));
    watermark(Long.MAX_VALUE);

    assertThat(harness.extractOutputValues()).isEmpty();
    assertThat(harness.numKeyedStateEntries()).as("still open, not unknown").isPositive();
  }

  @Test
  void erasureDropsEverythingHeldForThePolicyholderAndNothingFollows() throws Exception {
    monitored(scored("PH1"));
    monitored(scored("PH2"));
    term("PH1", EventType.POLICY_RENEWED, RENEWAL);
    term("PH2", EventType.POLICY_RENEWED, RENEWAL);
    FeatureVector erased = FeatureVector.erasure("PH1", RENEWAL.minusDays(1).toEpochDay() * DAY);
    TermEvent erasure = ModelMonitoring.erasure(erased);
    harness.processElement2(new StreamRecord<>(erasure, erasure.at));
    watermark(RENEWAL.plusDays(1).toEpochDay() * DAY);

    assertThat(harness.extractOutputValues())
        .extracting(t -> t.policyholderId)
        .containsExactly("PH2");
    assertNothingLeft();
  }

  @Test
  void anOfferSentBeforeTheTermWasScoredMarksItContacted() throws Exception {
    offer("PH1", RENEWAL.minusDays(60));
    watermark(RENEWAL.minusDays(50).toEpochDay() * DAY);
    monitored(scored("PH1"));
    term("PH1", EventType.POLICY_RENEWED, RENEWAL);
    monitored(scored("PH2"));
    term("PH2", EventType.POLICY_RENEWED, RENEWAL);
    watermark(RENEWAL.plusDays(1).toEpochDay() * DAY);

    assertThat(contactedByHolder()).containsExactlyInAnyOrder("PH1 true", "PH2 false");
    assertNothingLeft();
  }

  @Test
  void aCallbackCountsAsContactUnlessNobodyWasReached() throws Exception {
    callback("PH1", "UNREACHABLE", RENEWAL.minusDays(20));
    callback("PH2", "WRONG_CONTACT", RENEWAL.minusDays(20));
    callback("PH3", "DECLINED", RENEWAL.minusDays(20));
    callback("PH4", "UNREACHABLE", RENEWAL.minusDays(25));
    callback("PH4", "REACHED", RENEWAL.minusDays(10));
    for (String holder : new String[] {"PH1", "PH2", "PH3", "PH4"}) {
      monitored(scored(holder));
      term(holder, EventType.POLICY_LAPSED, RENEWAL);
    }
    watermark(RENEWAL.plusDays(1).toEpochDay() * DAY);

    assertThat(contactedByHolder())
        .containsExactlyInAnyOrder("PH1 false", "PH2 false", "PH3 true", "PH4 true");
    assertNothingLeft();
  }

  @Test
  void aContactAboutAnotherPolicyLeavesTheTermUncontacted() throws Exception {
    caseResult("PH1", "PH1-OTHER", EventType.OFFER_SENT, null, RENEWAL.minusDays(20));
    monitored(scored("PH1"));
    term("PH1", EventType.POLICY_RENEWED, RENEWAL);
    watermark(RENEWAL.plusDays(1).toEpochDay() * DAY);

    assertThat(contactedByHolder()).containsExactly("PH1 false");
  }

  @Test
  void aContactOfThePreviousTermLeavesTheTermUncontacted() throws Exception {
    // Before this term started (renewal date minus 365 days).
    offer("PH1", RENEWAL.minusDays(400));
    // Within 365 days of this renewal, but the previous term (renewed late) was still running.
    callback("PH2", "ACCEPTED", RENEWAL.minusDays(362));
    harness.processElement2(
        new StreamRecord<>(
            new TermEvent(
                "PH2",
                "PH2-P1",
                EventType.POLICY_RENEWED,
                RENEWAL.minusDays(360).toEpochDay() * DAY),
            RENEWAL.minusDays(360).toEpochDay() * DAY));
    watermark(RENEWAL.minusDays(300).toEpochDay() * DAY);
    for (String holder : new String[] {"PH1", "PH2"}) {
      monitored(scored(holder));
      term(holder, EventType.POLICY_RENEWED, RENEWAL);
    }
    watermark(RENEWAL.plusDays(1).toEpochDay() * DAY);

    assertThat(contactedByHolder()).containsExactlyInAnyOrder("PH1 false", "PH2 false");
    assertNothingLeft();
  }

  @Test
  void aContactNoTermEndClaimsIsDroppedAndErasureClearsContacts() throws Exception {
    offer("PH1", RENEWAL);
    offer("PH2", RENEWAL);
    watermark(RENEWAL.plusDays(1).toEpochDay() * DAY);
    assertThat(harness.numKeyedStateEntries()).as("contacts kept").isEqualTo(2);

    FeatureVector erased = FeatureVector.erasure("PH2", RENEWAL.plusDays(2).toEpochDay() * DAY);
    TermEvent erasure = ModelMonitoring.erasure(erased);
    harness.processElement2(new StreamRecord<>(erasure, erasure.at));
    assertThat(harness.numKeyedStateEntries()).as("PH2's contact erased").isEqualTo(1);

    watermark(
        RENEWAL.plusDays(LabelMonitoredTerms.TERM_DAYS + TrackOutcomes.WINDOW_DAYS + 4).toEpochDay()
            * DAY);
    assertThat(harness.extractOutputValues()).isEmpty();
    assertNothingLeft();
  }
}
