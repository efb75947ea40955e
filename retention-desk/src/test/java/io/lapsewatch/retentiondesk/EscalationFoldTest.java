package io.lapsewatch.retentiondesk;

import static io.lapsewatch.retentiondesk.TestingCases.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EscalationFoldTest {
  private static final Instant L1 = Instant.parse("2026-05-22T08:00:00Z");
  private static final Instant L2 = Instant.parse("2026-05-23T08:00:00Z");

  @Test
  void shouldKeepTheOwnerAtLevelOneAndMoveToThePoolWithItsBranchAtLevelTwo() throws Exception {
    RetentionCase one = fold(opened(CaseAction.CALLBACK_TASK), escalated(1, L1));
    assertThat(one.owner()).isEqualTo(AGENT);
    assertThat(one.branch()).isEqualTo("north");
    assertThat(one.status()).isEqualTo(CaseStatus.OPEN);
    assertThat(one.escalationLevel()).isEqualTo(1);

    RetentionCase two = CaseFile.apply(one, escalated(2, L2));
    assertThat(two.owner()).isEqualTo("senior-pool");
    assertThat(two.branch()).isEqualTo("head-office");
    assertThat(two.escalationLevel()).isEqualTo(2);
    assertThat(two.escalations())
        .extracting(CaseHistoryEntry::level, CaseHistoryEntry::at, CaseHistoryEntry::owner)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, L1, null),
            org.assertj.core.groups.Tuple.tuple(2, L2, "senior-pool"));
  }

  @Test
  void shouldApplyTheSameStepOnceWhenTwoInstancesWroteIt() throws Exception {
    RetentionCase once = fold(opened(CaseAction.CALLBACK_TASK), escalated(1, L1));
    // A second instance's copy has the same id (case + level), even at another time.
    RetentionCase twice = CaseFile.apply(once, escalated(1, L2));

    assertThat(twice).isSameAs(once);
    assertThat(twice.escalations()).hasSize(1);
  }

  @Test
  void shouldRefuseAStepOnAClosedOrContactedCase() throws Exception {
    RetentionCase closed =
        fold(opened(CaseAction.CALLBACK_TASK), result("r1", ResultKind.DECLINED));
    assertThatThrownBy(() -> CaseFile.apply(closed, escalated(1, L1)))
        .isInstanceOf(CaseTransitionException.class)
        .extracting(e -> ((CaseTransitionException) e).reasonCode())
        .isEqualTo(CaseTransitionException.CASE_CLOSED);

    RetentionCase contacted =
        fold(opened(CaseAction.CALLBACK_TASK), result("r1", ResultKind.REACHED));
    assertThatThrownBy(() -> CaseFile.apply(contacted, escalated(1, L1)))
        .extracting(e -> ((CaseTransitionException) e).reasonCode())
        .isEqualTo(CaseTransitionException.ALREADY_CONTACTED);
  }

  @Test
  void shouldStillEscalateACaseWithOnlyUnreachableAttempts() throws Exception {
    RetentionCase c =
        fold(
            opened(CaseAction.CALLBACK_TASK),
            result("r1", ResultKind.UNREACHABLE, NEXT_WEEK),
            escalated(1, L1));

    assertThat(c.contacted()).isFalse();
    assertThat(c.escalationLevel()).isEqualTo(1);
  }

  @Test
  void shouldRefuseLevelTwoBeforeLevelOne() throws Exception {
    RetentionCase c = fold(opened(CaseAction.CALLBACK_TASK));

    assertThatThrownBy(() -> CaseFile.apply(c, escalated(2, L2)))
        .extracting(e -> ((CaseTransitionException) e).reasonCode())
        .isEqualTo(CaseTransitionException.ESCALATION_ORDER);
  }

  @Test
  void shouldKeepTheChainInTheStoredState() throws Exception {
    RetentionCase c = fold(opened(CaseAction.CALLBACK_TASK), escalated(1, L1), escalated(2, L2));

    assertThat(CaseStateJson.read(CaseStateJson.toJson(c), "test")).isEqualTo(c);
  }

  @Test
  void shouldReadAStoredStateWrittenBeforeEscalations() throws Exception {
    RetentionCase c = fold(opened(CaseAction.CALLBACK_TASK), result("r1", ResultKind.REACHED));
    String json = CaseStateJson.toJson(c);

    assertThat(json).doesNotContain("\"level\"");
    assertThat(CaseStateJson.read(json, "test").escalationLevel()).isZero();
  }
}
