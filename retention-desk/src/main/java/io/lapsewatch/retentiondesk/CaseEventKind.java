package io.lapsewatch.retentiondesk;

/**
 * Kinds of change on topic {@code retention-case-events} (contract v1); add new kinds at the end.
 */
public enum CaseEventKind {
  /** A treated alert opened the case. */
  OPENED,
  /** An agent reported a {@link ResultKind}; may contact or close the case. */
  RESULT_RECORDED,
  /** The case moved to another owner (agent or the senior pool). */
  REASSIGNED,
  /** The deadline and grace period passed without a closing result. */
  EXPIRED,
  /** The policyholder was erased: personal data leaves the case. */
  ERASED,
  /** Nobody contacted the policyholder within the tier's service level: a step up the chain. */
  ESCALATED
}
