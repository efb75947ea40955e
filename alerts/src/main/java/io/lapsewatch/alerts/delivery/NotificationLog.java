package io.lapsewatch.alerts.delivery;

import java.util.Collection;
import java.util.Set;

/**
 * Remembers which alert went to which target, so a replayed alert (a restart, a rebalance, the
 * scoring job's at-least-once output) is not sent twice. A delivery first claims its (alert,
 * target) pair for a short lease, and marks it sent only once the channel accepted it; a process
 * that dies between the two leaves a claim that expires, so the alert is retried rather than lost.
 *
 * <p>The log also keeps which policyholder each alert concerns, so an erasure can find and remove
 * that policyholder's entries; the index lives as long as the entries it points to. An erased
 * alert's entries become markers without a time or an id of the person, which keep a replay of that
 * same alert from being sent again.
 */
public interface NotificationLog extends AutoCloseable {

  /** What {@link #claim} found. */
  enum Claim {
    /** Ours to send now. */
    CLAIMED,
    /** Already delivered: skip it. */
    ALREADY_SENT,
    /** Another process is sending it right now (or died doing so and the lease runs out). */
    IN_FLIGHT
  }

  /**
   * Remembers that {@code alertId} concerns {@code policyholderId} and may go to {@code targets};
   * called before the alert's first claim, so {@link #erase} finds every entry it may leave.
   */
  void track(String policyholderId, String alertId, Collection<String> targets);

  /**
   * Forgets {@code policyholderId}: removes the index and every entry of its alerts, leaving an
   * {@code erased} marker per (alert, target) for the log's retention so a replay of one of these
   * alerts counts as sent (it is never delivered again). Idempotent.
   *
   * @return the ids of the alerts that were tracked for the policyholder
   */
  Set<String> erase(String policyholderId);

  /**
   * Claims (alertId, target) for this process, unless it is sent (or erased) or claimed elsewhere.
   */
  Claim claim(String alertId, String target);

  /** True when (alertId, target) was delivered (or erased after being tracked). */
  boolean isSent(String alertId, String target);

  /** Records a delivery; called only after the channel accepted it. */
  void markSent(String alertId, String target);

  /** Gives up this process's claim (the delivery failed), so a later replay can send it. */
  void release(String alertId, String target);

  /** Where the log lives, for the startup line. */
  String describe();

  @Override
  default void close() {}
}
