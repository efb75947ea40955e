package io.lapsewatch.bench;

import io.lapsewatch.featurestore.features.FeatureVector;
import io.lapsewatch.featurestore.simulator.RetentionProgramme;
import io.lapsewatch.modeltraining.model.ChurnModel;
import java.util.ArrayList;
import java.util.List;

/**
 * A programme that contacts nobody and records every term today's decision would alert on, at its
 * first alert: the candidates each ranking chooses from under the same capacity.
 */
final class EvaluationBook implements RetentionProgramme {
  private final FirstAlerts alerts;
  private final List<AlertedTerm> terms = new ArrayList<>();

  EvaluationBook(ChurnModel model) {
    this.alerts = new FirstAlerts(model);
  }

  @Override
  public Treatment consider(FeatureVector v) {
    alerts.consider(v).ifPresent(terms::add);
    return Treatment.NONE;
  }

  /** The alertable terms in alert order. */
  List<AlertedTerm> terms() {
    return terms;
  }
}
