package io.lapsewatch.cli;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.Arm;
import io.lapsewatch.alertcontract.RetentionAction;
import io.lapsewatch.alertcontract.RiskBand;
import io.lapsewatch.alertcontract.policy.AlertPolicy;
import io.lapsewatch.alertcontract.policy.DecisionConfig;
import io.lapsewatch.alertcontract.policy.HoldoutArm;
import io.lapsewatch.featurestore.features.Feature;
import io.lapsewatch.featurestore.features.FeatureVector;
import io.lapsewatch.featurestore.features.PolicyholderState;
import io.lapsewatch.featurestore.simulator.RetentionProgramme;
import io.lapsewatch.journeys.engine.JourneyEngine;
import io.lapsewatch.journeys.engine.JourneyListener;
import io.lapsewatch.journeys.engine.JourneySignal;
import io.lapsewatch.journeys.engine.JourneyState;
import io.lapsewatch.journeys.plan.JourneyPlans;
import io.lapsewatch.modeltraining.model.ChurnModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The job's decision and journeys, replayed inside the simulated world: for each policyholder the
 * real {@link JourneyEngine} runs the same plans on the vectors the simulator computes, so the
 * simulated policyholders receive the journey's follow-up steps (a callback two weeks after the
 * offer), not only the first contact. Like the job: a decision alert enters a plan, a fresh score
 * of an alerted term is a RISK signal, and due steps are taken when the policyholder's time moves.
 * Holdout steps and team messages reach nobody.
 *
 * <p>What the replay does not see: the desk's callback results and offers received after the
 * simulated events (so {@code callback-unreachable-at-least} steps wait for the simulator's own
 * REACHED results only), term ends (steps due after the renewal date are skipped anyway), and the
 * job's contact rules (a step the job suppresses still reaches the simulated policyholder).
 */
final class DemoJourneyProgramme implements RetentionProgramme {
  private final ChurnModel model;
  private final AlertPolicy policy;
  private final HoldoutArm holdout;
  private final JourneyEngine engine;

  /** Each policyholder's journey (absent: on none). */
  private final Map<String, JourneyState> journeys = new HashMap<>();

  /**
   * Each policyholder's alerted terms ({@code policy|renewal day}) and their band, as the job's.
   */
  private final Map<String, Map<String, RiskBand>> alerted = new HashMap<>();

  DemoJourneyProgramme(ChurnModel model, HoldoutArm holdout, JourneyPlans plans) {
    this.model = model;
    this.policy = new AlertPolicy(DecisionConfig.withThreshold(model.threshold()));
    this.holdout = holdout;
    this.engine = new JourneyEngine(plans, JourneyListener.NONE);
  }

  @Override
  public Treatment consider(FeatureVector features) {
    List<Delivery> now = act(features);
    return now.isEmpty() ? Treatment.NONE : now.get(0).treatment();
  }

  @Override
  public List<Delivery> act(FeatureVector v) {
    List<Alert> out = new ArrayList<>();
    String holder = v.policyholderId;
    JourneyState s = journeys.get(holder);
    int today = PolicyholderState.dayOf(v.asOf);
    if (v.hasRenewingPolicy() && policy.inHorizon(v.renewalDate - today)) {
      double score = model.score(v.values);
      Map<String, RiskBand> terms = alerted.computeIfAbsent(holder, h -> new HashMap<>());
      String term = v.policyId + "|" + v.renewalDate;
      RiskBand band = terms.get(term);
      if (band != null && s != null) {
        int lastSession = today - (int) v.get(Feature.DAYS_SINCE_SESSION);
        s =
            engine.apply(
                s, JourneySignal.risk(holder, v.asOf, v.policyId, score, lastSession), out);
      }
      Optional<Alert> a = policy.decide(v, score, model.version(), null, holdout.of(holder), band);
      if (a.isPresent()) {
        terms.put(term, a.get().riskBand);
        s = engine.apply(s, JourneySignal.alert(a.get()), out);
      }
    }
    if (s != null) {
      s = engine.advance(s, v.asOf, out);
    }
    if (s == null) {
      journeys.remove(holder);
    } else {
      journeys.put(holder, s);
    }
    return deliveries(out);
  }

  /** What of the alerts reaches the simulated policyholder: treated contacts, in order. */
  static List<Delivery> deliveries(List<Alert> alerts) {
    List<Delivery> d = new ArrayList<>();
    for (Alert a : alerts) {
      if (a.arm == Arm.HOLDOUT || a.messageTo != null || a.erasure) {
        continue;
      }
      d.add(
          new Delivery(
              a.action == RetentionAction.AGENT_CALLBACK
                  ? Treatment.AGENT_CALLBACK
                  : Treatment.RENEWAL_OFFER,
              a.followUp));
    }
    return d;
  }
}
