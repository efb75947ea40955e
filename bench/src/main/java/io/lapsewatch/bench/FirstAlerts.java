package io.lapsewatch.bench;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.RetentionAction;
import io.lapsewatch.alertcontract.policy.AlertPolicy;
import io.lapsewatch.alertcontract.policy.DecisionConfig;
import io.lapsewatch.featurestore.features.Feature;
import io.lapsewatch.featurestore.features.FeatureVector;
import io.lapsewatch.featurestore.simulator.RetentionProgramme.Treatment;
import io.lapsewatch.modeltraining.model.ChurnModel;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Today's risk-threshold decision (the job's {@link AlertPolicy} on the churn model's score),
 * reporting each renewing term once: at its first alert. Later band rises are not new contacts
 * here, because the simulator acts on a term's first treatment only.
 */
final class FirstAlerts {
  private final ChurnModel model;
  private final AlertPolicy policy;
  private final Set<String> alerted = new HashSet<>();

  FirstAlerts(ChurnModel model) {
    this.model = model;
    this.policy = new AlertPolicy(DecisionConfig.withThreshold(model.threshold()));
  }

  /** The term of {@code v} if this vector raises its first alert; empty otherwise. */
  Optional<AlertedTerm> consider(FeatureVector v) {
    if (!v.hasRenewingPolicy()) {
      return Optional.empty();
    }
    String term = v.policyholderId + "|" + v.policyId + "|" + v.renewalDate;
    if (alerted.contains(term)) {
      return Optional.empty();
    }
    double score = model.score(v.values);
    Optional<Alert> a = policy.decide(v, score, model.version(), null);
    if (a.isEmpty()) {
      return Optional.empty();
    }
    alerted.add(term);
    Treatment action =
        a.get().action == RetentionAction.AGENT_CALLBACK
            ? Treatment.AGENT_CALLBACK
            : Treatment.RENEWAL_OFFER;
    return Optional.of(
        new AlertedTerm(
            v.policyholderId,
            v.policyId,
            v.renewalDate,
            action,
            v.values.clone(),
            score,
            v.get(Feature.RENEWING_PREMIUM)));
  }
}
