package io.lapsewatch.retentiondesk;

/** How a closed case ended. */
public enum Resolution {
  /** The policyholder accepted the offer or agreed to renew. */
  ACCEPTED,
  /** The policyholder was reached and declined. */
  DECLINED,
  /** Nobody could reach the policyholder (also: the contact details were wrong). */
  UNREACHABLE,
  /** The deadline passed (plus the grace period) without a result. */
  EXPIRED
}
