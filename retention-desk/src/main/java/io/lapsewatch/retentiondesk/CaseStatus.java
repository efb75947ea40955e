package io.lapsewatch.retentiondesk;

/** Where a case stands: open, then contacted, then closed with a {@link Resolution}. */
public enum CaseStatus {
  OPEN,
  CONTACTED,
  CLOSED,
  /** The policyholder was erased: the case keeps only its ids and history kinds. */
  ERASED
}
