package io.lapsewatch.alerts.service;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.RetentionAction;
import io.lapsewatch.alertcontract.Tier;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** In-process counts of the alerts seen, for the demo and tests; Prometheus has the same data. */
final class AlertTally {
  private long received;
  private final Map<String, Long> byTierAndAction = new TreeMap<>();
  private final Map<String, Long> byJourneyStep = new TreeMap<>();
  private Alert sample;

  synchronized void record(Alert a) {
    received++;
    byTierAndAction.merge(key(a.tier, a.action), 1L, Long::sum);
    if (a.inJourney()) {
      byJourneyStep.merge(a.journey + "/" + a.journeyStep, 1L, Long::sum);
    }
    // A high-value callback makes the richer example, so it wins over a standard one.
    if (sample == null || (sample.tier != Tier.HIGH_VALUE && a.tier == Tier.HIGH_VALUE)) {
      sample = a;
    }
  }

  /** Drops the sample alert if it is {@code policyholderId}'s (an erasure); counts hold no id. */
  synchronized void forget(String policyholderId) {
    if (sample != null && policyholderId.equals(sample.policyholderId)) {
      sample = null;
    }
  }

  static String key(Tier tier, RetentionAction action) {
    return tier + "/" + action;
  }

  synchronized long received() {
    return received;
  }

  synchronized Map<String, Long> byTierAndAction() {
    return Map.copyOf(new TreeMap<>(byTierAndAction));
  }

  /** Journey step alerts by {@code PLAN/STEP}; alerts outside journeys are not in it. */
  synchronized Map<String, Long> byJourneyStep() {
    return Map.copyOf(byJourneyStep);
  }

  synchronized Optional<Alert> sample() {
    return Optional.ofNullable(sample);
  }
}
