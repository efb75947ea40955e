package io.lapsewatch.retentiondesk;

import java.time.Instant;

/**
 * One applied event in a case's history: enough for the audit view and to apply each event once.
 *
 * @param result the reported result for RESULT_RECORDED, else null
 * @param owner the new owner for OPENED, REASSIGNED and a level-2 ESCALATED, else null
 * @param level the escalation level for ESCALATED, else 0
 */
public record CaseHistoryEntry(
    String eventId,
    CaseEventKind kind,
    String actor,
    Instant at,
    ResultKind result,
    String owner,
    String note,
    int level) {

  /** An entry of a kind other than ESCALATED. */
  public CaseHistoryEntry(
      String eventId,
      CaseEventKind kind,
      String actor,
      Instant at,
      ResultKind result,
      String owner,
      String note) {
    this(eventId, kind, actor, at, result, owner, note, 0);
  }

  /** This entry without the agent's free-text note (personal data may be in it). */
  public CaseHistoryEntry withoutNote() {
    return new CaseHistoryEntry(eventId, kind, actor, at, result, owner, null, level);
  }
}
