package io.lapsewatch.alerts.delivery;

/**
 * Remembers which alert went to which target, so a replayed alert (a restart, a rebalance, the
 * scoring job's at-least-once output) is not sent twice. A delivery first claims its (alert,
 * target) pair for a short lease, and marks it sent only once the channel accepted it; a process
 * that dies between the two leaves a claim that expires, so the alert is retried rather than lost.
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

  /** Claims (alertId, target) for this process, unless it is sent or claimed elsewhere. */
  Claim claim(String alertId, String target);

  /** True when (alertId, target) was delivered. */
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
