package io.lapsewatch.alertcontract;

/** What the retention team should do about an alert. */
public enum RetentionAction {
  /** The policyholder's agent (or the senior pool for orphans) calls before the deadline. */
  AGENT_CALLBACK,
  /** A renewal offer is sent to the policyholder. */
  RENEWAL_OFFER
}
