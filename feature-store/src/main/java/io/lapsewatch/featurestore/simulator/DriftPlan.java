package io.lapsewatch.featurestore.simulator;

import java.util.List;

/**
 * The drifts of one simulation in epoch days, as each simulated policyholder checks them: from
 * which day sessions are silenced, from which day quotes rise and by how much.
 */
record DriftPlan(int outageFrom, int priceRiseFrom, double priceRise) {
  static final DriftPlan NONE = new DriftPlan(Integer.MAX_VALUE, Integer.MAX_VALUE, 0);

  /** The plan of {@code drifts} for a simulation starting on epoch day {@code firstDay}. */
  static DriftPlan of(List<BehaviourDrift> drifts, int firstDay) {
    int outage = Integer.MAX_VALUE;
    int rise = Integer.MAX_VALUE;
    double by = 0;
    for (BehaviourDrift d : drifts) {
      if (d.kind() == BehaviourDrift.Kind.APP_OUTAGE) {
        outage = firstDay + d.fromDay();
      } else {
        rise = firstDay + d.fromDay();
        by = d.priceRise();
      }
    }
    return new DriftPlan(outage, rise, by);
  }

  boolean sessionsSilenced(int day) {
    return day >= outageFrom;
  }

  /** The extra price change of a quote on {@code day}: the rise from its day on, else 0. */
  double priceRiseOn(int day) {
    return day >= priceRiseFrom ? priceRise : 0;
  }
}
