package io.lapsewatch.retentiondesk;

import static io.lapsewatch.retentiondesk.TestingCases.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CaseFileTest {

  @Test
  void shouldOpenCaseWithOwnerDeadlineAndBranch() throws Exception {
    RetentionCase c = fold(opened(CaseAction.CALLBACK_TASK));

    assertThat(c.caseId()).isEqualTo(CASE);
    assertThat(c.status()).isEqualTo(CaseStatus.OPEN);
    assertThat(c.owner()).isEqualTo(AGENT);
    assertThat(c.branch()).isEqualTo("north");
    assertThat(c.deadline()).isEqualTo(DEADLINE);
    assertThat(c.openedAt()).isEqualTo(OPENED_AT);
    assertThat(c.resolution()).isNull();
    assertThat(c.history())
        .extracting(CaseHistoryEntry::kind)
        .containsExactly(CaseEventKind.OPENED);
  }

  @Test
  void shouldMoveOpenToContactedToClosedAccepted() throws Exception {
    RetentionCase contacted =
        fold(opened(CaseAction.CALLBACK_TASK), result("r1", ResultKind.REACHED));
    assertThat(contacted.status()).isEqualTo(CaseStatus.CONTACTED);
    assertThat(contacted.lastResult()).isEqualTo(ResultKind.REACHED);

    RetentionCase closed = CaseFile.apply(contacted, result("r2", ResultKind.ACCEPTED));
    assertThat(closed.status()).isEqualTo(CaseStatus.CLOSED);
    assertThat(closed.resolution()).isEqualTo(Resolution.ACCEPTED);
    assertThat(closed.isFinished()).isTrue();
    assertThat(closed.history()).hasSize(3);
    assertThat(closed.updatedAt()).isEqualTo(LATER);
  }

  @ParameterizedTest
  @EnumSource(
      value = ResultKind.class,
      names = {"ACCEPTED", "DECLINED", "UNREACHABLE", "WRONG_CONTACT"})
  void shouldCloseStraightFromOpenOnAClosingResult(ResultKind kind) throws Exception {
    RetentionCase c = fold(opened(CaseAction.RENEWAL_OFFER), result("r1", kind));

    assertThat(c.status()).isEqualTo(CaseStatus.CLOSED);
    assertThat(c.resolution())
        .isEqualTo(
            kind == ResultKind.WRONG_CONTACT
                ? Resolution.UNREACHABLE
                : Resolution.valueOf(kind.name()));
  }

  @Test
  void shouldKeepCaseOpenWhenUnreachableWithANextAttempt() throws Exception {
    RetentionCase c =
        fold(opened(CaseAction.CALLBACK_TASK), result("r1", ResultKind.UNREACHABLE, NEXT_WEEK));

    assertThat(c.status()).isEqualTo(CaseStatus.OPEN);
    assertThat(c.nextAttemptAt()).isEqualTo(NEXT_WEEK);
    assertThat(c.lastResult()).isEqualTo(ResultKind.UNREACHABLE);
  }

  @Test
  void shouldRefuseANextAttemptOnAResultThatCloses() {
    assertThatThrownBy(
            () ->
                fold(
                    opened(CaseAction.CALLBACK_TASK), result("r1", ResultKind.ACCEPTED, NEXT_WEEK)))
        .isInstanceOf(CaseTransitionException.class)
        .hasMessageContaining("ACCEPTED closes the case")
        .extracting(e -> ((CaseTransitionException) e).reasonCode())
        .isEqualTo(CaseTransitionException.NEXT_ATTEMPT_ON_CLOSE);
  }

  @Test
  void shouldApplyTheSameEventOnlyOnce() throws Exception {
    CaseEvent reached = result("r1", ResultKind.REACHED);
    RetentionCase once = fold(opened(CaseAction.CALLBACK_TASK), reached);

    RetentionCase twice = CaseFile.apply(once, reached);

    assertThat(twice).isSameAs(once);
    assertThat(CaseFile.apply(once, opened(CaseAction.CALLBACK_TASK))).isSameAs(once);
  }

  @Test
  void shouldTreatAReplayedClosingResultAsNoChangeRatherThanAnError() throws Exception {
    CaseEvent accepted = result("r1", ResultKind.ACCEPTED);
    RetentionCase closed = fold(opened(CaseAction.CALLBACK_TASK), accepted);

    assertThat(CaseFile.apply(closed, accepted)).isSameAs(closed);
  }

  @Test
  void shouldRefuseAnyResultOnAClosedCase() throws Exception {
    RetentionCase closed =
        fold(opened(CaseAction.CALLBACK_TASK), result("r1", ResultKind.DECLINED));

    assertThatThrownBy(() -> CaseFile.apply(closed, result("r2", ResultKind.ACCEPTED)))
        .isInstanceOf(CaseTransitionException.class)
        .hasMessageContaining("already closed as DECLINED")
        .extracting(e -> ((CaseTransitionException) e).reasonCode())
        .isEqualTo(CaseTransitionException.CASE_CLOSED);
    assertThatThrownBy(() -> CaseFile.apply(closed, expired()))
        .isInstanceOf(CaseTransitionException.class);
    assertThatThrownBy(() -> CaseFile.apply(closed, reassigned("q1", "AG0002")))
        .isInstanceOf(CaseTransitionException.class);
  }

  @Test
  void shouldRefuseEventsBeforeTheCaseWasOpened() {
    assertThatThrownBy(() -> fold(result("r1", ResultKind.REACHED)))
        .isInstanceOf(CaseTransitionException.class)
        .hasMessageContaining("never opened")
        .extracting(e -> ((CaseTransitionException) e).reasonCode())
        .isEqualTo(CaseTransitionException.NO_CASE);
  }

  @Test
  void shouldRefuseASecondDifferentOpening() throws Exception {
    RetentionCase c = fold(opened(CaseAction.CALLBACK_TASK));
    CaseEvent other =
        CaseEvent.opened(
            "ce-other",
            CASE,
            "x",
            OPENED_AT,
            "al-1",
            HOLDER,
            "PO1",
            CaseAction.CALLBACK_TASK,
            AGENT,
            null,
            DEADLINE,
            null);

    assertThatThrownBy(() -> CaseFile.apply(c, other))
        .extracting(e -> ((CaseTransitionException) e).reasonCode())
        .isEqualTo(CaseTransitionException.ALREADY_OPEN);
  }

  @Test
  void shouldRefuseAnEventOfAnotherCase() throws Exception {
    RetentionCase c = fold(opened(CaseAction.CALLBACK_TASK));
    CaseEvent foreign =
        CaseEvent.resultRecorded(
            "ce-f", "case-other", AGENT, LATER, ResultKind.REACHED, null, null);

    assertThatThrownBy(() -> CaseFile.apply(c, foreign))
        .extracting(e -> ((CaseTransitionException) e).reasonCode())
        .isEqualTo(CaseTransitionException.WRONG_CASE);
  }

  @Test
  void shouldReassignKeepingTheStatus() throws Exception {
    RetentionCase c =
        fold(
            opened(CaseAction.CALLBACK_TASK),
            result("r1", ResultKind.REACHED),
            reassigned("q1", "senior-pool"));

    assertThat(c.owner()).isEqualTo("senior-pool");
    assertThat(c.branch()).isEqualTo("south");
    assertThat(c.status()).isEqualTo(CaseStatus.CONTACTED);
    assertThat(c.history().get(2).owner()).isEqualTo("senior-pool");
    assertThat(c.history().get(2).actor()).isEqualTo("LEAD01");
  }

  @Test
  void shouldLeaveTheBranchUnknownWhenTheNewOwnerHasNone() throws Exception {
    RetentionCase c = fold(opened(CaseAction.CALLBACK_TASK), reassigned("q1", "AG0999", null));

    assertThat(c.branch()).isNull();
    assertThat(c.owner()).isEqualTo("AG0999");
  }

  @Test
  void shouldRefuseReassigningToTheSameOwner() throws Exception {
    RetentionCase c = fold(opened(CaseAction.CALLBACK_TASK));

    assertThatThrownBy(() -> CaseFile.apply(c, reassigned("q1", AGENT)))
        .extracting(e -> ((CaseTransitionException) e).reasonCode())
        .isEqualTo(CaseTransitionException.SAME_OWNER);
  }

  @Test
  void shouldExpireAnOpenOrContactedCase() throws Exception {
    assertThat(fold(opened(CaseAction.RENEWAL_OFFER), expired()).resolution())
        .isEqualTo(Resolution.EXPIRED);
    RetentionCase c =
        fold(opened(CaseAction.RENEWAL_OFFER), result("r1", ResultKind.REACHED), expired());
    assertThat(c.status()).isEqualTo(CaseStatus.CLOSED);
    assertThat(c.resolution()).isEqualTo(Resolution.EXPIRED);
  }

  @Test
  void shouldEraseThePolicyholderAndNotesButKeepTheAuditKinds() throws Exception {
    RetentionCase c =
        fold(opened(CaseAction.CALLBACK_TASK), result("r1", ResultKind.REACHED), erased());

    assertThat(c.status()).isEqualTo(CaseStatus.ERASED);
    assertThat(c.policyholderId()).isNull();
    assertThat(c.policyId()).isNull();
    assertThat(c.maskedPolicyholderId()).isEqualTo("(erased)");
    assertThat(c.history()).extracting(CaseHistoryEntry::note).containsOnlyNulls();
    assertThat(c.history())
        .extracting(CaseHistoryEntry::kind)
        .containsExactly(CaseEventKind.OPENED, CaseEventKind.RESULT_RECORDED, CaseEventKind.ERASED);
    assertThat(CaseFile.apply(c, erased())).isSameAs(c);
    assertThatThrownBy(() -> CaseFile.apply(c, result("r2", ResultKind.ACCEPTED)))
        .extracting(e -> ((CaseTransitionException) e).reasonCode())
        .isEqualTo(CaseTransitionException.CASE_ERASED);
  }

  @Test
  void shouldEraseAClosedCaseToo() throws Exception {
    RetentionCase c =
        fold(opened(CaseAction.CALLBACK_TASK), result("r1", ResultKind.ACCEPTED), erased());

    assertThat(c.status()).isEqualTo(CaseStatus.ERASED);
    assertThat(c.resolution()).isEqualTo(Resolution.ACCEPTED);
  }

  @Test
  void shouldNeverShowTheFullPolicyholderIdInText() throws Exception {
    RetentionCase c = fold(opened(CaseAction.CALLBACK_TASK));

    assertThat(c.toString()).doesNotContain(HOLDER).contains("PH********56");
    assertThat(c.maskedPolicyholderId()).isEqualTo("PH********56");
    assertThat(result("r1", ResultKind.REACHED).toString()).doesNotContain("spoke at noon");
    assertThat(opened(CaseAction.CALLBACK_TASK).toString()).doesNotContain(HOLDER);
  }

  @Test
  void shouldReportOverdueOnlyForUnfinishedCasesPastTheDeadline() throws Exception {
    RetentionCase open = fold(opened(CaseAction.CALLBACK_TASK));
    RetentionCase closed = CaseFile.apply(open, result("r1", ResultKind.DECLINED));

    assertThat(open.isOverdue(DEADLINE.plusSeconds(1))).isTrue();
    assertThat(open.isOverdue(DEADLINE.minusSeconds(1))).isFalse();
    assertThat(closed.isOverdue(DEADLINE.plusSeconds(1))).isFalse();
  }
}
