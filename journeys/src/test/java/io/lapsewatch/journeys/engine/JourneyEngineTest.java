package io.lapsewatch.journeys.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.Arm;
import io.lapsewatch.alertcontract.RetentionAction;
import io.lapsewatch.alertcontract.RiskBand;
import io.lapsewatch.alertcontract.TestingAlerts;
import io.lapsewatch.alertcontract.policy.AlertPolicy;
import io.lapsewatch.journeys.plan.JourneyPlans;
import io.lapsewatch.journeys.plan.PlanLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine on the shipped demo plans' shape, driven signal by signal in event time. */
class JourneyEngineTest {
  private static final long DAY = JourneyEngine.DAY_MS;
  private static final long T0 = TestingAlerts.AS_OF.toEpochMilli();

  static final String PLANS =
      """
      version: 1
      plans:
        - id: high-value-callback
          version: 1
          priority: 20
          entry: {tiers: [HIGH_VALUE]}
          exits: [contacted]
          steps:
            - {id: priority-callback, action: callback}
            - id: offer-if-unreachable
              within-days: 21
              when: {callback-unreachable-at-least: 1}
              action: renewal-offer
              channel: EMAIL
        - id: standard-renewal
          version: 1
          priority: 10
          entry: {tiers: [STANDARD]}
          exits: [risk-fallen]
          risk-fallen-below: MEDIUM
          steps:
            - {id: renewal-offer, action: renewal-offer}
            - id: callback-if-silent
              after-days: 14
              when: {engaged-since-last-step: false, risk-at-least: HIGH}
              if-skipped: exit
              action: callback
            - id: offer-by-email
              within-days: 21
              when: {callback-unreachable-at-least: 2}
              action: renewal-offer
              channel: EMAIL
      """;

  private final RecordingListener listener = new RecordingListener();
  private final JourneyEngine engine =
      new JourneyEngine(PlanLoader.parse(PLANS, "test.yaml"), listener);
  private final List<Alert> out = new ArrayList<>();
  private JourneyState state;

  private void signal(JourneySignal s) {
    state = engine.apply(state, s, out);
  }

  private void advanceTo(long at) {
    if (state != null) {
      state = engine.advance(state, at, out);
    }
  }

  private static Alert standard(String holder) {
    Alert a = TestingAlerts.standardOffer(holder);
    a.score = 0.6;
    a.riskBand = RiskBand.HIGH;
    return a;
  }

