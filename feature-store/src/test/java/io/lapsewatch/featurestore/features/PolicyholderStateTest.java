package io.lapsewatch.featurestore.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lapsewatch.featurestore.events.Events;
import io.lapsewatch.featurestore.events.PolicyEvent;
import io.lapsewatch.featurestore.scenarios.Scenarios;
import io.lapsewatch.featurestore.simulator.SimulationConfig;
import io.lapsewatch.featurestore.simulator.Simulator;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyholderStateTest {
  private static final String HOLDER = "PH1";

  /** The day most scenarios below are evaluated on. */
  private static final LocalDate TODAY = LocalDate.of(2025, 6, 1);

  private final PolicyholderState state = new PolicyholderState();
  private int seq;

  private String id() {
    return "e" + seq++;
  }

  /** Events happen in the morning... */
  private static Instant morning(LocalDate day) {
    return day.atTime(9, 0).toInstant(ZoneOffset.UTC);
  }

  /** ...and features are read at noon. */
  private static long noon(LocalDate day) {
    return day.atTime(12, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  private static LocalDate day(int offset) {
    return TODAY.plusDays(offset);
  }

  private void apply(PolicyEvent... events) {
    for (PolicyEvent e : events) {
      state.apply(e);
    }
  }

  private double feature(Feature f, LocalDate asOf) {
    return state.vector(HOLDER, noon(asOf)).get(f);
  }

  private PolicyEvent issue(
      String policy,
      String product,
      String channel,
      String agent,
      double premium,
      LocalDate start,
      LocalDate renewal,
      LocalDate on) {
    return Events.issued(
        id(), HOLDER, morning(on), policy, product, channel, agent, premium, start, renewal);
  }

  private PolicyEvent motorPolicy(double premium, LocalDate renewal, LocalDate on) {
    return issue("P1", "MOTOR", "AGENT", "AG7", premium, renewal.minusYears(1), renewal, on);
  }

  private PolicyEvent session(LocalDate on) {
    return Events.session(id(), HOLDER, morning(on), "APP", "HOME");
  }

  @Test
  void consentChangesChangeNoFeatureAndLeaveStateBytesAlone() {
    LocalDate renewal = LocalDate.of(2025, 9, 1);
    List<PolicyEvent> history = Scenarios.atRisk("PH9", 1500, renewal);
    PolicyholderState without = new PolicyholderState();
    history.forEach(without::apply);
    PolicyholderState with = new PolicyholderState();
    Instant first = Instant.ofEpochMilli(history.get(0).occurredAt);
    // Before the first event too: it must not move first-seen or last-event times.
    with.apply(Events.consentChanged("c0", "PH9", first.minus(400, ChronoUnit.DAYS), true, null));
    history.forEach(with::apply);
    long last = history.get(history.size() - 1).occurredAt;
    with.apply(Events.consentChanged("c1", "PH9", Instant.ofEpochMilli(last + 1), false, "SMS"));

    assertThat(with.toBytes()).isEqualTo(without.toBytes());
    assertThat(with.vector("PH9", last + 86_400_000L).values)
        .containsExactly(without.vector("PH9", last + 86_400_000L).values);
    PolicyholderState onlyConsent = new PolicyholderState();
    onlyConsent.apply(Events.consentChanged("c2", "PH9", first, true, null));
    assertThat(onlyConsent.isEmpty()).isTrue();
  }

  @Test
  void sessionWindowsCountOnlyTheDaysEndingWithTheAsOfDay() {
    for (int offset : new int[] {-95, -40, -20, -7, -6, 0}) {
      apply(session(day(offset)));
    }

    // 7 days ending today: days -6..0; 30 days: -29..0; 90 days: -89..0.
    assertThat(feature(Feature.SESSIONS_7D, TODAY)).isEqualTo(2);
    assertThat(feature(Feature.SESSIONS_30D, TODAY)).isEqualTo(4);
    assertThat(feature(Feature.SESSIONS_90D, TODAY)).isEqualTo(5);
    assertThat(feature(Feature.DAYS_SINCE_SESSION, TODAY)).isZero();

    // A month of silence: nothing in the last 7 or 30 days, all five still within 90.
    LocalDate later = day(30);
    assertThat(feature(Feature.SESSIONS_7D, later)).isZero();
    assertThat(feature(Feature.SESSIONS_30D, later)).isZero();
    assertThat(feature(Feature.SESSIONS_90D, later)).isEqualTo(5);
    assertThat(feature(Feature.DAYS_SINCE_SESSION, later)).isEqualTo(30);
  }

  @Test
  void fallingEngagementGivesANegativeSessionTrend() {
    // 12 sessions in the 60 days before the last 30 (6 per 30 days), then only 3.
    for (int k = 0; k < 12; k++) {
      apply(session(day(-85 + 5 * k)));
    }
    for (int offset : new int[] {-20, -10, -1}) {
      apply(session(day(offset)));
    }

    assertThat(feature(Feature.SESSIONS_30D, TODAY)).isEqualTo(3);
    assertThat(feature(Feature.SESSION_TREND, TODAY)).isCloseTo((3 - 6) / 7.0, within(1e-4));
  }

  @Test
  void complaintStaysOpenUntilResolved() {
    apply(
        Events.complaintOpened(id(), HOLDER, morning(day(-30)), "P1", "C1"),
        Events.complaintOpened(id(), HOLDER, morning(day(-21)), "P1", "C2"),
        Events.complaintOpened(id(), HOLDER, morning(day(-10)), "P1", "C3"),
        Events.complaintResolved(id(), HOLDER, morning(day(-5)), "P1", "C1"),
        Events.complaintResolved(id(), HOLDER, morning(day(-4)), "P1", "C-unknown"));

    // 3 opened, 1 resolved: 2 open, the older of them (C2) opened 21 days ago.
    assertThat(feature(Feature.OPEN_COMPLAINTS, TODAY)).isEqualTo(2);
    assertThat(feature(Feature.OLDEST_OPEN_COMPLAINT_DAYS, TODAY)).isEqualTo(21);
    assertThat(feature(Feature.COMPLAINTS_90D, TODAY)).isEqualTo(3);

    apply(Events.complaintResolved(id(), HOLDER, morning(day(0)), "P1", "C2"));
    assertThat(feature(Feature.OPEN_COMPLAINTS, TODAY)).isEqualTo(1);
    assertThat(feature(Feature.OLDEST_OPEN_COMPLAINT_DAYS, TODAY)).isEqualTo(10);
  }

  @Test
  void missedPremiumIsOverdueUntilPaid() {
    apply(motorPolicy(1200, day(165), day(-200)));
    apply(Events.premiumMissed(id(), HOLDER, morning(day(0)), "P1", 100));

    assertThat(feature(Feature.DAYS_OVERDUE, day(10))).isEqualTo(10);
    assertThat(feature(Feature.DAYS_OVERDUE, day(25))).isEqualTo(25);

    // A second miss does not make the debt younger: the oldest unpaid instalment counts.
    apply(Events.premiumMissed(id(), HOLDER, morning(day(30)), "P1", 100));
    assertThat(feature(Feature.DAYS_OVERDUE, day(31))).isEqualTo(31);
    assertThat(feature(Feature.MISSED_PREMIUMS_180D, day(31))).isEqualTo(2);

    apply(Events.premiumPaid(id(), HOLDER, morning(day(35)), "P1", 200));
    assertThat(feature(Feature.DAYS_OVERDUE, day(35))).isZero();
    assertThat(feature(Feature.MISSED_PREMIUMS_180D, day(35))).isEqualTo(2);

    // Both misses have left the 180-day window (days 41..220) by day 220.
    assertThat(feature(Feature.MISSED_PREMIUMS_180D, day(220))).isZero();
  }

  @Test
  void renewalQuoteTwentyPercentHigherIsAPriceChangeOfTwenty() {
    apply(motorPolicy(1000, day(45), day(-300)));
    assertThat(feature(Feature.RENEWAL_PRICE_CHANGE, TODAY)).isZero();

    apply(Events.renewalQuoted(id(), HOLDER, morning(TODAY), "P1", 1000, 1200));

    assertThat(feature(Feature.RENEWAL_PRICE_CHANGE, TODAY)).isEqualTo(20.0);
  }

  @Test
  void renewalQuoteBelowLastPremiumIsANegativeChange() {
    apply(motorPolicy(1000, day(45), day(-300)));
    apply(Events.renewalQuoted(id(), HOLDER, morning(TODAY), "P1", 1000, 950));

    assertThat(feature(Feature.RENEWAL_PRICE_CHANGE, TODAY)).isEqualTo(-5.0);
  }

  @Test
  void renewalMovesTheRenewalDateAndCountsRenewals() {
    LocalDate renewal = day(10);
    apply(motorPolicy(1000, renewal, day(-300)));
    apply(Events.renewalQuoted(id(), HOLDER, morning(day(-35)), "P1", 1000, 1200));

    assertThat(feature(Feature.DAYS_TO_RENEWAL, TODAY)).isEqualTo(10);
    assertThat(feature(Feature.RENEWALS_SO_FAR, TODAY)).isZero();

    LocalDate next = renewal.plusYears(1);
    apply(Events.renewed(id(), HOLDER, morning(renewal), "P1", 1200, next));
    FeatureVector v = state.vector(HOLDER, noon(renewal));

    assertThat(v.renewalDate).isEqualTo((int) next.toEpochDay());
    assertThat(v.get(Feature.DAYS_TO_RENEWAL)).isEqualTo(ChronoUnit.DAYS.between(renewal, next));
    assertThat(v.get(Feature.RENEWALS_SO_FAR)).isEqualTo(1);
    assertThat(v.get(Feature.RENEWING_PREMIUM)).isEqualTo(1200);
    assertThat(v.get(Feature.TOTAL_ANNUAL_PREMIUM)).isEqualTo(1200);
    // The quote belonged to the term that just renewed.
    assertThat(v.get(Feature.RENEWAL_PRICE_CHANGE)).isZero();
  }

  @Test
  void agentLeavingOrphansOnlyThatAgentsPolicies() {
    apply(issue("P1", "MOTOR", "AGENT", "AG7", 900, day(-335), day(30), day(-100)));
    apply(issue("P2", "HOME", "DIRECT", null, 500, day(-305), day(60), day(-100)));
    assertThat(state.vector(HOLDER, noon(TODAY), "P1").get(Feature.ORPHANED)).isZero();

    apply(Events.agentLeft(id(), HOLDER, morning(day(-1)), "P1", "AG7"));

    FeatureVector agentPolicy = state.vector(HOLDER, noon(TODAY), "P1");
    FeatureVector directPolicy = state.vector(HOLDER, noon(TODAY), "P2");
    assertThat(agentPolicy.get(Feature.ORPHANED)).isEqualTo(1);
    assertThat(agentPolicy.get(Feature.AGENT_CHANNEL)).isEqualTo(1);
    assertThat(agentPolicy.agentId).isEqualTo("AG7");
    assertThat(directPolicy.get(Feature.ORPHANED)).isZero();
    assertThat(directPolicy.get(Feature.AGENT_CHANNEL)).isZero();
  }

  @Test
  void lapsedPolicyNoLongerCountsAsActive() {
    apply(issue("P1", "MOTOR", "AGENT", "AG7", 1000, day(-345), day(20), day(-100)));
    apply(issue("P2", "HOME", "DIRECT", null, 600, day(-265), day(100), day(-100)));

    FeatureVector both = state.vector(HOLDER, noon(TODAY));
    assertThat(both.get(Feature.ACTIVE_POLICIES)).isEqualTo(2);
    assertThat(both.get(Feature.PRODUCT_LINES)).isEqualTo(2);
    assertThat(both.get(Feature.TOTAL_ANNUAL_PREMIUM)).isEqualTo(1600);
    assertThat(both.policyId).as("the policy renewing first").isEqualTo("P1");

    // P1 was not renewed on day 20 and lapses after its 30-day grace period.
    apply(Events.lapsed(id(), HOLDER, morning(day(50)), "P1"));
    FeatureVector one = state.vector(HOLDER, noon(day(50)));
    assertThat(one.get(Feature.ACTIVE_POLICIES)).isEqualTo(1);
    assertThat(one.get(Feature.PRODUCT_LINES)).isEqualTo(1);
    assertThat(one.get(Feature.TOTAL_ANNUAL_PREMIUM)).isEqualTo(600);
    assertThat(one.policyId).isEqualTo("P2");
    assertThat(one.get(Feature.DAYS_TO_RENEWAL)).isEqualTo(50);
    assertThat(one.allEndedDay).as("a policy is still in force").isEqualTo(-1);

    apply(Events.cancelled(id(), HOLDER, morning(day(60)), "P2"));
    FeatureVector none = state.vector(HOLDER, noon(day(60)));
    assertThat(none.get(Feature.ACTIVE_POLICIES)).isZero();
    assertThat(none.hasRenewingPolicy()).isFalse();
    assertThat(none.allEndedDay).isEqualTo((int) day(60).toEpochDay());
  }

  @Test
  void latestNpsWinsAndLowestCsatCountsFor180Days() {
    apply(
        Events.survey(id(), HOLDER, morning(day(-100)), "CSAT", 2),
        Events.survey(id(), HOLDER, morning(day(-20)), "NPS", 9),
        Events.survey(id(), HOLDER, morning(day(-5)), "NPS", 3),
        Events.survey(id(), HOLDER, morning(day(0)), "CSAT", 5));

    assertThat(feature(Feature.LATEST_NPS, TODAY)).isEqualTo(3);
    assertThat(feature(Feature.LOWEST_CSAT_180D, TODAY)).isEqualTo(2);
    // 90 days on, the CSAT of 2 (day -100) is older than 180 days; the 5 remains.
    assertThat(feature(Feature.LOWEST_CSAT_180D, day(90))).isEqualTo(5);
    assertThat(feature(Feature.LATEST_NPS, day(90))).isEqualTo(3);
  }

  @Test
  void surveyScoresDefaultToSevenAndFourWhenNeverAsked() {
    apply(motorPolicy(1000, day(45), day(-300)));

    assertThat(feature(Feature.LATEST_NPS, TODAY)).isEqualTo(7);
    assertThat(feature(Feature.LOWEST_CSAT_180D, TODAY)).isEqualTo(4);
  }

  @Test
  void neverSeenOnlineCountsFromFirstSeenUpToAYear() {
    apply(motorPolicy(1000, day(45), day(-300)));

    // Observed for 300 days without a single session; the count stops at 365.
    assertThat(feature(Feature.DAYS_SINCE_SESSION, TODAY)).isEqualTo(300);
    assertThat(feature(Feature.DAYS_SINCE_SESSION, day(100))).isEqualTo(365);

    apply(session(day(-4)));
    assertThat(feature(Feature.DAYS_SINCE_SESSION, TODAY)).isEqualTo(4);
  }

  @Test
  void tenureCountsFromTheFirstPolicyStart() {
    LocalDate firstStart = TODAY.minusYears(3);
    apply(issue("P1", "LIFE", "AGENT", "AG7", 2400, firstStart, TODAY.plusDays(30), day(-10)));
    apply(issue("P2", "HOME", "DIRECT", null, 700, day(-40), day(325), day(-5)));

    assertThat(feature(Feature.TENURE_DAYS, TODAY))
        .isEqualTo(ChronoUnit.DAYS.between(firstStart, TODAY));
  }

  @Test
  void rejectedAndSlowClaimsAreCounted() {
    apply(
        Events.claimFiled(id(), HOLDER, morning(day(-60)), "P1", "L1", 500),
        Events.claimFiled(id(), HOLDER, morning(day(-50)), "P1", "L2", 900),
        Events.claimSettled(id(), HOLDER, morning(day(-50)), "P1", "L1", true, 10),
        Events.claimSettled(id(), HOLDER, morning(day(-20)), "P1", "L2", false, 30));

    assertThat(feature(Feature.CLAIMS_365D, TODAY)).isEqualTo(2);
    assertThat(feature(Feature.REJECTED_CLAIMS_365D, TODAY)).isEqualTo(1);
    assertThat(feature(Feature.MEAN_DAYS_TO_SETTLE, TODAY)).isEqualTo((10 + 30) / 2.0);
  }

  @Test
  void cancellationEnquiriesAreASubsetOfServiceContacts() {
    apply(
        Events.serviceContact(id(), HOLDER, morning(day(-12)), "CANCELLATION_ENQUIRY"),
        Events.serviceContact(id(), HOLDER, morning(day(-8)), "BILLING"),
        Events.serviceContact(id(), HOLDER, morning(day(-2)), "CANCELLATION_ENQUIRY"));

    assertThat(feature(Feature.SERVICE_CONTACTS_30D, TODAY)).isEqualTo(3);
    assertThat(feature(Feature.CANCELLATION_ENQUIRIES_90D, TODAY)).isEqualTo(2);
  }

  @Test
  void atRiskScenarioStateRestoresToTheSameVector() {
    LocalDate renewal = LocalDate.of(2025, 9, 30);
    List<PolicyEvent> history = Scenarios.atRisk("PH-RISK", 5400, renewal);
    PolicyholderState whole = new PolicyholderState();
    PolicyholderState restored = new PolicyholderState();
    int half = history.size() / 2;
    for (int i = 0; i < history.size(); i++) {
      whole.apply(history.get(i));
      if (i == half) {
        // Restore mid-history, as after a job restart from a checkpoint, and keep going.
        restored.apply(history.get(i));
        restored = PolicyholderState.fromBytes(restored.toBytes());
      } else {
        restored.apply(history.get(i));
      }
    }
    PolicyholderState copy = PolicyholderState.fromBytes(whole.toBytes());

    for (int before : new int[] {40, 30, 14}) {
      long asOf = noon(renewal.minusDays(before));
      FeatureVector expected = whole.vector("PH-RISK", asOf);
      assertThat(copy.vector("PH-RISK", asOf)).isEqualTo(expected);
      assertThat(restored.vector("PH-RISK", asOf)).isEqualTo(expected);
    }
    assertThat(copy.lastEventAt()).isEqualTo(whole.lastEventAt());
    assertThat(whole.vector("PH-RISK", noon(renewal.minusDays(30))).get(Feature.OPEN_COMPLAINTS))
        .as("the scenario's three complaints are unresolved")
        .isEqualTo(3);
  }

  @Test
  void simulatedPolicyholdersRestoreToTheSameVectors() {
    SimulationConfig config = SimulationConfig.of(300, 365, 11L);
    Map<String, PolicyholderState> states = new HashMap<>();
    new Simulator(config)
        .run(e -> states.computeIfAbsent(e.policyholderId, k -> new PolicyholderState()).apply(e));
    long asOf = noon(config.startDate().plusDays(365));

    assertThat(states).hasSizeGreaterThan(250);
    for (Map.Entry<String, PolicyholderState> s : states.entrySet()) {
      PolicyholderState copy = PolicyholderState.fromBytes(s.getValue().toBytes());
      assertThat(copy.vector(s.getKey(), asOf))
          .as(s.getKey())
          .isEqualTo(s.getValue().vector(s.getKey(), asOf));
      assertThat(copy.toBytes()).as(s.getKey()).isEqualTo(s.getValue().toBytes());
    }
  }

  @Test
  void stateOfAFullYearOfHistoryStaysUnderTwoKilobytes() {
    Map<String, PolicyholderState> states = new HashMap<>();
    int[] largest = {0};
    new Simulator(SimulationConfig.of(2_000, 365, 7L))
        .run(
            e -> {
              PolicyholderState s =
                  states.computeIfAbsent(e.policyholderId, k -> new PolicyholderState());
              s.apply(e);
              largest[0] = Math.max(largest[0], s.toBytes().length);
            });

    assertThat(states).hasSizeGreaterThan(1_900);
    assertThat(largest[0]).as("largest policyholder state in bytes").isLessThan(2048);
  }

  @Test
  void schemaHasAtLeast25DocumentedFeaturesWithUniqueRedisFields() {
    Set<String> fields = new HashSet<>();
    for (Feature f : Feature.values()) {
      assertThat(f.meaning()).as(f + " meaning").isNotBlank();
      assertThat(f.window()).as(f + " window").isNotBlank();
      assertThat(f.unit()).as(f + " unit").isNotBlank();
      assertThat(f.field()).as(f + " field").isNotBlank().doesNotStartWith("_");
      assertThat(fields.add(f.field())).as("field " + f.field() + " is used twice").isTrue();
    }
    assertThat(Feature.values()).hasSizeGreaterThanOrEqualTo(25);
    assertThat(FeatureSchema.size()).isEqualTo(Feature.values().length);
    assertThat(FeatureSchema.keys()).doesNotHaveDuplicates().contains("open_complaints");
    assertThat(FeatureSchema.hash()).matches("[0-9a-f]{16}");
    assertThat(FeatureSchema.describe()).contains(FeatureSchema.keys());
  }
}
