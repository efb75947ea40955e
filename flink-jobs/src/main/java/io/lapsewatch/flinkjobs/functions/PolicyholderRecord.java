package io.lapsewatch.flinkjobs.functions;

import io.lapsewatch.featurestore.events.PolicyEvent;
import io.lapsewatch.featurestore.features.PolicyholderState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Everything the scoring job keeps for one policyholder, in one keyed value: the features, the
 * events waiting for the watermark, recent event ids for de-duplication, the calendar timer
 * registered for them, and what it takes to apply a late event in order (the features before the
 * recently applied events, and those events).
 *
 * <p>One value instead of one state per part: an event then costs one state read and one write
 * instead of five to seven lookups, which was the largest share of the keyed chain's time.
 */
public final class PolicyholderRecord {
  private static final long[] NO_TIMES = new long[0];
  static final long NO_TIMER = Long.MAX_VALUE;
  private static final int[] NO_DAYS = new int[0];

  PolicyholderState features = new PolicyholderState();

  /** Events not yet passed by the watermark, sorted by (event time, event id). */
  final ArrayList<PolicyEvent> pending = new ArrayList<>(2);

  /** Ids of recently accepted events and their event times (about a day's worth: a few). */
  String[] recentIds = new String[0];

  long[] recentTimes = NO_TIMES;

  /**
   * The one calendar timer (next renewal milestone or the clean-up) registered for this
   * policyholder, or {@link #NO_TIMER}: each one registers the next when it fires, so a
   * policyholder holds two timers at most instead of one per future milestone.
   */
  long nextCalendar = NO_TIMER;

  /** The renewal dates and all-ended day the calendar timer was computed from. */
  int[] calendarRenewals = NO_DAYS;

  int calendarEndedDay = -1;

  /**
   * The features before the first event of {@link #applied}, in {@link PolicyholderState#toBytes}
   * form, or null while no applied event is young enough to be overtaken by a late one.
   */
  byte[] settled;

  /**
   * Events applied to {@link #features} that a late event may still sort before (younger than the
   * allowed lateness), in (time, id) order. With {@link #settled} they rebuild the features in
   * event-time order when a late event arrives.
   */
  final ArrayList<PolicyEvent> applied = new ArrayList<>(0);

  /** Remembers an event about to be applied in order, so a late one can still sort before it. */
  void logApplied(PolicyEvent e) {
    if (applied.isEmpty()) {
      settled = features.toBytes();
    }
    insertSorted(applied, e);
  }

  /**
   * Applies a late event (one the watermark has already passed) as if it had come in order: the
   * features are rebuilt from {@link #settled} and the logged events with it in its place.
   */
  void applyLate(PolicyEvent e) {
    if (applied.isEmpty()) {
      // Every applied event is older than the lateness horizon, so older than e: e goes last.
      logApplied(e);
      features.apply(e);
      return;
    }
    insertSorted(applied, e);
    PolicyholderState rebuilt = PolicyholderState.fromBytes(settled);
    for (PolicyEvent a : applied) {
      rebuilt.apply(a);
    }
    features = rebuilt;
  }

  /**
   * Forgets logged events at or before {@code horizon} (no late event can sort before them any
   * more). The log is dropped whole once all of it is that old; otherwise, past {@code maxLogged}
   * events, the old part is folded into {@link #settled} so the log stays short.
   */
  void settle(long horizon, int maxLogged) {
    if (applied.isEmpty()) {
      return;
    }
    if (applied.get(applied.size() - 1).occurredAt <= horizon) {
      applied.clear();
      settled = null;
      return;
    }
    if (applied.size() <= maxLogged || applied.get(0).occurredAt > horizon) {
      return;
    }
    PolicyholderState base = PolicyholderState.fromBytes(settled);
    int n = 0;
    while (applied.get(n).occurredAt <= horizon) {
      base.apply(applied.get(n++));
    }
    applied.subList(0, n).clear();
    settled = base.toBytes();
  }

  boolean seen(String eventId) {
    for (String id : recentIds) {
      if (id.equals(eventId)) {
        return true;
      }
    }
    return false;
  }

  /** Remembers an accepted id, first dropping ids of events older than {@code horizon}. */
  void remember(String eventId, long occurredAt, long horizon) {
    int keep = 0;
    for (long t : recentTimes) {
      if (t >= horizon) {
        keep++;
      }
    }
    String[] ids = new String[keep + 1];
    long[] times = new long[keep + 1];
    int i = 0;
    for (int j = 0; j < recentIds.length; j++) {
      if (recentTimes[j] >= horizon) {
        ids[i] = recentIds[j];
        times[i++] = recentTimes[j];
      }
    }
    ids[i] = eventId;
    times[i] = occurredAt;
    recentIds = ids;
    recentTimes = times;
  }

  /** Event time of the earliest pending event, or {@link Long#MAX_VALUE} when none waits. */
  long earliestPending() {
    return pending.isEmpty() ? Long.MAX_VALUE : pending.get(0).occurredAt;
  }

  void addPending(PolicyEvent e) {
    insertSorted(pending, e);
  }

  private static void insertSorted(ArrayList<PolicyEvent> events, PolicyEvent e) {
    int at = events.size();
    while (at > 0 && before(e, events.get(at - 1))) {
      at--;
    }
    events.add(at, e);
  }

  /** Removes and returns the pending events at or before {@code ts}, in (time, id) order. */
  List<PolicyEvent> takePendingUpTo(long ts) {
    int n = 0;
    while (n < pending.size() && pending.get(n).occurredAt <= ts) {
      n++;
    }
    if (n == 0) {
      return List.of();
    }
    if (n == 1) {
      return List.of(pending.remove(0)); // the common case: one event per timestamp
    }
    List<PolicyEvent> due = new ArrayList<>(pending.subList(0, n));
    pending.subList(0, n).clear();
    return due;
  }

  boolean hasPendingAt(long ts) {
    for (PolicyEvent e : pending) {
      if (e.occurredAt == ts) {
        return true;
      }
    }
    return false;
  }

  /** True when the calendar inputs differ from those the registered timers were computed from. */
  boolean calendarChanged(int[] renewals, int endedDay) {
    return endedDay != calendarEndedDay || !Arrays.equals(renewals, calendarRenewals);
  }

  private static boolean before(PolicyEvent a, PolicyEvent b) {
    return a.occurredAt < b.occurredAt
        || (a.occurredAt == b.occurredAt && a.eventId.compareTo(b.eventId) < 0);
  }
}
