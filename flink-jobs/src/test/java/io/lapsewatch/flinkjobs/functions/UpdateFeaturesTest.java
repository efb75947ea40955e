package io.lapsewatch.flinkjobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.featurestore.events.Events;
import io.lapsewatch.featurestore.events.PolicyEvent;
import io.lapsewatch.featurestore.features.Feature;
import io.lapsewatch.featurestore.features.FeatureVector;
import io.lapsewatch.featurestore.features.PolicyholderState;
import io.lapsewatch.featurestore.scenarios.Scenarios;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The keyed feature function in event time, on Flink's operator test harness. */
class UpdateFeaturesTest {
  private static final long DAY = 86_400_000L;
  private static final LocalDate RENEWAL = LocalDate.of(2025, 9, 1);
  private static final String HOLDER = "PH1";
  private static final long LATENESS = 3 * DAY;

  private KeyedOneInputStreamOperatorTestHarness<String, PolicyEvent, FeatureVector> harness;

  @BeforeEach
  void open() throws Exception {
    harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new UpdateFeatures(new int[] {90, 60, 30, 14, 7}, LATENESS)),
            e -> e.policyholderId,
            Types.STRING);
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private void send(PolicyEvent e) throws Exception {
    harness.processElement(new StreamRecord<>(e, e.occurredAt));
  }

  private static Instant at(LocalDate day, int hour) {
    return day.atTime(hour, 0).toInstant(ZoneOffset.UTC);
  }

  private List<FeatureVector> vectors() {
    return harness.extractOutputValues();
  }

  private static PolicyEvent issued(LocalDate on) {
    return Events.issued(
        "e-issued",
        HOLDER,
        at(on, 9),
        "P1",
        "MOTOR",
        "AGENT",
        "AG1",
        1200,
        RENEWAL.minusYears(2),
        RENEWAL);
  }

  @Test
  void shuffledEventsGiveTheSameFeaturesAsTheSortedHistory() throws Exception {
    List<PolicyEvent> history = Scenarios.atRisk(HOLDER, 1500, RENEWAL);
    List<PolicyEvent> shuffled = new ArrayList<>(history);
    Collections.shuffle(shuffled, new Random(3));
    for (PolicyEvent e : shuffled) {
      send(e);
    }
    long last = history.get(history.size() - 1).occurredAt;
    harness.processWatermark(last);

    PolicyholderState offline = new PolicyholderState();
    history.forEach(offline::apply);
    FeatureVector expected = offline.vector(HOLDER, last);
    FeatureVector online = vectors().get(vectors().size() - 1);
    assertThat(online.asOf).isEqualTo(last);
    assertThat(online.values).containsExactly(expected.values);
    assertThat(online.get(Feature.OPEN_COMPLAINTS)).isEqualTo(3);
  }

  @Test
  void consentChangesPassByTheFeaturesToTheContactRules() throws Exception {
    List<PolicyEvent> history = Scenarios.atRisk(HOLDER, 1500, RENEWAL);
    PolicyEvent optOut =
        Events.consentChanged(
            "e-optout", HOLDER, Instant.ofEpochMilli(history.get(3).occurredAt + 1), true, "SMS");
    for (PolicyEvent e : history) {
      send(e);
    }
    send(optOut);
    long last = history.get(history.size() - 1).occurredAt;
    harness.processWatermark(last);

    PolicyholderState offline = new PolicyholderState();
    history.forEach(offline::apply);
    PolicyholderState offlineWithConsent = new PolicyholderState();
    history.forEach(offlineWithConsent::apply);
    offlineWithConsent.apply(optOut);
    FeatureVector online = vectors().get(vectors().size() - 1);
    // Parity: the same vector online and offline, with the consent change or without it.
    assertThat(online.values).containsExactly(offline.vector(HOLDER, last).values);
    assertThat(offlineWithConsent.vector(HOLDER, last).values)
        .containsExactly(offline.vector(HOLDER, last).values);
    assertThat(vectors()).allSatisfy(v -> assertThat(v.asOf).isNotEqualTo(optOut.occurredAt));
    assertThat(harness.getSideOutput(UpdateFeatures.CONSENT_CHANGES))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getValue().doNotContact).isTrue();
              assertThat(r.getValue().at).isEqualTo(optOut.occurredAt);
              assertThat(r.getValue().erasure).isFalse();
            });
  }

  @Test
  void erasureAlsoTellsTheContactRulesToForgetConsent() throws Exception {
    send(issued(RENEWAL.minusDays(100)));

    send(Events.erased("e-erase", HOLDER, at(RENEWAL.minusDays(99), 11)));

    assertThat(harness.getSideOutput(UpdateFeatures.CONSENT_CHANGES))
        .singleElement()
        .satisfies(r -> assertThat(r.getValue().erasure).isTrue());
  }

  @Test
  void nothingIsAppliedBeforeTheWatermarkPassesIt() throws Exception {
    send(issued(RENEWAL.minusDays(100)));
    assertThat(vectors()).isEmpty();
    harness.processWatermark(at(RENEWAL.minusDays(100), 9).toEpochMilli());
    assertThat(vectors()).hasSize(1);
  }

  @Test
  void lateEventsWithinTheAllowedLatenessGiveTheSameFeaturesAsTheSortedHistory() throws Exception {
    List<PolicyEvent> history = new ArrayList<>(Scenarios.atRisk(HOLDER, 1500, RENEWAL));
    LocalDate end = RENEWAL.minusDays(38);
    history.add(
        Events.premiumMissed("e-missed", HOLDER, at(end.minusDays(2), 8), HOLDER + "-P1", 100));
    history.add(Events.session("e-s-late1", HOLDER, at(end.minusDays(1), 9), "APP", "HOME"));
    history.add(
        Events.premiumPaid("e-paid", HOLDER, at(end.minusDays(1), 18), HOLDER + "-P1", 100));
    history.add(Events.session("e-s-late2", HOLDER, at(end, 7), "WEB", "RENEWAL"));
    history.sort(
        java.util.Comparator.<PolicyEvent>comparingLong(e -> e.occurredAt)
            .thenComparing(e -> e.eventId));
    long last = history.get(history.size() - 1).occurredAt;
    // A batch of the last two days' events arrives after the watermark passed them all.
    List<PolicyEvent> late = new ArrayList<>();
    for (PolicyEvent e : history) {
      if (e.occurredAt > last - LATENESS + DAY) {
        late.add(e);
      } else {
        send(e);
      }
    }
    assertThat(late).hasSizeGreaterThan(1);
    harness.processWatermark(last);
    Collections.reverse(late);
    for (PolicyEvent e : late) {
      send(e);
    }

    PolicyholderState offline = new PolicyholderState();
    history.forEach(offline::apply);
    FeatureVector online = vectors().get(vectors().size() - 1);
    assertThat(online.asOf).isEqualTo(last);
    assertThat(online.values).containsExactly(offline.vector(HOLDER, last).values);
  }

  @Test
  void lateRenewalIsReportedToOutcomeTracking() throws Exception {
    send(issued(RENEWAL.minusDays(100)));
    harness.processWatermark(RENEWAL.plusDays(1).toEpochDay() * DAY);

    send(Events.renewed("e-renewed", HOLDER, at(RENEWAL, 9), "P1", 1250, RENEWAL.plusYears(1)));

    assertThat(harness.getSideOutput(UpdateFeatures.TERM_EVENTS))
        .singleElement()
        .satisfies(t -> assertThat(t.getValue().policyId).isEqualTo("P1"));
    assertThat(vectors().get(vectors().size() - 1).renewalDate)
        .isEqualTo((int) RENEWAL.plusYears(1).toEpochDay());
  }

  @Test
  void aRestoredJobStillKnowsWhereItsInputEnded() throws Exception {
    send(issued(RENEWAL.minusDays(100)));
    send(Events.session("e-s", HOLDER, at(RENEWAL.minusDays(50), 10), "APP", "HOME"));
    send(Events.session("e-s2", HOLDER, at(RENEWAL.minusDays(50), 12), "APP", "HOME"));
    harness.processWatermark(at(RENEWAL.minusDays(95), 0).toEpochMilli());
    var snapshot = harness.snapshot(1, 1);
    harness.close();

    harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new UpdateFeatures(new int[] {90, 60, 30, 14, 7}, LATENESS)),
            e -> e.policyholderId,
            Types.STRING);
    harness.initializeState(snapshot);
    harness.open();
    harness.processWatermark(Long.MAX_VALUE);

    // The 90- and 60-day milestones lie before the last events read before the restore.
    assertThat(vectors())
        .extracting(v -> v.get(Feature.DAYS_TO_RENEWAL))
        .containsExactly(90.0, 60.0, 50.0, 50.0);
  }

  @Test
  void endOfInputIgnoresOneFarFutureEvent() throws Exception {
    send(issued(RENEWAL.minusDays(100)));
    send(Events.session("e-s", HOLDER, at(RENEWAL.minusDays(95), 10), "APP", "HOME"));
    // Another policyholder's event stamped sixteen months ahead.
    send(Events.session("e-future", "PH2", at(RENEWAL.plusMonths(16), 10), "APP", "HOME"));
    harness.processWatermark(Long.MAX_VALUE);

    assertThat(vectors())
        .filteredOn(v -> v.policyholderId.equals(HOLDER))
        .extracting(v -> v.get(Feature.DAYS_TO_RENEWAL))
        .containsExactly(100.0, 95.0);
  }

  @Test
  void duplicateEventIdIsCountedOnce() throws Exception {
    send(issued(RENEWAL.minusDays(100)));
    PolicyEvent session =
        Events.session("e-s1", HOLDER, at(RENEWAL.minusDays(95), 10), "APP", "HOME");
    send(session);
    send(Events.session("e-s1", HOLDER, at(RENEWAL.minusDays(95), 10), "APP", "HOME"));
    harness.processWatermark(at(RENEWAL.minusDays(95), 11).toEpochMilli());

    assertThat(vectors().get(vectors().size() - 1).get(Feature.SESSIONS_7D)).isEqualTo(1);
  }

  @Test
  void duplicateBeforeTheFirstWatermarkIsCountedOnce() throws Exception {
    // No watermark yet (a fresh start or just after a restore): ids must still be remembered.
    send(issued(RENEWAL.minusDays(100)));
    send(Events.session("e-s1", HOLDER, at(RENEWAL.minusDays(95), 10), "APP", "HOME"));
    send(Events.session("e-s2", HOLDER, at(RENEWAL.minusDays(95), 11), "APP", "HOME"));
    send(Events.session("e-s1", HOLDER, at(RENEWAL.minusDays(95), 10), "APP", "HOME"));
    harness.processWatermark(at(RENEWAL.minusDays(95), 12).toEpochMilli());

    assertThat(vectors().get(vectors().size() - 1).get(Feature.SESSIONS_7D)).isEqualTo(2);
  }

  @Test
  void renewalMilestonesRefreshFeaturesWithoutNewEvents() throws Exception {
    send(issued(RENEWAL.minusDays(100)));
    harness.processWatermark(at(RENEWAL.minusDays(20), 0).toEpochMilli());

    List<Double> daysToRenewal = new ArrayList<>();
    for (FeatureVector v : vectors()) {
      daysToRenewal.add(v.get(Feature.DAYS_TO_RENEWAL));
    }
    // The issue event (100 days out) and then the 90, 60 and 30 day milestones.
    assertThat(daysToRenewal).containsExactly(100.0, 90.0, 60.0, 30.0);
    assertThat(vectors().get(3).asOf).isEqualTo(RENEWAL.minusDays(30).toEpochDay() * DAY);
  }

  @Test
  void stateAndTimersAreGoneAfterTheLastPolicyEndsPlusGrace() throws Exception {
    send(issued(RENEWAL.minusDays(100)));
    send(Events.session("e-s", HOLDER, at(RENEWAL.minusDays(99), 10), "APP", "HOME"));
    send(Events.lapsed("e-lapsed", HOLDER, at(RENEWAL.minusDays(50), 10), "P1"));
    harness.processWatermark(at(RENEWAL.minusDays(50), 11).toEpochMilli());
    assertThat(harness.numKeyedStateEntries()).isPositive();

    long afterGrace =
        (RENEWAL.minusDays(50).toEpochDay() + 2 + UpdateFeatures.CLEANUP_GRACE_DAYS) * DAY;
    harness.processWatermark(afterGrace);

    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(vectors().get(vectors().size() - 1).erased).isTrue();
  }

  @Test
  void erasureForgetsThePolicyholderAtOnce() throws Exception {
    send(issued(RENEWAL.minusDays(100)));
    harness.processWatermark(at(RENEWAL.minusDays(100), 10).toEpochMilli());
    send(Events.session("e-pending", HOLDER, at(RENEWAL.minusDays(99), 10), "APP", "HOME"));

    send(Events.erased("e-erase", HOLDER, at(RENEWAL.minusDays(99), 11)));

    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
    FeatureVector last = vectors().get(vectors().size() - 1);
    assertThat(last.erased).isTrue();
    assertThat(last.policyholderId).isEqualTo(HOLDER);
  }

  @Test
  void endOfInputDoesNotFireFutureMilestones() throws Exception {
    send(issued(RENEWAL.minusDays(100)));
    harness.processWatermark(Long.MAX_VALUE);

    assertThat(vectors())
        .singleElement()
        .satisfies(v -> assertThat(v.get(Feature.DAYS_TO_RENEWAL)).isEqualTo(100));
  }
}
