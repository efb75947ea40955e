package io.lapsewatch.modeltraining.uplift;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.Arm;
import io.lapsewatch.alertcontract.Outcome;
import io.lapsewatch.alertcontract.OutcomeKind;
import io.lapsewatch.alertcontract.RetentionAction;
import io.lapsewatch.featurestore.events.PolicyEvent;
import io.lapsewatch.featurestore.features.FeatureSchema;
import io.lapsewatch.featurestore.features.FeatureVector;
import io.lapsewatch.featurestore.features.PolicyholderState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Builds per-action {@link UpliftDataset}s from what LapseWatch records: the alerts (each term's
 * first contact alert, with its arm and action), their outcomes, and the policyholder's features as
 * of the alert computed from the event history by the same {@link PolicyholderState} the job and
 * {@code TrainingSetBuilder} use.
 *
 * <p>Give it the alerts and outcomes, then feed the events in event-time order ({@link #accept}),
 * then call {@link #build()}. A snapshot at the alert's {@code asOf} sees every event up to and
 * including {@code asOf}, as the job did when it scored that event. Everything left out is counted
 * in {@link Counts}, never dropped silently.
 */
public final class AlertedTermHistory {
  /** The action names the datasets are keyed by. */
  public static final String OFFER = "offer";

  public static final String CALLBACK = "callback";

  /** Identity of one alerted policy term, aligned with the dataset's rows. */
  public record TermKey(String policyholderId, String policyId, int renewalDate) {}

  /** What was read and what was left out, and why. */
  public record Counts(
      long alerts,
      long followUps,
      long messages,
      long laterAlertsOfTerm,
      long terms,
      long missingOutcome,
      long expiredUnknown,
      long missingFeatures,
      long renewed,
      long lapsed) {}

  /**
   * The datasets (one per action, holdout rows shared) and, per action, each row's term in dataset
   * order.
   */
  public record Result(
      Map<String, UpliftDataset> datasets, Map<String, List<TermKey>> terms, Counts counts) {}

  private record Pending(Alert alert, TermKey key) {}

  private record Row(TermKey key, Arm arm, String action, UpliftExample example) {}

  private final Map<String, PolicyholderState> states = new HashMap<>();
  private final PriorityQueue<Pending> due =
      new PriorityQueue<>(
          Comparator.comparingLong((Pending p) -> p.alert().asOf)
              .thenComparing(p -> p.alert().alertId));
  private final Map<String, Outcome> outcomeByAlert = new HashMap<>();
  private final List<Row> rows = new ArrayList<>();
  private long lastEventAt = Long.MIN_VALUE;
  private long alerts;
  private long followUps;
  private long messages;
  private long laterAlerts;
  private long terms;
  private long missingOutcome;
  private long expired;
  private long missingFeatures;

  /**
   * @param alertRecords every alert read (follow-ups, messages and repeats are counted and skipped)
   * @param outcomeRecords every outcome read, matched to alerts by alert id
   */
  public AlertedTermHistory(Iterable<Alert> alertRecords, Iterable<Outcome> outcomeRecords) {
    for (Outcome o : outcomeRecords) {
      outcomeByAlert.putIfAbsent(o.alertId, o);
    }
    Map<TermKey, Alert> first = new LinkedHashMap<>();
    for (Alert a : alertRecords) {
      alerts++;
      if (a.followUp) {
        followUps++; // a journey step after the first contact: the term counts once, at its start
      } else if (a.messageTo != null) {
        messages++; // only a message to a receiver: no contact of the policyholder
      } else {
        TermKey k = new TermKey(a.policyholderId, a.policyId, a.renewalDate);
        Alert seen = first.get(k);
        if (seen == null) {
          first.put(k, a);
        } else {
          laterAlerts++;
          if (a.asOf < seen.asOf
              || (a.asOf == seen.asOf && a.alertId.compareTo(seen.alertId) < 0)) {
            first.put(k, a);
          }
        }
      }
    }
    terms = first.size();
    first.forEach((k, a) -> due.add(new Pending(a, k)));
  }

  /** Feeds the next event of the history; events must come in event-time order. */
  public void accept(PolicyEvent e) {
    if (e.occurredAt < lastEventAt) {
      throw new IllegalArgumentException(
          "events must be in time order: " + e.eventId + " is earlier than the one before");
    }
    lastEventAt = e.occurredAt;
    // Alerts before this event see the state up to the previous event (inclusive of their asOf).
    while (!due.isEmpty() && due.peek().alert().asOf < e.occurredAt) {
      take(due.poll());
    }
    states.computeIfAbsent(e.policyholderId, k -> new PolicyholderState()).apply(e);
  }

  private void take(Pending p) {
    Alert a = p.alert();
    Outcome o = outcomeByAlert.get(a.alertId);
    if (o == null) {
      missingOutcome++;
      return;
    }
    if (o.outcome == OutcomeKind.EXPIRED_UNKNOWN) {
      expired++;
      return;
    }
    PolicyholderState state = states.get(a.policyholderId);
    if (state == null || state.isEmpty()) {
      missingFeatures++;
      return;
    }
    FeatureVector v = state.vector(a.policyholderId, a.asOf, a.policyId);
    if (v.erased || !a.policyId.equals(v.policyId) || v.values == null) {
      missingFeatures++; // erased, or the alerted term is not in force in the history at asOf
      return;
    }
    double premium = a.annualPremium > 0 ? a.annualPremium : Math.max(0, o.annualPremium);
    boolean renewed = o.outcome == OutcomeKind.RECOVERED;
    rows.add(
        new Row(
            p.key(),
            a.arm,
            actionName(a.action),
            new UpliftExample(v.values, a.arm == Arm.TREATED, renewed, premium)));
  }

  /** {@code offer} or {@code callback}. */
  public static String actionName(RetentionAction action) {
    return switch (action) {
      case RENEWAL_OFFER -> OFFER;
      case AGENT_CALLBACK -> CALLBACK;
    };
  }

  /** Snapshots the alerts still due (after the last event) and builds the datasets. */
  public Result build() {
    while (!due.isEmpty()) {
      take(due.poll());
    }
    List<UpliftExample> control = new ArrayList<>();
    List<TermKey> controlKeys = new ArrayList<>();
    Map<String, List<UpliftExample>> treated = new LinkedHashMap<>();
    Map<String, List<TermKey>> treatedKeys = new LinkedHashMap<>();
    treated.put(OFFER, new ArrayList<>());
    treated.put(CALLBACK, new ArrayList<>());
    treatedKeys.put(OFFER, new ArrayList<>());
    treatedKeys.put(CALLBACK, new ArrayList<>());
    long renewed = 0;
    for (Row r : rows) {
      renewed += r.example().renewed() ? 1 : 0;
      if (r.arm() == Arm.TREATED) {
        treated.get(r.action()).add(r.example());
        treatedKeys.get(r.action()).add(r.key());
      } else {
        control.add(r.example());
        controlKeys.add(r.key());
      }
    }
    Map<String, UpliftDataset> datasets =
        UpliftDataset.perAction(FeatureSchema.keys(), control, treated);
    // perAction puts each action's treated rows first, then the shared holdout rows.
    Map<String, List<TermKey>> keys = new LinkedHashMap<>();
    treatedKeys.forEach(
        (action, k) -> {
          List<TermKey> all = new ArrayList<>(k);
          all.addAll(controlKeys);
          keys.put(action, List.copyOf(all));
        });
    Counts counts =
        new Counts(
            alerts,
            followUps,
            messages,
            laterAlerts,
            terms,
            missingOutcome,
            expired,
            missingFeatures,
            renewed,
            rows.size() - renewed);
    return new Result(datasets, keys, counts);
  }
}
