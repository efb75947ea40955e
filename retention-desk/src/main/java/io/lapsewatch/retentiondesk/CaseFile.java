package io.lapsewatch.retentiondesk;

import java.util.ArrayList;
import java.util.List;

/**
 * The pure fold of case events into a {@link RetentionCase}: the only place that knows which change
 * may follow which. Applying an event already in the case's history returns the case unchanged, so
 * a redelivered or replayed event, or a retried request, changes nothing.
 *
 * <pre>
 *   OPENED → OPEN ─REACHED→ CONTACTED ─ACCEPTED/DECLINED/UNREACHABLE→ CLOSED
 *              └──────────────ACCEPTED/DECLINED/UNREACHABLE/EXPIRED─────┘
 *   any status ─ERASED→ ERASED
 *   OPEN (not contacted) ─ESCALATED 1→ same owner ─ESCALATED 2→ senior pool (status unchanged)
 * </pre>
 */
public final class CaseFile {
  private CaseFile() {}

  /**
   * The case after {@code event}.
   *
   * @param current the case so far; null before its OPENED event
   * @throws CaseTransitionException when the event cannot follow the case's state, naming both
   */
  public static RetentionCase apply(RetentionCase current, CaseEvent event)
      throws CaseTransitionException {
    if (current == null) {
      if (event.kind() != CaseEventKind.OPENED) {
        throw new CaseTransitionException(
            CaseTransitionException.NO_CASE,
            event + " applies to case " + event.caseId() + ", which was never opened");
      }
      return open(event);
    }
    if (!current.caseId().equals(event.caseId())) {
      throw new CaseTransitionException(
          CaseTransitionException.WRONG_CASE, event + " was applied to case " + current.caseId());
    }
    if (current.hasApplied(event.eventId())) {
      return current;
    }
    if (current.status() == CaseStatus.ERASED) {
      if (event.kind() == CaseEventKind.ERASED) {
        return current;
      }
      throw new CaseTransitionException(
          CaseTransitionException.CASE_ERASED,
          event + ": case " + current.caseId() + " was erased; nothing may change it");
    }
    return switch (event.kind()) {
      case OPENED ->
          throw new CaseTransitionException(
              CaseTransitionException.ALREADY_OPEN,
              event + ": case " + current.caseId() + " is already open (by another event)");
      case RESULT_RECORDED -> recordResult(requireUnfinished(current, event), event);
      case REASSIGNED -> reassign(requireUnfinished(current, event), event);
      case EXPIRED ->
          next(
              requireUnfinished(current, event),
              event,
              current.owner(),
              current.branch(),
              CaseStatus.CLOSED,
              Resolution.EXPIRED,
              current.lastResult(),
              null);
      case ERASED -> erase(current, event);
      case ESCALATED -> escalate(requireUnfinished(current, event), event);
    };
  }

  private static RetentionCase open(CaseEvent e) {
    return new RetentionCase(
        e.caseId(),
        e.alertId(),
        e.policyholderId(),
        e.policyId(),
        e.action(),
        e.owner(),
        e.branch(),
        e.at(),
        e.deadline(),
        e.brief(),
        CaseStatus.OPEN,
        null,
        null,
        null,
        e.at(),
        List.of(entry(e)));
  }

  private static RetentionCase requireUnfinished(RetentionCase c, CaseEvent e)
      throws CaseTransitionException {
    if (c.status() == CaseStatus.CLOSED) {
      throw new CaseTransitionException(
          CaseTransitionException.CASE_CLOSED,
          e + ": case " + c.caseId() + " is already closed as " + c.resolution());
    }
    return c;
  }

  private static RetentionCase recordResult(RetentionCase c, CaseEvent e)
      throws CaseTransitionException {
    boolean planned = e.nextAttemptAt() != null;
    var closesAs = e.result().closesAs(planned);
    if (planned && closesAs.isPresent()) {
      throw new CaseTransitionException(
          CaseTransitionException.NEXT_ATTEMPT_ON_CLOSE,
          e + ": result " + e.result() + " closes the case, so no next attempt can be planned");
    }
    CaseStatus status =
        closesAs.isPresent()
            ? CaseStatus.CLOSED
            : e.result() == ResultKind.REACHED ? CaseStatus.CONTACTED : c.status();
    return next(
        c, e, c.owner(), c.branch(), status, closesAs.orElse(null), e.result(), e.nextAttemptAt());
  }

  private static RetentionCase reassign(RetentionCase c, CaseEvent e)
      throws CaseTransitionException {
    if (c.owner().equals(e.owner())) {
      throw new CaseTransitionException(
          CaseTransitionException.SAME_OWNER,
          e + ": case " + c.caseId() + " is already owned by " + c.owner());
    }
    // The case follows its new owner into the owner's branch (null: the owner has no known one).
    return next(c, e, e.owner(), e.branch(), c.status(), null, c.lastResult(), c.nextAttemptAt());
  }

  private static RetentionCase escalate(RetentionCase c, CaseEvent e)
      throws CaseTransitionException {
    if (c.contacted()) {
      // The agent reached the policyholder first (a result can land between scan and append).
      throw new CaseTransitionException(
          CaseTransitionException.ALREADY_CONTACTED,
          e + ": case " + c.caseId() + " was contacted; it no longer escalates");
    }
    if (e.level() != c.escalationLevel() + 1) {
      throw new CaseTransitionException(
          CaseTransitionException.ESCALATION_ORDER,
          e
              + ": case "
              + c.caseId()
              + " is at escalation level "
              + c.escalationLevel()
              + ", so level "
              + e.level()
              + " cannot follow");
    }
    if (e.owner() == null) {
      return next(c, e, c.owner(), c.branch(), c.status(), null, c.lastResult(), c.nextAttemptAt());
    }
    return next(c, e, e.owner(), e.branch(), c.status(), null, c.lastResult(), c.nextAttemptAt());
  }

  private static RetentionCase erase(RetentionCase c, CaseEvent e) {
    List<CaseHistoryEntry> history = new ArrayList<>();
    for (CaseHistoryEntry h : c.history()) {
      history.add(h.withoutNote());
    }
    history.add(entry(e));
    // Keep what the audit needs (ids, owner, kinds, times); drop who the policyholder was.
    return new RetentionCase(
        c.caseId(),
        c.alertId(),
        null,
        null,
        c.action(),
        c.owner(),
        c.branch(),
        c.openedAt(),
        c.deadline(),
        null,
        CaseStatus.ERASED,
        c.resolution(),
        c.lastResult(),
        null,
        e.at(),
        history);
  }

  private static RetentionCase next(
      RetentionCase c,
      CaseEvent e,
      String owner,
      String branch,
      CaseStatus status,
      Resolution resolution,
      ResultKind lastResult,
      java.time.Instant nextAttemptAt) {
    List<CaseHistoryEntry> history = new ArrayList<>(c.history());
    history.add(entry(e));
    return new RetentionCase(
        c.caseId(),
        c.alertId(),
        c.policyholderId(),
        c.policyId(),
        c.action(),
        owner,
        branch,
        c.openedAt(),
        c.deadline(),
        c.brief(),
        status,
        resolution,
        lastResult,
        nextAttemptAt,
        e.at(),
        history);
  }

  private static CaseHistoryEntry entry(CaseEvent e) {
    return new CaseHistoryEntry(
        e.eventId(),
        e.kind(),
        e.actor(),
        e.at(),
        e.result(),
        e.owner(),
        e.note(),
        e.level() == null ? 0 : e.level());
  }
}