  @Test
  void shouldSendTheOfferAtEntryAsTheJourneysFirstStep() {
    Alert entry = standard("PH-1");

    signal(JourneySignal.alert(entry));

    assertThat(out)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.journey).isEqualTo("standard-renewal");
              assertThat(a.journeyVersion).isEqualTo(1);
              assertThat(a.journeyStep).isEqualTo("renewal-offer");
              assertThat(a.action).isEqualTo(RetentionAction.RENEWAL_OFFER);
              assertThat(a.followUp).isFalse();
              assertThat(a.alertId)
                  .isEqualTo(
                      AlertPolicy.alertId(
                          "PH-1",
                          entry.policyId,
                          entry.renewalDate,
                          "journey:standard-renewal:v1:renewal-offer:" + entry.alertId))
                  .isNotEqualTo(entry.alertId);
            });
    assertThat(listener.moves)
        .containsExactly(
            "entered standard-renewal v1 TREATED", "taken standard-renewal/renewal-offer");
    assertThat(JourneyEngine.wakeUp(state, T0)).isEqualTo(T0 + 14 * DAY);
  }

  @Test
  void shouldCallBackAfterFourteenSilentDaysWhileRiskStaysHigh() {
    signal(JourneySignal.alert(standard("PH-2")));
    advanceTo(T0 + 14 * DAY - 1);
    assertThat(out).hasSize(1);

    advanceTo(T0 + 14 * DAY);

    assertThat(out).hasSize(2);
    Alert callback = out.get(1);
    assertThat(callback.action).isEqualTo(RetentionAction.AGENT_CALLBACK);
    assertThat(callback.journeyStep).isEqualTo("callback-if-silent");
    assertThat(callback.followUp).isTrue();
    assertThat(callback.asOf).isEqualTo(T0 + 14 * DAY);
    assertThat(callback.agentId).isEqualTo("AG-17");
  }

  @Test
  void shouldAgeTheEntryFeaturesInEachStep() {
    Alert entry = standard("PH-2a");
    entry.featureAgeSeconds = 3_600L;
    signal(JourneySignal.alert(entry));
    advanceTo(T0 + 14 * DAY);

    assertThat(out).hasSize(2);
    assertThat(out.get(0).featureAgeSeconds).as("the entry step, at entry").isEqualTo(3_600L);
    // The callback still acts on the entry's features, now 14 days older.
    assertThat(out.get(1).featureAgeSeconds).isEqualTo(3_600L + 14 * 86_400L);
  }

  @Test
  void shouldLeaveTheAgeUnknownWhenTheEntryHadNone() {
    signal(JourneySignal.alert(standard("PH-2b")));

    assertThat(out).singleElement().satisfies(a -> assertThat(a.featureAgeSeconds).isNull());
  }

  @Test
  void shouldEndTheJourneyWhenThePolicyholderCameBackToTheApp() {
    Alert entry = standard("PH-3");
    signal(JourneySignal.alert(entry));
    int sessionDay = (int) ((T0 + 3 * DAY) / DAY);
    signal(JourneySignal.risk("PH-3", T0 + 3 * DAY, entry.policyId, 0.62, sessionDay));

    advanceTo(T0 + 14 * DAY);

    assertThat(out).hasSize(1);
    assertThat(listener.moves)
        .endsWith("skipped standard-renewal/callback-if-silent", "completed standard-renewal");
    assertThat(state).as("completed, waiting for the term's end").isNotNull();
    assertThat(JourneyEngine.wakeUp(state, T0 + 14 * DAY))
        .isEqualTo((entry.renewalDate + 1L + JourneyEngine.TERM_WINDOW_DAYS) * DAY);

    signal(JourneySignal.termEnded("PH-3", T0 + 20 * DAY, entry.policyId, true));

    assertThat(state).isNull();
    assertThat(listener.moves).last().isEqualTo("exited standard-renewal at end renewed");
  }

  @Test
  void shouldOfferByEmailOnceTheCallbackFailedTwice() {
    Alert entry = standard("PH-4");
    signal(JourneySignal.alert(entry));
    advanceTo(T0 + 14 * DAY);
    signal(JourneySignal.callbackResult("PH-4", T0 + 15 * DAY, entry.policyId, "UNREACHABLE"));
    assertThat(out).hasSize(2);

    signal(JourneySignal.callbackResult("PH-4", T0 + 16 * DAY, entry.policyId, "WRONG_CONTACT"));

    assertThat(out).hasSize(3);
    assertThat(out.get(2).offerChannel).isEqualTo("EMAIL");
    assertThat(out.get(2).action).isEqualTo(RetentionAction.RENEWAL_OFFER);
    assertThat(out.get(2).asOf).isEqualTo(T0 + 16 * DAY);
    assertThat(listener.moves).last().isEqualTo("completed standard-renewal");
  }

  @Test
  void shouldSkipTheEmailOfferWhenTheWindowClosesWithoutTwoFailures() {
    Alert entry = standard("PH-5");
    signal(JourneySignal.alert(entry));
    advanceTo(T0 + 14 * DAY);
    signal(JourneySignal.callbackResult("PH-5", T0 + 15 * DAY, entry.policyId, "UNREACHABLE"));

    assertThat(JourneyEngine.wakeUp(state, T0 + 15 * DAY)).isEqualTo(T0 + 35 * DAY);
    advanceTo(T0 + 35 * DAY);

    assertThat(out).hasSize(2);
    assertThat(listener.moves)
        .endsWith("skipped standard-renewal/offer-by-email", "completed standard-renewal");
  }

  @Test
  void shouldCancelTheScheduledCallbackWhenThePolicyholderOptsOut() {
    Alert entry = standard("PH-6");
    signal(JourneySignal.alert(entry));

    signal(JourneySignal.consent("PH-6", T0 + 5 * DAY, true));
    advanceTo(T0 + 14 * DAY);

    assertThat(out).hasSize(1);
    assertThat(state).isNull();
    assertThat(listener.moves)
        .endsWith(
            "cancelled standard-renewal/callback-if-silent",
            "exited standard-renewal at callback-if-silent opted_out");
  }

  @Test
  void shouldLeaveOnRenewalOfTheTermOnly() {
    Alert entry = standard("PH-7");
    signal(JourneySignal.alert(entry));

    signal(JourneySignal.termEnded("PH-7", T0 + DAY, "POL-OTHER", true));
    assertThat(state).isNotNull();
    signal(JourneySignal.termEnded("PH-7", T0 + 2 * DAY, entry.policyId, true));

    assertThat(state).isNull();
    assertThat(listener.moves)
        .last()
        .isEqualTo("exited standard-renewal at callback-if-silent renewed");
  }

  @Test
  void shouldExitWhenRiskFallsBelowTheBand() {
    Alert entry = standard("PH-8");
    signal(JourneySignal.alert(entry));

    signal(JourneySignal.risk("PH-8", T0 + DAY, entry.policyId, 0.1, 0));

    assertThat(state).isNull();
    assertThat(listener.moves).last().asString().endsWith("risk_fallen");
  }

  @Test
  void shouldCallBackOnlyWhileRiskIsStillAsHighAsAtEntry() {
    JourneyEngine relative =
        new JourneyEngine(
            PlanLoader.parse(
                PLANS.replace("risk-at-least: HIGH", "risk-at-least: entry"), "e.yaml"),
            listener);
    Alert stillHigh = standard("PH-8D");
    Alert fallen = standard("PH-8E");
    JourneyState high = relative.apply(null, JourneySignal.alert(stillHigh), out);
    JourneyState lower = relative.apply(null, JourneySignal.alert(fallen), out);
    lower =
        relative.apply(lower, JourneySignal.risk("PH-8E", T0 + DAY, fallen.policyId, 0.4, 0), out);

    relative.advance(high, T0 + 14 * DAY, out);
    relative.advance(lower, T0 + 14 * DAY, out);

    assertThat(out)
        .extracting(a -> a.policyholderId + " " + a.journeyStep)
        .containsExactly("PH-8D renewal-offer", "PH-8E renewal-offer", "PH-8D callback-if-silent");
  }

  @Test
  void shouldGiveARenteredTermNewStepIds() {
    Alert entry = standard("PH-8C");
    signal(JourneySignal.alert(entry));
    signal(JourneySignal.risk("PH-8C", T0 + DAY, entry.policyId, 0.1, 0));
    assertThat(state).as("risk fell").isNull();
    Alert again = standard("PH-8C");
    again.alertId = "al-ph-8c-critical";
    again.riskBand = RiskBand.CRITICAL;
    again.asOf = T0 + 2 * DAY;

    signal(JourneySignal.alert(again));

    assertThat(out).hasSize(2);
    assertThat(out.get(1).alertId).isNotEqualTo(out.get(0).alertId);
    assertThat(out.get(1).journeyStep).isEqualTo(out.get(0).journeyStep);
  }

  @Test
  void shouldNotCallRiskFallenWhenThePolicyholderEnteredBelowTheBand() {
    Alert entry = standard("PH-8B");
    entry.score = 0.25;
    entry.riskBand = RiskBand.LOW;
    signal(JourneySignal.alert(entry));

    signal(JourneySignal.risk("PH-8B", T0 + DAY, entry.policyId, 0.24, 0));

    assertThat(state).isNotNull();
  }

  @Test
  void shouldCallHighValueClientsAndStopOnceReached() {
    Alert entry = TestingAlerts.highValueCallback("PH-9");
    signal(JourneySignal.alert(entry));
    assertThat(out)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.action).isEqualTo(RetentionAction.AGENT_CALLBACK);
              assertThat(a.journey).isEqualTo("high-value-callback");
            });

    signal(JourneySignal.callbackResult("PH-9", T0 + DAY, entry.policyId, "REACHED"));

    assertThat(state).isNull();
    assertThat(listener.moves)
        .endsWith(
            "cancelled high-value-callback/offer-if-unreachable",
            "exited high-value-callback at offer-if-unreachable contacted");
  }

  @Test
  void shouldPassAlertsNoPlanAdmitsUnchanged() {
    JourneyEngine onlyHighValue =
        new JourneyEngine(
            PlanLoader.parse(
                PLANS.substring(0, PLANS.indexOf("  - id: standard-renewal")), "hv.yaml"),
            listener);
    Alert entry = standard("PH-10");

    state = onlyHighValue.apply(null, JourneySignal.alert(entry), out);

    assertThat(out).containsExactly(entry);
    assertThat(state).isNull();
    assertThat(listener.moves).isEmpty();
  }

  @Test
  void shouldLetAHigherPriorityPlanTakeOverAndRefuseALowerOne() {
    Alert first = standard("PH-11");
    signal(JourneySignal.alert(first));
    Alert otherTerm = TestingAlerts.highValueCallback("PH-11");
    otherTerm.policyId = "POL-11B";
    otherTerm.asOf = T0 + DAY;

    signal(JourneySignal.alert(otherTerm));

    assertThat(listener.moves)
        .contains(
            "cancelled standard-renewal/callback-if-silent",
            "exited standard-renewal at callback-if-silent preempted",
            "entered high-value-callback v1 TREATED");
    assertThat(out)
        .extracting(a -> a.journey)
        .containsExactly("standard-renewal", "high-value-callback");
  }

  @Test
  void shouldRefuseALowerPriorityEntryWhileOnAJourney() {
    JourneyEngine slowHighValue =
        new JourneyEngine(
            PlanLoader.parse(
                PLANS.replace(
                    "- {id: priority-callback, action: callback}",
                    "- {id: priority-callback, action: callback}\n"
                        + "      - {id: follow-up, after-days: 30, action: callback}"),
                "t.yaml"),
            listener);
    state =
        slowHighValue.apply(
            null, JourneySignal.alert(TestingAlerts.highValueCallback("PH-12")), out);
    Alert otherTerm = standard("PH-12");
    otherTerm.policyId = "POL-12B";
    otherTerm.asOf = T0 + DAY;

    state = slowHighValue.apply(state, JourneySignal.alert(otherTerm), out);

    assertThat(listener.moves).contains("refused standard-renewal v1 TREATED");
    assertThat(state.plan).isEqualTo("high-value-callback");
    assertThat(out).hasSize(1);
  }

  @Test
  void shouldKeepPolicyholdersOnTheVersionTheyEnteredAndExitThemWhenItIsWithdrawn() {
    signal(JourneySignal.alert(standard("PH-13")));
    JourneyPlans v2Only =
        PlanLoader.parse(
            PLANS.replace(
                "id: standard-renewal\n    version: 1", "id: standard-renewal\n    version: 2"),
            "v2.yaml");
    JourneyEngine restarted = new JourneyEngine(v2Only, listener);

    state = restarted.advance(state, T0 + 14 * DAY, out);

    assertThat(state).isNull();
    assertThat(listener.moves).last().asString().endsWith("withdrawn");
    assertThat(out).hasSize(1);
  }

  @Test
  void shouldRunHoldoutPolicyholdersThroughThePlanWithHoldoutAlerts() {
    Alert entry = standard("PH-14");
    entry.arm = Arm.HOLDOUT;
    signal(JourneySignal.alert(entry));
    advanceTo(T0 + 14 * DAY);

    assertThat(out).hasSize(2).allSatisfy(a -> assertThat(a.arm).isEqualTo(Arm.HOLDOUT));
  }

  @Test
  void shouldGiveTheSameAlertsOnReplay() {
    List<Alert> first = run();
    List<Alert> second = run();

    assertThat(second).isEqualTo(first);
    assertThat(first).hasSize(3);
  }

  private List<Alert> run() {
    JourneyEngine e = new JourneyEngine(PlanLoader.parse(PLANS, "r.yaml"), JourneyListener.NONE);
    List<Alert> alerts = new ArrayList<>();
    Alert entry = standard("PH-15");
    JourneyState s = e.apply(null, JourneySignal.alert(entry), alerts);
    s = e.advance(s, T0 + 14 * DAY, alerts);
    s =
        e.apply(
            s,
            JourneySignal.callbackResult("PH-15", T0 + 15 * DAY, entry.policyId, "UNREACHABLE"),
            alerts);
    e.apply(
        s,
        JourneySignal.callbackResult("PH-15", T0 + 16 * DAY, entry.policyId, "UNREACHABLE"),
        alerts);
    return alerts;
  }

  @Test
  void shouldPassErasureMarkersOnAndForgetTheJourney() {
    signal(JourneySignal.alert(standard("PH-16")));
    Alert marker = Alert.erasure("PH-16", RetentionAction.RENEWAL_OFFER, T0 + DAY);

    signal(JourneySignal.alert(marker));

    assertThat(state).isNull();
    assertThat(out).last().isSameAs(marker);
    assertThat(listener.moves).last().asString().endsWith("erased");
  }

  @Test
  void shouldGiveUpWhenTheTermsOutcomeWindowCloses() {
    JourneyEngine patient =
        new JourneyEngine(
            PlanLoader.parse(
                PLANS.replace(
                    "- {id: priority-callback, action: callback}",
                    "- {id: priority-callback, action: callback}\n"
                        + "      - {id: much-later, after-days: 200, action: callback}"),
                "t.yaml"),
            listener);
    Alert entry = TestingAlerts.highValueCallback("PH-17");
    state = patient.apply(null, JourneySignal.alert(entry), out);
    long termEnd = (entry.renewalDate + 1L + JourneyEngine.TERM_WINDOW_DAYS) * DAY;
    assertThat(JourneyEngine.wakeUp(state, T0)).isEqualTo(termEnd);

    state = patient.advance(state, termEnd, out);

    assertThat(state).isNull();
    assertThat(out).hasSize(1);
    assertThat(listener.moves)
        .endsWith(
            "cancelled high-value-callback/much-later",
            "exited high-value-callback at much-later term_ended");
  }
}
