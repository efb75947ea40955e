package io.lapsewatch.alertcontract;

/** How an alerted policy term ended. */
public enum OutcomeKind {
  /** Renewed: the policyholder stayed. */
  RECOVERED,
  /** Lapsed or cancelled. */
  LAPSED,
  /** The tracking window closed with neither a renewal nor a lapse seen. */
  EXPIRED_UNKNOWN
}
