package io.lapsewatch.retentiondesk;

import io.lapsewatch.alertcontract.Reason;
import io.lapsewatch.alertcontract.RiskBand;
import io.lapsewatch.alertcontract.Tier;
import java.time.Instant;
import java.util.List;

/** Named instants and case events for the desk's tests. */
final class TestingCases {
  static final Instant OPENED_AT = Instant.parse("2026-05-20T08:00:00Z");
  static final Instant DEADLINE = Instant.parse("2026-06-05T00:00:00Z");
  static final Instant LATER = Instant.parse("2026-05-21T09:30:00Z");
  static final Instant NEXT_WEEK = Instant.parse("2026-05-28T09:30:00Z");
  static final String CASE = CaseIds.caseFor("al-1");
  static final String AGENT = "AG0001";
  static final String HOLDER = "PH0000123456";

  static final CaseBrief BRIEF =
      new CaseBrief(
          Tier.HIGH_VALUE,
          RiskBand.HIGH,
          12_400,
          List.of(
              new Reason("open_complaints", 2, 0.9, "2 unresolved complaints, oldest 21 days")));

  private TestingCases() {}

  static CaseEvent opened(CaseAction action) {
    return CaseEvent.opened(
        CaseIds.openedEvent("al-1"),
        CASE,
        RetentionDesk.SYSTEM_ACTOR,
        OPENED_AT,
        "al-1",
        HOLDER,
        "PO0001-0",
        action,
        AGENT,
        "north",
        DEADLINE,
        BRIEF);
  }

  static CaseEvent result(String requestId, ResultKind kind) {
    return result(requestId, kind, null);
  }

  static CaseEvent result(String requestId, ResultKind kind, Instant nextAttemptAt) {
    return CaseEvent.resultRecorded(
        CaseIds.resultEvent(CASE, requestId),
        CASE,
        AGENT,
        LATER,
        kind,
        "spoke at noon",
        nextAttemptAt);
  }

  static CaseEvent reassigned(String requestId, String owner) {
    return reassigned(requestId, owner, "south");
  }

  static CaseEvent reassigned(String requestId, String owner, String branch) {
    return CaseEvent.reassigned(
        CaseIds.reassignedEvent(CASE, requestId), CASE, "LEAD01", LATER, owner, branch);
  }

  static CaseEvent expired() {
    return CaseEvent.bare(
        CaseIds.expiredEvent(CASE), CASE, CaseEventKind.EXPIRED, RetentionDesk.SYSTEM_ACTOR, LATER);
  }

  static CaseEvent erased() {
    return CaseEvent.bare(
        CaseIds.erasedEvent(CASE), CASE, CaseEventKind.ERASED, RetentionDesk.SYSTEM_ACTOR, LATER);
  }

  static CaseEvent escalated(int level, Instant at) {
    return level == 1
        ? CaseEvent.escalated(
            CaseIds.escalatedEvent(CASE, 1), CASE, RetentionDesk.SYSTEM_ACTOR, at, 1, null, null)
        : CaseEvent.escalated(
            CaseIds.escalatedEvent(CASE, level),
            CASE,
            RetentionDesk.SYSTEM_ACTOR,
            at,
            level,
            "senior-pool",
            "head-office");
  }

  /** Folds {@code events} from nothing. */
  static RetentionCase fold(CaseEvent... events) throws CaseTransitionException {
    RetentionCase c = null;
    for (CaseEvent e : events) {
      c = CaseFile.apply(c, e);
    }
    return c;
  }
}
