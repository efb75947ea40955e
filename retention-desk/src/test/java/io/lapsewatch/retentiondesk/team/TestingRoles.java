package io.lapsewatch.retentiondesk.team;

import io.lapsewatch.alertcontract.RiskBand;
import io.lapsewatch.alertcontract.Tier;
import io.lapsewatch.retentiondesk.CaseAction;
import io.lapsewatch.retentiondesk.CaseBrief;
import io.lapsewatch.retentiondesk.CaseStatus;
import io.lapsewatch.retentiondesk.Resolution;
import io.lapsewatch.retentiondesk.RetentionCase;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/** A roles file with two branches and cases in them, for the team package's tests. */
final class TestingRoles {
  static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");

  static String hash(String token) {
    return HexFormat.of().formatHex(DeskUsers.sha256(token));
  }

  static final String YAML =
      """
      branches: [shanghai, beijing]
      senior-pool-branch: shanghai
      users:
        - id: AG0001
          role: agent
          branch: shanghai
          token-sha256: %s
        - id: AG0002
          role: agent
          branch: shanghai
          token-sha256: %s
        - id: AG0101
          role: agent
          branch: beijing
          token-sha256: %s
        - id: LEAD-SH
          role: lead
          branch: shanghai
          token-sha256: %s
        - id: LEAD-BJ
          role: lead
          branch: beijing
          token-sha256: %s
        - id: ADMIN1
          role: admin
          token-sha256: %s
      """
          .formatted(
              hash("tok-ag1"),
              hash("tok-ag2"),
              hash("tok-ag101"),
              hash("tok-lead-sh"),
              hash("tok-lead-bj"),
              hash("tok-admin"));

  static DeskUsers users() {
    return DeskUsers.parse(YAML, "roles.yml");
  }

  static DeskUser user(String id) {
    return users().user(id).orElseThrow();
  }

  /** An open case of {@code owner} in {@code branch}, due at {@code deadline}. */
  static RetentionCase openCase(String id, String owner, String branch, Instant deadline) {
    return new RetentionCase(
        id,
        "al-" + id,
        "PH0000123456",
        "PO1-0",
        CaseAction.CALLBACK_TASK,
        owner,
        branch,
        NOW.minusSeconds(86_400 * 7),
        deadline,
        new CaseBrief(Tier.HIGH_VALUE, RiskBand.HIGH, 9_000, List.of()),
        CaseStatus.OPEN,
        null,
        null,
        null,
        NOW,
        List.of());
  }

  static RetentionCase closedCase(String id, String owner, String branch, Resolution how) {
    RetentionCase c = openCase(id, owner, branch, NOW.minusSeconds(3600));
    return new RetentionCase(
        c.caseId(),
        c.alertId(),
        c.policyholderId(),
        c.policyId(),
        c.action(),
        c.owner(),
        c.branch(),
        c.openedAt(),
        c.deadline(),
        c.brief(),
        CaseStatus.CLOSED,
        how,
        null,
        null,
        NOW,
        List.of());
  }

  private TestingRoles() {}
}
