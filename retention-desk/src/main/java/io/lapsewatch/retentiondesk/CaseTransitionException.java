package io.lapsewatch.retentiondesk;

/** A case event that cannot apply to the case as it stands, with a reason code and why. */
public class CaseTransitionException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Reason code: the event belongs to another case. */
  public static final String WRONG_CASE = "wrong_case";

  /** Reason code: no OPENED event came first. */
  public static final String NO_CASE = "no_case";

  /** Reason code: a second, different OPENED event for an open case. */
  public static final String ALREADY_OPEN = "already_open";

  /** Reason code: the case is closed; nothing but erasure changes it. */
  public static final String CASE_CLOSED = "case_closed";

  /** Reason code: the policyholder was erased. */
  public static final String CASE_ERASED = "case_erased";

  /** Reason code: a reassignment to the owner the case already has. */
  public static final String SAME_OWNER = "same_owner";

  /** Reason code: a next attempt planned on a result that closes the case. */
  public static final String NEXT_ATTEMPT_ON_CLOSE = "next_attempt_on_close";

  /** Reason code: an escalation of a case the agent already contacted. */
  public static final String ALREADY_CONTACTED = "already_contacted";

  /** Reason code: an escalation level that does not follow the case's current one. */
  public static final String ESCALATION_ORDER = "escalation_order";

  private final String reasonCode;

  public CaseTransitionException(String reasonCode, String message) {
    super(message);
    this.reasonCode = reasonCode;
  }

  /** One of the reason codes above. */
  public String reasonCode() {
    return reasonCode;
  }
}
