package io.lapsewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.retentiondesk.team.DeskUsers;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoRolesTest {
  @Test
  void shouldWriteARolesFileTheDeskAccepts(@TempDir Path dir) throws Exception {
    DeskUsers users = DeskUsers.load(DemoRoles.write(dir.resolve("roles.yml"), new SecureRandom()));

    assertThat(users.branches()).containsExactly("shanghai", "beijing");
    assertThat(users.branchOf("AG0000")).contains("shanghai");
    assertThat(users.branchOf("AG1999")).contains("beijing");
    assertThat(users.branchOf(DemoRoles.LEAD)).contains(DemoRoles.HOME_BRANCH);
    // Both leads hear of escalations through the routing file's lead receiver.
    assertThat(users.escalationReceivers())
        .containsEntry("shanghai", DemoRoutes.LEADS)
        .containsEntry("beijing", DemoRoutes.LEADS);
  }
}
