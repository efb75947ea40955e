package io.lapsewatch.retentiondesk.web;

import io.lapsewatch.alertcontract.Reason;
import io.lapsewatch.alertcontract.RiskBand;
import io.lapsewatch.alertcontract.Tier;
import io.lapsewatch.retentiondesk.CaseAction;
import io.lapsewatch.retentiondesk.CaseBrief;
import io.lapsewatch.retentiondesk.CaseEvent;
import io.lapsewatch.retentiondesk.CaseEventKind;
import io.lapsewatch.retentiondesk.CaseFile;
import io.lapsewatch.retentiondesk.CaseIds;
import io.lapsewatch.retentiondesk.CaseTransitionException;
import io.lapsewatch.retentiondesk.ResultKind;
import io.lapsewatch.retentiondesk.RetentionCase;
import io.lapsewatch.retentiondesk.RetentionDesk;
import java.time.Instant;
import java.util.List;

/** Cases as the case page's tests see them, folded from events the desk would write. */
final class TestingPageCases {
  static final Instant OPENED_AT = Instant.parse("2026-05-20T08:00:00Z");
  static final Instant NOW = Instant.parse("2026-05-21T06:00:00Z");
  static final Instant DEADLINE = Instant.parse("2026-06-13T00:00:00Z");
  static final String CASE = CaseIds.caseFor("al-page-1");
  static final String HOLDER = "PH0000123456";
  static final String POLICY = "PO7766554433";
  static final String AGENT = "AG0001";

  static final CaseBrief BRIEF =
      new CaseBrief(
          Tier.HIGH_VALUE,
          RiskBand.CRITICAL,
          12_400,
          List.of(
              new Reason("open_complaints", 2, 0.9, "2 unresolved complaints, oldest 21 days"),
              new Reason("brand_new_feature", 1, 0.2, "a reason from a newer model")),
          // The newest event behind the features was 3 days and 5 hours before the alert.
          3 * 86_400L + 5 * 3_600L);

  private TestingPageCases() {}

  static CaseEvent opened() {
    return CaseEvent.opened(
        CaseIds.openedEvent("al-page-1"),
        CASE,
        RetentionDesk.SYSTEM_ACTOR,
        OPENED_AT,
        "al-page-1",
        HOLDER,
        POLICY,
        CaseAction.CALLBACK_TASK,
        AGENT,
        null,
        DEADLINE,
        BRIEF);
  }

  static CaseEvent result(String requestId, ResultKind kind, String note) {
    return CaseEvent.resultRecorded(
        CaseIds.resultEvent(CASE, requestId), CASE, AGENT, NOW, kind, note, null);
  }

  static CaseEvent erased() {
    return CaseEvent.bare(
        CaseIds.erasedEvent(CASE), CASE, CaseEventKind.ERASED, RetentionDesk.SYSTEM_ACTOR, NOW);
  }

  static RetentionCase fold(CaseEvent... events) throws CaseTransitionException {
    RetentionCase c = null;
    for (CaseEvent e : events) {
      c = CaseFile.apply(c, e);
    }
    return c;
  }
}
