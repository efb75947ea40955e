package io.lapsewatch.retentiondesk;

import static io.lapsewatch.retentiondesk.TestingCases.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.alertcontract.RiskBand;
import io.lapsewatch.alertcontract.Tier;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EscalationsTest {
  // Defaults: high value 48 h / 5 days before the deadline, standard 120 h / 2 days, pool after 24
  // h.
  private final Escalations rule =
      new Escalations(
          new ServiceLevel(Duration.ofHours(48), Duration.ofDays(5)),
          new ServiceLevel(Duration.ofHours(120), Duration.ofDays(2)),
          Duration.ofHours(24));

  @Test
  void shouldBreachAtTheEarlierOfAgeAndDaysBeforeTheDeadline() throws Exception {
    // Opened 05-20 08:00, deadline 06-05: 48 h (05-22 08:00) comes before 5 days (05-31).
    RetentionCase c = fold(opened(CaseAction.CALLBACK_TASK));
    assertThat(rule.breachAt(c)).isEqualTo(Instant.parse("2026-05-22T08:00:00Z"));

    ServiceLevel tight = new ServiceLevel(Duration.ofHours(48), Duration.ofDays(15));
    // 06-05 minus 15 days = 05-21 00:00, before the 48 hours are up.
    assertThat(tight.breachAt(OPENED_AT, DEADLINE))
        .isEqualTo(Instant.parse("2026-05-21T00:00:00Z"));
  }

  @Test
  void shouldHoldStandardCasesAndCasesWithoutABriefToTheStandardLevel() throws Exception {
    RetentionCase high = fold(opened(CaseAction.CALLBACK_TASK));
    RetentionCase standard =
        new RetentionCase(
            high.caseId(),
            high.alertId(),
            high.policyholderId(),
            high.policyId(),
            high.action(),
            high.owner(),
            high.branch(),
            high.openedAt(),
            high.deadline(),
            new CaseBrief(Tier.STANDARD, RiskBand.HIGH, 900, List.of()),
            high.status(),
            null,
            null,
            null,
            high.updatedAt(),
            high.history());
    // 120 h after 05-20 08:00 is 05-25 08:00; 06-05 minus 2 days is later.
    assertThat(rule.breachAt(standard)).isEqualTo(Instant.parse("2026-05-25T08:00:00Z"));
    assertThat(Escalations.tierOf(standard)).isEqualTo(Tier.STANDARD);
  }

  @Test
  void shouldBeDueForLevelOneAtTheBreachAndNotBefore() throws Exception {
    RetentionCase c = fold(opened(CaseAction.CALLBACK_TASK));
    Instant breach = Instant.parse("2026-05-22T08:00:00Z");

    assertThat(rule.dueLevel(c, breach.minusMillis(1))).isEmpty();
    assertThat(rule.dueLevel(c, breach)).contains(1);
  }

  @Test
  void shouldBeDueForLevelTwoTheConfiguredTimeAfterLevelOneThenNothing() throws Exception {
    Instant l1 = Instant.parse("2026-05-22T08:01:00Z");
    RetentionCase one = fold(opened(CaseAction.CALLBACK_TASK), escalated(1, l1));

    assertThat(rule.dueLevel(one, l1.plus(Duration.ofHours(23)))).isEmpty();
    assertThat(rule.dueLevel(one, l1.plus(Duration.ofHours(24)))).contains(2);

    RetentionCase two = CaseFile.apply(one, escalated(2, l1.plus(Duration.ofHours(24))));
    assertThat(rule.dueLevel(two, DEADLINE)).isEmpty();
  }

  @Test
  void shouldNotEscalateAContactedOrFinishedCase() throws Exception {
    Instant late = Instant.parse("2026-06-01T00:00:00Z");
    RetentionCase reached =
        fold(opened(CaseAction.CALLBACK_TASK), result("r1", ResultKind.REACHED));
    RetentionCase expired = fold(opened(CaseAction.CALLBACK_TASK), expired());
    RetentionCase unreachable =
        fold(opened(CaseAction.CALLBACK_TASK), result("r1", ResultKind.UNREACHABLE, NEXT_WEEK));

    assertThat(rule.dueLevel(reached, late)).isEmpty();
    assertThat(rule.dueLevel(expired, late)).isEmpty();
    // An attempt that reached nobody is not contact: the lead should know.
    assertThat(rule.dueLevel(unreachable, late)).contains(1);
  }
}
