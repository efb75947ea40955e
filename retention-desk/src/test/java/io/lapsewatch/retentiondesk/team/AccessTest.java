package io.lapsewatch.retentiondesk.team;

import static io.lapsewatch.retentiondesk.team.TestingRoles.NOW;
import static io.lapsewatch.retentiondesk.team.TestingRoles.openCase;
import static io.lapsewatch.retentiondesk.team.TestingRoles.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.retentiondesk.Resolution;
import io.lapsewatch.retentiondesk.RetentionCase;
import org.junit.jupiter.api.Test;

class AccessTest {
  private final Access access = new Access(TestingRoles.users(), "senior-pool");
  private final RetentionCase shanghaiCase = openCase("c1", "AG0001", "shanghai", NOW);
  private final RetentionCase beijingCase = openCase("c2", "AG0101", "beijing", NOW);

  @Test
  void shouldShowAgentsAndLeadsOnlyTheirOwnBranch() {
    assertThat(access.branchFor(user("LEAD-SH"), null)).contains("shanghai");
    assertThat(access.branchFor(user("LEAD-SH"), "shanghai")).contains("shanghai");
    assertThat(access.branchFor(user("LEAD-SH"), "beijing")).isEmpty();
    assertThat(access.branchFor(user("AG0101"), "shanghai")).isEmpty();
    assertThat(access.branchFor(user("AG0101"), "")).contains("beijing");
  }

  @Test
  void shouldShowAdminsAnyKnownBranch() {
    assertThat(access.branchFor(user("ADMIN1"), null)).contains("shanghai");
    assertThat(access.branchFor(user("ADMIN1"), "beijing")).contains("beijing");
    assertThat(access.branchFor(user("ADMIN1"), "shenzhen")).isEmpty();
  }

  @Test
  void shouldShowAnAgentOnlyTheirOwnCases() {
    assertThat(access.maySee(user("AG0001"), shanghaiCase)).isTrue();
    assertThat(access.maySee(user("AG0002"), shanghaiCase)).isFalse();
    assertThat(access.maySee(user("LEAD-SH"), shanghaiCase)).isTrue();
    assertThat(access.maySee(user("LEAD-BJ"), shanghaiCase)).isFalse();
    assertThat(access.maySee(user("ADMIN1"), beijingCase)).isTrue();
  }

  @Test
  void shouldLetALeadReassignWithinTheBranchOrToThePool() {
    assertThat(access.mayReassign(user("LEAD-SH"), shanghaiCase, "AG0002")).isTrue();
    assertThat(access.mayReassign(user("LEAD-SH"), shanghaiCase, "senior-pool")).isTrue();
    assertThat(access.mayReassign(user("LEAD-SH"), shanghaiCase, "AG0101")).isFalse();
    assertThat(access.mayReassign(user("LEAD-SH"), beijingCase, "AG0002")).isFalse();
    assertThat(access.mayReassign(user("LEAD-BJ"), shanghaiCase, "AG0101")).isFalse();
    assertThat(access.mayReassign(user("LEAD-SH"), shanghaiCase, "AG9999")).isFalse();
  }

  @Test
  void shouldLetAnAdminReassignAcrossBranchesButNeverAnAgent() {
    assertThat(access.mayReassign(user("ADMIN1"), shanghaiCase, "AG0101")).isTrue();
    assertThat(access.mayReassign(user("ADMIN1"), beijingCase, "senior-pool")).isTrue();
    assertThat(access.mayReassign(user("ADMIN1"), beijingCase, "LEAD-SH")).isFalse();
    assertThat(access.mayReassign(user("AG0001"), shanghaiCase, "AG0002")).isFalse();
  }

  @Test
  void shouldNotReassignAFinishedCase() {
    RetentionCase closed = TestingRoles.closedCase("c3", "AG0001", "shanghai", Resolution.ACCEPTED);

    assertThat(access.mayReassign(user("LEAD-SH"), closed, "AG0002")).isFalse();
  }

  @Test
  void shouldOfferTheBranchsAgentsAndThePool() {
    assertThat(access.ownersFor(user("LEAD-BJ"), "beijing"))
        .containsExactly("AG0101", "senior-pool");
    assertThat(access.ownersFor(user("LEAD-BJ"), "shanghai")).isEmpty();
    assertThat(access.ownersFor(user("AG0001"), "shanghai")).isEmpty();
  }
}
