package io.lapsewatch.bench;

import io.lapsewatch.alertcontract.Arm;
import io.lapsewatch.alertcontract.policy.HoldoutArm;
import io.lapsewatch.featurestore.events.EventType;
import io.lapsewatch.featurestore.events.PolicyEvent;
import io.lapsewatch.featurestore.features.FeatureVector;
import io.lapsewatch.featurestore.simulator.RetentionProgramme;
import io.lapsewatch.modeltraining.model.ChurnModel;
import io.lapsewatch.modeltraining.uplift.UpliftExample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The programme LapseWatch runs today, inside the simulated world, as the uplift model's teacher:
 * risk-threshold alerts, a randomized holdout arm, the tier's action for the treated. It keeps
 * every alerted term as an {@link UpliftExample} (features at the alert, arm, whether the term
 * renewed) once the simulation emits the term's renewal or lapse. Feed it the simulation's events
 * as the sink.
 */
final class LearningProgramme implements RetentionProgramme, Consumer<PolicyEvent> {
  private final FirstAlerts alerts;
  private final HoldoutArm holdout;

  /** Alerted terms waiting for their outcome, by policy id, with their arm. */
  private final Map<String, Pending> pending = new HashMap<>();

  private final List<UpliftExample> control = new ArrayList<>();
  private final Map<String, List<UpliftExample>> treatedByAction = new LinkedHashMap<>();

  private record Pending(AlertedTerm term, boolean treated) {}

  LearningProgramme(ChurnModel model, HoldoutArm holdout) {
    this.alerts = new FirstAlerts(model);
    this.holdout = holdout;
  }

  @Override
  public Treatment consider(FeatureVector v) {
    return alerts
        .consider(v)
        .map(
            t -> {
              boolean treated = holdout.of(t.policyholderId()) == Arm.TREATED;
              pending.put(t.policyId(), new Pending(t, treated));
              return treated ? t.action() : Treatment.NONE;
            })
        .orElse(Treatment.NONE);
  }

  @Override
  public void accept(PolicyEvent e) {
    boolean renewed = e.type == EventType.POLICY_RENEWED;
    // A cancellation ends the term without a renewal, as a lapse does.
    if (!renewed && e.type != EventType.POLICY_LAPSED && e.type != EventType.POLICY_CANCELLED) {
      return;
    }
    Pending p = pending.remove(e.policyId);
    if (p == null) {
      return;
    }
    UpliftExample x =
        new UpliftExample(p.term().features(), p.treated(), renewed, p.term().premium());
    if (p.treated()) {
      treatedByAction.computeIfAbsent(p.term().actionName(), a -> new ArrayList<>()).add(x);
    } else {
      control.add(x);
    }
  }

  /** Holdout rows with their outcome. */
  List<UpliftExample> control() {
    return control;
  }

  /** Treated rows with their outcome, by action name. */
  Map<String, List<UpliftExample>> treatedByAction() {
    return treatedByAction;
  }

  /** Alerted terms whose outcome fell after the simulation's end (left out of the examples). */
  int unresolved() {
    return pending.size();
  }
}
