package io.lapsewatch.modeltraining;

import io.lapsewatch.featurestore.events.EventType;
import io.lapsewatch.featurestore.events.PolicyEvent;
import io.lapsewatch.featurestore.features.FeatureVector;
import io.lapsewatch.featurestore.features.PolicyholderState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Builds point-in-time training examples from an event history in event-time order. For every
 * policy term it snapshots the policyholder's features at each cut-off before the renewal date,
 * using only events before the cut-off and the same {@link PolicyholderState} the job runs; the
 * label arrives later (renewed = 0; lapsed or cancelled = 1). Terms whose outcome is not known by
 * the end of the history are left out.
 */
public final class TrainingSetBuilder {
  private static final long DAY_MS = 86_400_000L;

  private record Snapshot(
      long at, String policyholderId, String policyId, int renewalDate, int cutoffDays) {}

  private final int[] cutoffDays;
  private final Map<String, PolicyholderState> states = new HashMap<>();
  private final PriorityQueue<Snapshot> due =
      new PriorityQueue<>(Comparator.comparingLong(Snapshot::at));
  private final Map<String, List<TrainingExample>> awaitingOutcome = new HashMap<>();
  private final List<TrainingExample> labelled = new ArrayList<>();
  private long lastEventAt = Long.MIN_VALUE;

  /**
   * @param cutoffDays days before the renewal date at which to snapshot, e.g. {60, 30}
   */
  public TrainingSetBuilder(int... cutoffDays) {
    if (cutoffDays.length == 0) {
      throw new IllegalArgumentException("at least one cut-off is needed");
    }
    for (int c : cutoffDays) {
      if (c < 1 || c > 365) {
        throw new IllegalArgumentException("cut-off days must be in 1..365, was " + c);
      }
    }
    this.cutoffDays = cutoffDays.clone();
  }

  /** Feeds the next event; events must come in event-time order. */
  public void accept(PolicyEvent e) {
    if (e.occurredAt < lastEventAt) {
      throw new IllegalArgumentException(
          "events must be in time order: " + e.eventId + " is earlier than the one before");
    }
    lastEventAt = e.occurredAt;
    // Snapshots due at or before this event see only the events before it.
    while (!due.isEmpty() && due.peek().at() <= e.occurredAt) {
      take(due.poll());
    }
    PolicyholderState state =
        states.computeIfAbsent(e.policyholderId, k -> new PolicyholderState());
    state.apply(e);
    if (e.type == EventType.POLICY_ISSUED || e.type == EventType.POLICY_RENEWED) {
      for (int c : cutoffDays) {
        long at = (long) (e.endDate - c) * DAY_MS;
        if (at > e.occurredAt) {
          due.add(new Snapshot(at, e.policyholderId, e.policyId, e.endDate, c));
        }
      }
    } else if (e.type == EventType.POLICY_LAPSED || e.type == EventType.POLICY_CANCELLED) {
      resolve(e.policyholderId, e.policyId, true);
    }
    if (e.type == EventType.POLICY_RENEWED) {
      resolve(e.policyholderId, e.policyId, false);
    }
  }

  private void take(Snapshot s) {
    PolicyholderState state = states.get(s.policyholderId());
    FeatureVector v = state.vector(s.policyholderId(), s.at(), s.policyId());
    if (!s.policyId().equals(v.policyId) || v.renewalDate != s.renewalDate()) {
      return; // the term ended (or was renewed early) before the cut-off
    }
    awaitingOutcome
        .computeIfAbsent(s.policyholderId() + "|" + s.policyId(), k -> new ArrayList<>())
        .add(
            new TrainingExample(
                s.policyholderId(),
                s.policyId(),
                s.renewalDate(),
                s.cutoffDays(),
                s.at(),
                v.values,
                false));
  }

  private void resolve(String policyholderId, String policyId, boolean lapsed) {
    List<TrainingExample> open = awaitingOutcome.remove(policyholderId + "|" + policyId);
    if (open == null) {
      return;
    }
    for (TrainingExample x : open) {
      labelled.add(
          new TrainingExample(
              x.policyholderId(),
              x.policyId(),
              x.renewalDate(),
              x.cutoffDays(),
              x.asOf(),
              x.features(),
              lapsed));
    }
  }

  /**
   * Days after the renewal date by which a lapse is known (the grace period). A term renewing later
   * than this before the end of the history is left out even if it already renewed: keeping it
   * would keep only the renewals of that period and bias the labels.
   */
  public static final int OUTCOME_GRACE_DAYS = 30;

  /** Examples whose outcome is known, ordered by renewal date then policy. */
  public List<TrainingExample> examples() {
    long lastDay = Math.floorDiv(lastEventAt, DAY_MS);
    List<TrainingExample> out = new ArrayList<>();
    for (TrainingExample x : labelled) {
      if (x.renewalDate() + (long) OUTCOME_GRACE_DAYS <= lastDay) {
        out.add(x);
      }
    }
    out.sort(
        Comparator.comparingInt(TrainingExample::renewalDate)
            .thenComparing(TrainingExample::policyId)
            .thenComparingInt(TrainingExample::cutoffDays));
    return out;
  }

  /** Terms snapshotted but still waiting for their outcome (excluded from training). */
  public int unresolvedTerms() {
    return awaitingOutcome.size();
  }
}
