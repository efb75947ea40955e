package io.lapsewatch.retentiondesk;

import java.time.Instant;

/**
 * One applied event in a case's history: enough for the audit view and to apply each event once.
 *
 * @param result the reported result for RESULT_RECORDED, else null
 * @param owner the new owner for OPENED and REASSIGNED, else null
 */
public record CaseHistoryEntry(
    String eventId,
    CaseEventKind kind,
    String actor,
    Instant at,
    ResultKind result,
    String owner,
    String note) {

  /** This entry without the agent's free-text note (personal data may be in it). */
  public CaseHistoryEntry withoutNote() {
    return new CaseHistoryEntry(eventId, kind, actor, at, result, owner, null);
  }
}
