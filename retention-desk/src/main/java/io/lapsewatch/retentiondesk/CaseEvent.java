package io.lapsewatch.retentiondesk;

import java.time.Instant;
import java.util.Objects;

/**
 * One change of a retention case (topic {@code retention-case-events}, keyed by case id, contract
 * v1): who ({@link #actor}) did what ({@link #kind}) when ({@link #at}), with the fields of that
 * kind; fields of other kinds are null. {@link #eventId} is deterministic (see {@link CaseIds}), so
 * a replayed alert or a retried request yields the same event, which {@link CaseFile} applies once.
 *
 * @param alertId OPENED: the alert that opened the case
 * @param policyholderId OPENED: personal data; shown masked, erased by ERASED
 * @param policyId OPENED: the policy whose term is at risk
 * @param action OPENED: renewal offer or callback task
 * @param owner OPENED, REASSIGNED: agent id or the senior pool
 * @param branch OPENED, REASSIGNED: the owner's branch from the roles file (null when the owner is
 *     not in it, and in events written before branches existed)
 * @param deadline OPENED: when the action must have happened
 * @param brief OPENED: tier, risk band, premium and reasons from the alert (null in events written
 *     before the brief existed)
 * @param result RESULT_RECORDED: what the agent reports
 * @param note RESULT_RECORDED: optional free text from the agent
 * @param nextAttemptAt RESULT_RECORDED: optional planned next attempt
 * @param level ESCALATED: 1 (the branch lead is told) or 2 (the case moves to the senior pool)
 */
public record CaseEvent(
    String eventId,
    String caseId,
    CaseEventKind kind,
    String actor,
    Instant at,
    String alertId,
    String policyholderId,
    String policyId,
    CaseAction action,
    String owner,
    String branch,
    Instant deadline,
    CaseBrief brief,
    ResultKind result,
    String note,
    Instant nextAttemptAt,
    Integer level) {

  /** Version of the contract this record follows. */
  public static final int VERSION = 1;

  public CaseEvent {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(caseId, "caseId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(at, "at");
    // The contract carries milliseconds; truncating here keeps write-then-read equal.
    at = millis(at);
    deadline = millis(deadline);
    nextAttemptAt = millis(nextAttemptAt);
  }

  private static Instant millis(Instant t) {
    return t == null ? null : Instant.ofEpochMilli(t.toEpochMilli());
  }

  /** The event that opens a case. */
  public static CaseEvent opened(
      String eventId,
      String caseId,
      String actor,
      Instant at,
      String alertId,
      String policyholderId,
      String policyId,
      CaseAction action,
      String owner,
      String branch,
      Instant deadline,
      CaseBrief brief) {
    return new CaseEvent(
        eventId,
        caseId,
        CaseEventKind.OPENED,
        actor,
        at,
        Objects.requireNonNull(alertId, "alertId"),
        Objects.requireNonNull(policyholderId, "policyholderId"),
        Objects.requireNonNull(policyId, "policyId"),
        Objects.requireNonNull(action, "action"),
        Objects.requireNonNull(owner, "owner"),
        branch,
        Objects.requireNonNull(deadline, "deadline"),
        brief,
        null,
        null,
        null,
        null);
  }

  /** An agent's result; {@code note} and {@code nextAttemptAt} may be null. */
  public static CaseEvent resultRecorded(
      String eventId,
      String caseId,
      String actor,
      Instant at,
      ResultKind result,
      String note,
      Instant nextAttemptAt) {
    return new CaseEvent(
        eventId,
        caseId,
        CaseEventKind.RESULT_RECORDED,
        actor,
        at,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        Objects.requireNonNull(result, "result"),
        note,
        nextAttemptAt,
        null);
  }

  /** The case moves to {@code owner}, of {@code branch} (null when the owner has none known). */
  public static CaseEvent reassigned(
      String eventId, String caseId, String actor, Instant at, String owner, String branch) {
    return new CaseEvent(
        eventId,
        caseId,
        CaseEventKind.REASSIGNED,
        actor,
        at,
        null,
        null,
        null,
        null,
        Objects.requireNonNull(owner, "owner"),
        branch,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /**
   * An escalation of a case nobody contacted in time ({@link Escalations}): level 1 tells the
   * branch lead and leaves the owner; level 2 moves the case to {@code owner} (the senior pool) of
   * {@code branch}. Both null at level 1.
   */
  public static CaseEvent escalated(
      String eventId,
      String caseId,
      String actor,
      Instant at,
      int level,
      String owner,
      String branch) {
    if (level < 1 || level > MAX_ESCALATION_LEVEL) {
      throw new IllegalArgumentException(
          "escalation level must be 1.." + MAX_ESCALATION_LEVEL + ", was " + level);
    }
    if ((level == 1) != (owner == null)) {
      throw new IllegalArgumentException(
          "an escalation names a new owner at level 2 and only there (level "
              + level
              + ", owner "
              + owner
              + ")");
    }
    if (owner == null && branch != null) {
      throw new IllegalArgumentException("a level-1 escalation names no branch");
    }
    return new CaseEvent(
        eventId,
        caseId,
        CaseEventKind.ESCALATED,
        actor,
        at,
        null,
        null,
        null,
        null,
        owner,
        branch,
        null,
        null,
        null,
        null,
        null,
        level);
  }

  /** Highest escalation level: 1 the branch lead, 2 the senior pool. */
  public static final int MAX_ESCALATION_LEVEL = 2;

  /** An event of a kind without fields of its own (EXPIRED, ERASED). */
  public static CaseEvent bare(
      String eventId, String caseId, CaseEventKind kind, String actor, Instant at) {
    if (kind != CaseEventKind.EXPIRED && kind != CaseEventKind.ERASED) {
      throw new IllegalArgumentException(kind + " events carry fields; use its factory");
    }
    return new CaseEvent(
        eventId, caseId, kind, actor, at, null, null, null, null, null, null, null, null, null,
        null, null, null);
  }

  @Override
  public String toString() {
    // Ids and the kind only: the policyholder id and the note are personal data.
    return "CaseEvent{" + kind + " " + eventId + " case=" + caseId + " by " + actor + "}";
  }
}
