package io.lapsewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.retentiondesk.CaseAction;
import io.lapsewatch.retentiondesk.CaseEvent;
import io.lapsewatch.retentiondesk.CaseEventKind;
import io.lapsewatch.retentiondesk.CaseFile;
import io.lapsewatch.retentiondesk.ResultKind;
import io.lapsewatch.retentiondesk.RetentionCase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The desk figures the demo prints, from case histories folded by the desk's own rules. */
class DemoDeskFiguresTest {
  private static final Instant OPENED = Instant.parse("2025-03-01T08:00:00Z");
  private static final Instant DEADLINE = OPENED.plus(Duration.ofDays(14));

  private static RetentionCase opened(String id) throws Exception {
    return CaseFile.apply(
        null,
        CaseEvent.opened(
            "open-" + id,
            id,
            "lapsewatch-desk",
            OPENED,
            "al-" + id,
            "PH00000001",
            "PO1",
            CaseAction.CALLBACK_TASK,
            "AG0001",
            null,
            DEADLINE,
            null));
  }

  private static RetentionCase result(RetentionCase c, ResultKind kind, int hoursAfterOpening)
      throws Exception {
    return CaseFile.apply(
        c,
        CaseEvent.resultRecorded(
            "res-" + c.caseId() + "-" + c.history().size(),
            c.caseId(),
            "AG0001",
            OPENED.plus(Duration.ofHours(hoursAfterOpening)),
            kind,
            null,
            null));
  }

  private static RetentionCase expired(RetentionCase c) throws Exception {
    return CaseFile.apply(
        c,
        CaseEvent.bare(
            "exp-" + c.caseId(), c.caseId(), CaseEventKind.EXPIRED, "lapsewatch-desk", DEADLINE));
  }

  @Test
  void shouldCountContactClosureAndResultsFromTheHistories() throws Exception {
    List<RetentionCase> cases =
        List.of(
            // Reached after 2 h, accepted a day later: first contact 2 h.
            result(result(opened("case-a"), ResultKind.REACHED, 2), ResultKind.ACCEPTED, 26),
            // Declined after 6 h: a contact.
            result(opened("case-b"), ResultKind.DECLINED, 6),
            // Unreachable: a result, not a contact.
            result(opened("case-c"), ResultKind.UNREACHABLE, 1),
            // Accepted after 10 h.
            result(opened("case-d"), ResultKind.ACCEPTED, 10),
            expired(opened("case-e")),
            opened("case-f"));

    DemoDeskFigures f = DemoDeskFigures.of(cases);

    assertThat(f.cases()).isEqualTo(6);
    assertThat(f.withResult()).isEqualTo(4);
    assertThat(f.contacted()).isEqualTo(3);
    assertThat(f.contactRate()).hasValue(0.5);
    // First contacts 2 h, 6 h, 10 h: the median is 6 h.
    assertThat(f.medianHoursToFirstContact()).hasValue(6.0);
    assertThat(f.closedByAgent()).isEqualTo(4);
    assertThat(f.expired()).isEqualTo(1);
    assertThat(f.stillOpen()).isEqualTo(1);
    assertThat(f.erased()).isZero();
    assertThat(f.resultsByKind())
        .isEqualTo(
            Map.of(
                ResultKind.REACHED, 1L,
                ResultKind.ACCEPTED, 2L,
                ResultKind.DECLINED, 1L,
                ResultKind.UNREACHABLE, 1L));
  }

  @Test
  void shouldReportNoRateAndNoMedianWithoutCases() {
    DemoDeskFigures f = DemoDeskFigures.of(List.of());

    assertThat(f.contactRate()).isEmpty();
    assertThat(f.medianHoursToFirstContact()).isEmpty();
  }
}
