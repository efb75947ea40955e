package io.lapsewatch.modeltraining.uplift;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.Arm;
import io.lapsewatch.alertcontract.Outcome;
import io.lapsewatch.alertcontract.OutcomeKind;
import io.lapsewatch.alertcontract.RetentionAction;
import io.lapsewatch.featurestore.events.PolicyEvent;
import io.lapsewatch.featurestore.features.FeatureSchema;
import io.lapsewatch.featurestore.simulator.SimulationConfig;
import io.lapsewatch.featurestore.simulator.Simulator;
import io.lapsewatch.modeltraining.TrainingExample;
import io.lapsewatch.modeltraining.TrainingSetBuilder;
import io.lapsewatch.modeltraining.uplift.AlertedTermHistory.TermKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AlertedTermHistoryTest {
  private static final List<PolicyEvent> EVENTS = new ArrayList<>();
  private static final List<TrainingExample> TERMS = new ArrayList<>();

  @BeforeAll
  static void simulate() {
    new Simulator(SimulationConfig.of(300, 400, 7)).run(EVENTS::add);
    TrainingSetBuilder builder = new TrainingSetBuilder(30);
    EVENTS.forEach(builder::accept);
    TERMS.addAll(builder.examples());
  }

  private static Alert alert(TrainingExample t, String id, Arm arm, RetentionAction action) {
    Alert a = new Alert();
    a.alertId = id;
    a.policyholderId = t.policyholderId();
    a.policyId = t.policyId();
    a.renewalDate = t.renewalDate();
    a.asOf = t.asOf();
    a.arm = arm;
    a.action = action;
    a.annualPremium = 1000;
    return a;
  }

  private static Outcome outcome(String alertId, OutcomeKind kind) {
    Outcome o = new Outcome();
    o.alertId = alertId;
    o.outcome = kind;
    return o;
  }

  private static AlertedTermHistory.Result build(List<Alert> alerts, List<Outcome> outcomes) {
    AlertedTermHistory h = new AlertedTermHistory(alerts, outcomes);
    EVENTS.forEach(h::accept);
    return h.build();
  }

  @Test
  void featuresAreThoseTheTrainingSetBuilderTakesAtTheAlertTime() {
    assertThat(TERMS).hasSizeGreaterThan(50);
    List<Alert> alerts = new ArrayList<>();
    List<Outcome> outcomes = new ArrayList<>();
    Map<TermKey, TrainingExample> byTerm = new HashMap<>();
    for (int i = 0; i < TERMS.size(); i++) {
      TrainingExample t = TERMS.get(i);
      Arm arm = i % 3 == 0 ? Arm.HOLDOUT : Arm.TREATED;
      RetentionAction action =
          i % 2 == 0 ? RetentionAction.RENEWAL_OFFER : RetentionAction.AGENT_CALLBACK;
      alerts.add(alert(t, "al-" + i, arm, action));
      outcomes.add(outcome("al-" + i, t.lapsed() ? OutcomeKind.LAPSED : OutcomeKind.RECOVERED));
      byTerm.put(new TermKey(t.policyholderId(), t.policyId(), t.renewalDate()), t);
    }
    AlertedTermHistory.Result r = build(alerts, outcomes);

    assertThat(r.counts().missingFeatures()).isZero();
    assertThat(r.counts().renewed() + r.counts().lapsed()).isEqualTo(TERMS.size());
    long holdout = alerts.stream().filter(a -> a.arm == Arm.HOLDOUT).count();
    for (String action : List.of(AlertedTermHistory.OFFER, AlertedTermHistory.CALLBACK)) {
      UpliftDataset d = r.datasets().get(action);
      List<TermKey> keys = r.terms().get(action);
      assertThat(d.featureNames()).isEqualTo(FeatureSchema.keys());
      assertThat(d.controlCount())
          .as("holdout rows are the control of every action")
          .isEqualTo(holdout);
      assertThat(keys).hasSize(d.size());
      for (int i = 0; i < d.size(); i++) {
        TrainingExample t = byTerm.get(keys.get(i));
        UpliftExample e = d.examples().get(i);
        assertThat(e.features()).as(keys.get(i).toString()).containsExactly(t.features());
        assertThat(e.renewed()).isEqualTo(!t.lapsed());
      }
    }
  }

  @Test
  void followUpsMessagesAndRepeatsAreIgnoredAndLeftOutTermsAreCounted() {
    TrainingExample a = TERMS.get(0);
    TrainingExample b = TERMS.get(1);
    TrainingExample c = TERMS.get(2);
    TrainingExample d = TERMS.get(3);
    Alert first = alert(a, "al-a", Arm.TREATED, RetentionAction.RENEWAL_OFFER);
    Alert later = alert(a, "al-a2", Arm.TREATED, RetentionAction.AGENT_CALLBACK);
    later.asOf = a.asOf() + 86_400_000L;
    Alert followUp = alert(a, "al-a3", Arm.TREATED, RetentionAction.AGENT_CALLBACK);
    followUp.followUp = true;
    followUp.journey = "plan";
    Alert message = alert(b, "al-b-msg", Arm.TREATED, RetentionAction.RENEWAL_OFFER);
    message.messageTo = "underwriting";
    Alert holdout = alert(b, "al-b", Arm.HOLDOUT, RetentionAction.RENEWAL_OFFER);
    Alert expired = alert(c, "al-c", Arm.TREATED, RetentionAction.RENEWAL_OFFER);
    Alert noOutcome = alert(d, "al-d", Arm.TREATED, RetentionAction.RENEWAL_OFFER);
    Alert unknown = alert(d, "al-x", Arm.HOLDOUT, RetentionAction.RENEWAL_OFFER);
    unknown.policyholderId = "PH-NOT-IN-HISTORY";
    List<Outcome> outcomes =
        List.of(
            outcome("al-a", OutcomeKind.RECOVERED),
            outcome("al-a2", OutcomeKind.LAPSED),
            outcome("al-a3", OutcomeKind.LAPSED),
            outcome("al-b", OutcomeKind.LAPSED),
            outcome("al-c", OutcomeKind.EXPIRED_UNKNOWN),
            outcome("al-x", OutcomeKind.RECOVERED));

    AlertedTermHistory.Result r =
        build(
            List.of(later, followUp, first, message, holdout, expired, noOutcome, unknown),
            outcomes);

    AlertedTermHistory.Counts n = r.counts();
    assertThat(n.alerts()).isEqualTo(8);
    assertThat(n.followUps()).isEqualTo(1);
    assertThat(n.messages()).isEqualTo(1);
    assertThat(n.laterAlertsOfTerm()).isEqualTo(1);
    assertThat(n.terms()).isEqualTo(5);
    assertThat(n.expiredUnknown()).isEqualTo(1);
    assertThat(n.missingOutcome()).isEqualTo(1);
    assertThat(n.missingFeatures()).isEqualTo(1);
    assertThat(n.renewed()).isEqualTo(1);
    assertThat(n.lapsed()).isEqualTo(1);
    UpliftDataset offer = r.datasets().get(AlertedTermHistory.OFFER);
    // The term's first alert (an offer, renewed) counts, not the later callback that lapsed.
    assertThat(offer.treatedCount()).isEqualTo(1);
    assertThat(offer.renewalRate(true)).isEqualTo(1.0);
    assertThat(offer.controlCount()).isEqualTo(1);
    assertThat(r.datasets().get(AlertedTermHistory.CALLBACK).treatedCount()).isZero();
  }
}
