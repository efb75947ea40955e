package io.lapsewatch.cli;

import io.lapsewatch.alertcontract.Arm;
import io.lapsewatch.alertcontract.Outcome;
import io.lapsewatch.alertcontract.OutcomeJson;
import io.lapsewatch.alertcontract.OutcomeKind;
import io.lapsewatch.alerts.metrics.RecoveryWindow;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Recovery by arm over the demo's outcomes, computed exactly as the alerts service's /metrics does
 * (the same {@link RecoveryWindow}: event time, one outcome per alert), so the printed rate and the
 * scraped one agree.
 */
final class DemoRecovery {
  private final RecoveryWindow window;
  private final int windowDays;

  private DemoRecovery(RecoveryWindow window, int windowDays) {
    this.window = window;
    this.windowDays = windowDays;
  }

  /** Over these outcomes, with a window of {@code windowDays} days. */
  static DemoRecovery of(List<Outcome> outcomes, int windowDays) {
    RecoveryWindow w = new RecoveryWindow(Duration.ofDays(windowDays));
    for (Outcome o : outcomes) {
      // Each term counts once, with its first contact, as on the service's /metrics: a journey's
      // follow-up step has an outcome of its own for the same term (it counts in the journeys
      // table only).
      if (!o.followUp) {
        w.add(o);
      }
    }
    return new DemoRecovery(w, windowDays);
  }

  /** Over the outcomes topic, read to its end. */
  static DemoRecovery fromTopic(String bootstrap, String topic, int windowDays) {
    return of(read(bootstrap, topic), windowDays);
  }

  /** The outcomes on {@code topic}, read to its end. */
  static List<Outcome> read(String bootstrap, String topic) {
    List<Outcome> outcomes = new ArrayList<>();
    for (byte[] value : Topics.readAll(bootstrap, topic)) {
      try {
        outcomes.add(OutcomeJson.parse(value));
      } catch (IOException e) {
        throw new IllegalStateException(
            "unreadable outcome on " + topic + ": " + e.getMessage(), e);
      }
    }
    return outcomes;
  }

  /** What each alerted policyholder did, by alert id (the last outcome read wins). */
  static Map<String, OutcomeKind> byAlert(List<Outcome> outcomes) {
    Map<String, OutcomeKind> truth = new HashMap<>();
    for (Outcome o : outcomes) {
      if (o.alertId != null && o.outcome != null) {
        truth.put(o.alertId, o.outcome);
      }
    }
    return truth;
  }

  int windowDays() {
    return windowDays;
  }

  /** Recovered / (recovered + lapsed) of the arm over both tiers; empty without outcomes. */
  OptionalDouble rate(Arm arm) {
    return window.rate(null, arm);
  }

  long recovered(Arm arm) {
    return window.count(null, arm, OutcomeKind.RECOVERED);
  }

  long lapsed(Arm arm) {
    return window.count(null, arm, OutcomeKind.LAPSED);
  }

  /** Annual premium of the treated terms that renewed. */
  double recoveredTreatedPremium() {
    return window.recoveredPremium(null, Arm.TREATED);
  }
}
