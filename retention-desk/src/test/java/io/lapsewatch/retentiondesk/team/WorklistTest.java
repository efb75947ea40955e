package io.lapsewatch.retentiondesk.team;

import static io.lapsewatch.retentiondesk.team.TestingRoles.NOW;
import static io.lapsewatch.retentiondesk.team.TestingRoles.closedCase;
import static io.lapsewatch.retentiondesk.team.TestingRoles.openCase;
import static io.lapsewatch.retentiondesk.team.TestingRoles.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lapsewatch.retentiondesk.Resolution;
import io.lapsewatch.retentiondesk.RetentionCase;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class WorklistTest {
  private final Access access = new Access(TestingRoles.users(), "senior-pool");
  private final List<RetentionCase> cases =
      List.of(
          closedCase("c-closed", "AG0001", "shanghai", Resolution.EXPIRED),
          openCase("c-late", "AG0002", "shanghai", NOW.plus(Duration.ofDays(5))),
          openCase("c-overdue", "AG0001", "shanghai", NOW.minus(Duration.ofHours(2))),
          openCase("c-soon", "AG0001", "shanghai", NOW.plus(Duration.ofDays(1))));

  @Test
  void shouldListUnfinishedCasesFirstByDeadline() {
    List<RetentionCase> rows =
        Worklist.rows(cases, user("LEAD-SH"), access, new Worklist.Filter(null, null));

    assertThat(rows)
        .extracting(RetentionCase::caseId)
        .containsExactly("c-overdue", "c-soon", "c-late", "c-closed");
  }

  @Test
  void shouldFilterByAgentAndStatus() {
    assertThat(Worklist.rows(cases, user("LEAD-SH"), access, new Worklist.Filter("AG0002", null)))
        .extracting(RetentionCase::caseId)
        .containsExactly("c-late");
    assertThat(
            Worklist.rows(
                cases,
                user("LEAD-SH"),
                access,
                new Worklist.Filter(null, Worklist.StatusFilter.parse("expired").orElseThrow())))
        .extracting(RetentionCase::caseId)
        .containsExactly("c-closed");
    assertThatThrownBy(() -> Worklist.StatusFilter.parse("DONE")).hasMessageContaining("'DONE'");
  }

  @Test
  void shouldShowAnAgentOnlyTheirCasesAndAnotherLeadNone() {
    assertThat(Worklist.rows(cases, user("AG0002"), access, new Worklist.Filter(null, null)))
        .extracting(RetentionCase::caseId)
        .containsExactly("c-late");
    assertThat(Worklist.rows(cases, user("LEAD-BJ"), access, new Worklist.Filter(null, null)))
        .isEmpty();
  }

  @Test
  void shouldExportTheRowsWithMaskedPolicyholders() throws Exception {
    List<RetentionCase> rows =
        Worklist.rows(cases, user("LEAD-SH"), access, new Worklist.Filter(null, null));

    String csv = WorklistCsv.write(rows, NOW);

    assertThat(csv).doesNotContain("PH0000123456");
    List<CSVRecord> records =
        CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .get()
            .parse(new StringReader(csv))
            .getRecords();
    assertThat(records)
        .extracting(r -> r.get("case_id"))
        .containsExactly("c-overdue", "c-soon", "c-late", "c-closed");
    assertThat(records.get(0).get("policyholder")).isEqualTo("PH********56");
    assertThat(records.get(0).get("overdue")).isEqualTo("yes");
    assertThat(records.get(1).get("overdue")).isEqualTo("no");
    assertThat(records.get(3).get("resolution")).isEqualTo("EXPIRED");
    assertThat(records.get(0).get("tier")).isEqualTo("HIGH_VALUE");
    assertThat(records.get(0).get("branch")).isEqualTo("shanghai");
  }
}
