package io.lapsewatch.bench;

import io.lapsewatch.featurestore.simulator.RetentionProgramme.Treatment;
import io.lapsewatch.featurestore.simulator.TreatmentTruth;

/**
 * A renewing term at its first risk alert, as the programme saw it: the features then, the churn
 * model's score, the action its tier calls for and the renewing premium.
 */
record AlertedTerm(
    String policyholderId,
    String policyId,
    int renewalDate,
    Treatment action,
    double[] features,
    double riskScore,
    double premium) {

  /** The term's key in the simulator's ground truth. */
  TreatmentTruth.Term truthKey() {
    return TreatmentTruth.Term.of(policyholderId, policyId, renewalDate);
  }

  /** The uplift dataset name of the action, as {@code UpliftDataset.perAction} uses it. */
  String actionName() {
    return TreatmentTruth.actionName(action);
  }
}
