package io.lapsewatch.retentiondesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.alertcontract.RiskBand;
import io.lapsewatch.alertcontract.Tier;
import io.lapsewatch.retentiondesk.CaseAction;
import io.lapsewatch.retentiondesk.CaseBrief;
import io.lapsewatch.retentiondesk.CaseEvent;
import io.lapsewatch.retentiondesk.CaseFile;
import io.lapsewatch.retentiondesk.CaseIds;
import io.lapsewatch.retentiondesk.RetentionCase;
import io.lapsewatch.retentiondesk.team.Access;
import io.lapsewatch.retentiondesk.team.DeskUsers;
import io.lapsewatch.retentiondesk.team.Worklist;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorklistViewTest {
  private static final Instant NOW = Instant.parse("2026-05-23T10:00:00Z");
  private static final DeskUsers USERS =
      DeskUsers.parse(
          """
          branches: [shanghai]
          senior-pool-branch: shanghai
          users:
            - {id: LEAD-SH, role: lead, branch: shanghai, token-sha256: %s}
          """
              .formatted("ab".repeat(32)),
          "roles.yml");

  private static RetentionCase opened(String alertId) throws Exception {
    return CaseFile.apply(
        null,
        CaseEvent.opened(
            CaseIds.openedEvent(alertId),
            CaseIds.caseFor(alertId),
            "lapsewatch-desk",
            Instant.parse("2026-05-20T08:00:00Z"),
            alertId,
            "PH0000123456",
            "PO1-0",
            CaseAction.CALLBACK_TASK,
            "AG0001",
            "shanghai",
            Instant.parse("2026-06-13T00:00:00Z"),
            new CaseBrief(Tier.HIGH_VALUE, RiskBand.HIGH, 9_000, List.of())));
  }

  private static RetentionCase escalated(RetentionCase c, int level) throws Exception {
    return CaseFile.apply(
        c,
        CaseEvent.escalated(
            CaseIds.escalatedEvent(c.caseId(), level),
            c.caseId(),
            "lapsewatch-desk",
            NOW,
            level,
            level == 2 ? "senior-pool" : null,
            level == 2 ? "shanghai" : null));
  }

  @Test
  void shouldMarkEscalatedRowsWithTheirLevel() throws Exception {
    RetentionCase quiet = opened("al-w1");
    RetentionCase one = escalated(opened("al-w2"), 1);
    RetentionCase two = escalated(escalated(opened("al-w3"), 1), 2);
    WorklistView view =
        new WorklistView(
            USERS.user("LEAD-SH").orElseThrow(),
            "shanghai",
            new Worklist.Filter(null, null),
            Lang.EN,
            NOW,
            USERS,
            new Access(USERS, "senior-pool"),
            new FormGuard(
                "worklist-view-test-secret-0123456789".getBytes(StandardCharsets.UTF_8),
                Duration.ofHours(1),
                Clock.fixed(NOW, ZoneOffset.UTC)),
            ZoneId.of("Asia/Shanghai"));

    String html = view.render(List.of(quiet, one, two), () -> "rq-1");

    assertThat(html)
        .contains("data-escalation=\"1\">escalated L1</span>")
        .contains("data-escalation=\"2\">escalated L2</span>");
    String quietRow =
        html.substring(
            html.indexOf("data-case=\"" + quiet.caseId()),
            html.indexOf("</tr>", html.indexOf("data-case=\"" + quiet.caseId())));
    assertThat(quietRow).doesNotContain("escalated");
  }
}
