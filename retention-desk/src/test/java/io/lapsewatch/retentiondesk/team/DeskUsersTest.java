package io.lapsewatch.retentiondesk.team;

import static io.lapsewatch.retentiondesk.team.TestingRoles.hash;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeskUsersTest {
  private static final String H = hash("t");

  private static String file(String users) {
    return "branches: [shanghai, beijing]\nsenior-pool-branch: shanghai\nusers:\n" + users;
  }

  private static String user(String id, String role, String branch, String hash) {
    return "  - id: "
        + id
        + "\n    role: "
        + role
        + "\n"
        + (branch == null ? "" : "    branch: " + branch + "\n")
        + "    token-sha256: "
        + hash
        + "\n";
  }

  @Test
  void shouldReadUsersBranchesAndTheSeniorPoolBranch() {
    DeskUsers users = TestingRoles.users();

    assertThat(users.branches()).containsExactly("shanghai", "beijing");
    assertThat(users.seniorPoolBranch()).isEqualTo("shanghai");
    assertThat(users.branchOf("AG0101")).contains("beijing");
    assertThat(users.branchOf("AG9999")).isEmpty();
    assertThat(users.branchOf("ADMIN1")).isEmpty();
    assertThat(users.user("LEAD-SH").orElseThrow().role()).isEqualTo(Role.LEAD);
    assertThat(users.agentsOf("shanghai"))
        .extracting(DeskUser::id)
        .containsExactly("AG0001", "AG0002");
  }

  @Test
  void shouldFindAUserByTheirTokenOnly() {
    DeskUsers users = TestingRoles.users();

    assertThat(users.byToken("tok-lead-bj").orElseThrow().id()).isEqualTo("LEAD-BJ");
    assertThat(users.byTokenHash(DeskUsers.sha256("tok-admin")).orElseThrow().id())
        .isEqualTo("ADMIN1");
    assertThat(users.byToken("tok-lead-bj ")).isEmpty();
    assertThat(users.byToken("")).isEmpty();
  }

  @Test
  void shouldLookUpBranchesOfOwnersAndTheSeniorPool() {
    var lookup = TestingRoles.users().branchLookup("senior-pool");

    assertThat(lookup.apply("senior-pool")).isEqualTo("shanghai");
    assertThat(lookup.apply("AG0101")).isEqualTo("beijing");
    assertThat(lookup.apply("AG9999")).isNull();
  }

  @Test
  void shouldHaveNoBranchesNorUsersWithoutAFile() {
    DeskUsers none = DeskUsers.none();

    assertThat(none.branches()).isEmpty();
    assertThat(none.byToken("x")).isEmpty();
    assertThat(none.branchLookup("senior-pool").apply("senior-pool")).isNull();
  }

  @Test
  void shouldNameADuplicateId() {
    String yaml = file(user("AG1", "agent", "shanghai", H) + user("AG1", "lead", "beijing", H));

    assertThatThrownBy(() -> DeskUsers.parse(yaml, "roles.yml"))
        .isInstanceOf(RolesFileException.class)
        .hasMessageContaining("roles.yml")
        .hasMessageContaining("users[1]")
        .hasMessageContaining("'AG1' is listed twice");
  }

  @Test
  void shouldNameAnUnknownRole() {
    assertThatThrownBy(
            () -> DeskUsers.parse(file(user("AG1", "manager", "shanghai", H)), "roles.yml"))
        .hasMessageContaining("users[0].role")
        .hasMessageContaining("'manager'");
  }

  @Test
  void shouldNameAnUnknownBranch() {
    assertThatThrownBy(
            () -> DeskUsers.parse(file(user("AG1", "agent", "shenzhen", H)), "roles.yml"))
        .hasMessageContaining("users[0].branch")
        .hasMessageContaining("'shenzhen'")
        .hasMessageContaining("[shanghai, beijing]");
  }

  @Test
  void shouldNameAnUnknownSeniorPoolBranch() {
    String yaml = "branches: [shanghai]\nsenior-pool-branch: hangzhou\nusers: []\n";

    assertThatThrownBy(() -> DeskUsers.parse(yaml, "roles.yml"))
        .hasMessageContaining("senior-pool-branch")
        .hasMessageContaining("'hangzhou'");
  }

  @Test
  void shouldNameAnUnknownKey() {
    String yaml = file("  - id: AG1\n    role: agent\n    branch: shanghai\n    token: secret\n");

    assertThatThrownBy(() -> DeskUsers.parse(yaml, "roles.yml"))
        .hasMessageContaining("users[0].token")
        .hasMessageContaining("unknown key 'token'");
    assertThatThrownBy(() -> DeskUsers.parse("branchs: [a]\n", "roles.yml"))
        .hasMessageContaining("unknown key 'branchs'");
  }

  @Test
  void shouldNameABadHash() {
    assertThatThrownBy(
            () -> DeskUsers.parse(file(user("AG1", "agent", "shanghai", "abc123")), "roles.yml"))
        .hasMessageContaining("users[0].token-sha256")
        .hasMessageContaining("64 hex digits")
        .hasMessageContaining("was 6 characters");
    // A token pasted where its hash belongs is named by position, never echoed.
    assertThatThrownBy(
            () ->
                DeskUsers.parse(
                    file(user("AG1", "agent", "shanghai", "my-secret-token")), "roles.yml"))
        .hasMessageContaining("users[0].token-sha256")
        .hasMessageContaining("non-hex at position 1")
        .hasMessageNotContaining("my-secret-token");
  }

  @Test
  void shouldRequireABranchForAgentsAndLeadsAndNoneForAdmins() {
    assertThatThrownBy(() -> DeskUsers.parse(file(user("LD1", "lead", null, H)), "roles.yml"))
        .hasMessageContaining("users[0]")
        .hasMessageContaining("'LD1' is a lead and needs a branch");
    assertThatThrownBy(() -> DeskUsers.parse(file(user("AD1", "admin", "beijing", H)), "roles.yml"))
        .hasMessageContaining("users[0].branch")
        .hasMessageContaining("'beijing'");
  }

  @Test
  void shouldNameABadUserId() {
    assertThatThrownBy(
            () -> DeskUsers.parse(file(user("AG 1", "agent", "shanghai", H)), "roles.yml"))
        .hasMessageContaining("users[0].id")
        .hasMessageContaining("'AG 1'");
  }

  @Test
  void shouldReadHashesThatLookLikeNumbersAsText(@TempDir Path dir) throws Exception {
    String digits = "0123456789".repeat(6) + "0123";
    Path f = dir.resolve("roles.yml");
    Files.writeString(f, file(user("AG1", "agent", "beijing", digits)));

    DeskUsers users = DeskUsers.load(f);

    assertThat(users.user("AG1").orElseThrow().tokenSha256())
        .isEqualTo(java.util.HexFormat.of().parseHex(digits));
  }

  @Test
  void shouldReadTheShippedExample() {
    DeskUsers users = DeskUsers.load(Path.of("../deploy/desk/roles.example.yml"));

    assertThat(users.branches()).containsExactly("shanghai", "beijing");
    assertThat(users.user("ADMIN1").orElseThrow().role()).isEqualTo(Role.ADMIN);
  }

  @Test
  void shouldNameTheFileWhenItCannotBeRead(@TempDir Path dir) {
    assertThatThrownBy(() -> DeskUsers.load(dir.resolve("missing.yml")))
        .isInstanceOf(RolesFileException.class)
        .hasMessageContaining("missing.yml");
  }

  @Test
  void shouldKeepTheTokenHashOutOfToString() {
    assertThat(TestingRoles.user("AG0001").toString())
        .doesNotContain(hash("tok-ag1"))
        .contains("AG0001");
  }

  @Test
  void shouldReadAnEscalationReceiverPerBranchBesidePlainBranchNames() {
    DeskUsers users =
        DeskUsers.parse(
            "branches:\n"
                + "  - {name: shanghai, escalation-receiver: wecom-leads-sh}\n"
                + "  - beijing\n"
                + "senior-pool-branch: shanghai\nusers:\n"
                + user("AG0001", "agent", "beijing", H),
            "roles.yml");

    assertThat(users.branches()).containsExactly("shanghai", "beijing");
    assertThat(users.escalationReceiver("shanghai")).contains("wecom-leads-sh");
    assertThat(users.escalationReceiver("beijing")).isEmpty();
    assertThat(users.escalationReceiver(null)).isEmpty();
  }

  @Test
  void shouldNameAnUnknownBranchKeyAndABadReceiverName() {
    assertThatThrownBy(
            () ->
                DeskUsers.parse(
                    "branches:\n  - {name: shanghai, lead-route: x}\n"
                        + "senior-pool-branch: shanghai\nusers: []\n",
                    "roles.yml"))
        .hasMessageContaining("branches[0].lead-route")
        .hasMessageContaining("unknown key 'lead-route'");
    assertThatThrownBy(
            () ->
                DeskUsers.parse(
                    "branches:\n  - {name: shanghai, escalation-receiver: 'leads sh'}\n"
                        + "senior-pool-branch: shanghai\nusers: []\n",
                    "roles.yml"))
        .hasMessageContaining("branches[0].escalation-receiver")
        .hasMessageContaining("'leads sh'");
  }
}
