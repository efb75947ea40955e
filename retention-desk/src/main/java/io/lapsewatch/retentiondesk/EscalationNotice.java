package io.lapsewatch.retentiondesk;

/**
 * Told of each escalation step once its ESCALATED event is committed and applied, so a host can
 * tell the branch lead (the alerts service sends a message to the branch's escalation receiver).
 * Called on the desk's scan thread; an implementation must not throw. The desk calls it at most
 * once per instance and event (a Redis claim keeps other instances from writing the same step); an
 * implementation that sends should still dedupe by {@code escalation.eventId()}.
 */
public interface EscalationNotice {
  /** Tells nobody. */
  EscalationNotice NONE = (caseBefore, caseAfter, escalation) -> true;

  /**
   * @param caseBefore the case before the step (its branch is the one whose lead is told)
   * @param caseAfter the case with the step applied (owner: the pool at level 2)
   * @param escalation the committed ESCALATED event (its id is stable across replays)
   * @return true when the step is handled (told, already told, or nobody to tell); false to have it
   *     offered again on a later scan (the channel failed, the host is not ready)
   */
  boolean escalated(RetentionCase caseBefore, RetentionCase caseAfter, CaseEvent escalation);
}
