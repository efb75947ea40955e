package io.lapsewatch.retentiondesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.TestingAlerts;
import io.lapsewatch.embedded.LocalStack;
import io.lapsewatch.retentiondesk.team.DeskUsers;
import io.lapsewatch.retentiondesk.web.DeskRoutes;
import io.lapsewatch.retentiondesk.web.PageReplies;
import io.lapsewatch.retentiondesk.web.TeamPages;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The team pages over real HTTP on a real desk (Kafka and redis-server): sign-in by token and by
 * login link, the branch worklist with its filters, reassignment and the CSV export, and the
 * refusals (another branch, a forged link).
 */
class TeamPagesITCase {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final String TAG = "team";

  @TempDir static Path dir;

  private static LocalStack stack;
  private static RetentionDesk desk;
  private static TeamPages teamPages;
  private static Server server;
  private static String base;
  private final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  private static String hash(String token) {
    return HexFormat.of().formatHex(DeskUsers.sha256(token));
  }

  @BeforeAll
  static void start() throws Exception {
    stack =
        LocalStack.builder()
            .withKafka()
            .withRedis()
            .withTopics(2, "alerts-" + TAG, "case-events-" + TAG, "policy-events-" + TAG)
            .start();
    Path roles = dir.resolve("roles.yml");
    Files.writeString(
        roles,
        """
        branches: [shanghai, beijing]
        senior-pool-branch: shanghai
        users:
          - {id: AG0001, role: agent, branch: shanghai, token-sha256: %s}
          - {id: AG0002, role: agent, branch: shanghai, token-sha256: %s}
          - {id: AG0101, role: agent, branch: beijing, token-sha256: %s}
          - {id: LEAD-SH, role: lead, branch: shanghai, token-sha256: %s}
          - {id: LEAD-BJ, role: lead, branch: beijing, token-sha256: %s}
          - {id: ADMIN1, role: admin, token-sha256: %s}
        """
            .formatted(
                hash("tok-ag1"),
                hash("tok-ag2"),
                hash("tok-ag101"),
                hash("tok-lead-sh"),
                hash("tok-lead-bj"),
                hash("tok-admin")));
    Map<String, String> settings =
        TestingTopics.settings(
            stack.bootstrapServers(), stack.redisUrl(), TAG, "team-a", "lw:desk:team:");
    settings.put("desk.roles-file", roles.toString());
    RetentionDeskConfig config = RetentionDeskConfig.from(settings, Map.of());
    desk = RetentionDesk.start(config);
    TestingTopics.publish(
        stack.bootstrapServers(),
        "alerts-" + TAG,
        alert("PH0000000001", "al-t-1", "AG0001"),
        alert("PH0000000002", "al-t-2", "AG0002"),
        alert("PH0000000003", "al-t-3", null),
        alert("PH0000000004", "al-t-4", "AG0101"),
        alert("PH0000000005", "al-t-5", "AG0101"));
    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(desk.cases().allCases()).hasSize(5));

    teamPages = new TeamPages(desk, config, Clock.systemUTC());
    Handler casePagesStub =
        new Handler.Abstract() {
          @Override
          public boolean handle(
              org.eclipse.jetty.server.Request request,
              org.eclipse.jetty.server.Response response,
              org.eclipse.jetty.util.Callback callback) {
            PageReplies.send(response, callback, 404, "text/plain", "case pages not here");
            return true;
          }
        };
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(new DeskRoutes(casePagesStub, teamPages));
    server.start();
    base = "http://127.0.0.1:" + connector.getLocalPort();
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.stop();
    }
    if (desk != null) {
      desk.close();
    }
    stack.close();
  }

  private static Alert alert(String holder, String alertId, String agent) {
    Alert a = TestingAlerts.highValueCallback(holder);
    a.alertId = alertId;
    a.agentId = agent;
    return a;
  }

  private HttpResponse<String> get(String path, String cookie) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String cookie, Map<String, String> form)
      throws Exception {
    StringBuilder body = new StringBuilder();
    for (var e : form.entrySet()) {
      if (body.length() > 0) {
        body.append('&');
      }
      body.append(e.getKey())
          .append('=')
          .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
    }
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String field(String html, String name) {
    Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(html);
    assertThat(m.find()).as("form field " + name).isTrue();
    return m.group(1);
  }

  /** Signs in with {@code token} through the form; returns the session cookie ("name=value"). */
  private String signIn(String token) throws Exception {
    HttpResponse<String> form = get("/desk/login?lang=en", null);
    assertThat(form.statusCode()).isEqualTo(200);
    HttpResponse<String> r =
        post("/desk/login", null, Map.of("token", token, "csrf", field(form.body(), "csrf")));
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).startsWith("/desk/team"));
    String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(setCookie).contains("HttpOnly", "SameSite=Strict", "Path=/desk/");
    return setCookie.substring(0, setCookie.indexOf(';'));
  }

  @Test
  void shouldListOnlyTheLeadsBranchAndFilterByAgent() throws Exception {
    String lead = signIn("tok-lead-sh");

    HttpResponse<String> page = get("/desk/team?lang=en", lead);

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains(CaseIds.caseFor("al-t-1"), CaseIds.caseFor("al-t-2"), CaseIds.caseFor("al-t-3"))
        .doesNotContain(CaseIds.caseFor("al-t-4"))
        .doesNotContain("PH0000000001")
        .contains("PH********01")
        // The test alerts' deadlines (June 2026) are past: the rows are marked overdue.
        .contains("<tr data-case=\"" + CaseIds.caseFor("al-t-1") + "\" class=\"overdue\"")
        .contains("badge overdue");
    HttpResponse<String> filtered = get("/desk/team?agent=AG0002&lang=en", lead);
    assertThat(filtered.body())
        .contains(CaseIds.caseFor("al-t-2"))
        .doesNotContain(CaseIds.caseFor("al-t-1"));
  }

  @Test
  void shouldRefuseAnotherBranchAndStrangers() throws Exception {
    String leadBj = signIn("tok-lead-bj");

    assertThat(get("/desk/team?branch=shanghai", leadBj).statusCode()).isEqualTo(403);
    assertThat(get("/desk/team.csv?branch=shanghai", leadBj).statusCode()).isEqualTo(403);
    assertThat(get("/desk/team?branch=beijing", leadBj).body())
        .contains(CaseIds.caseFor("al-t-4"))
        .doesNotContain(CaseIds.caseFor("al-t-1"));
    HttpResponse<String> anonymous = get("/desk/team", null);
    assertThat(anonymous.statusCode()).isEqualTo(303);
    assertThat(anonymous.headers().firstValue("Location").orElseThrow()).startsWith("/desk/login");
    HttpResponse<String> form = get("/desk/login", null);
    assertThat(
            post("/desk/login", null, Map.of("token", "guess", "csrf", field(form.body(), "csrf")))
                .statusCode())
        .isEqualTo(403);
    assertThat(
            post("/desk/login", null, Map.of("token", "tok-lead-bj", "csrf", "1.forged"))
                .statusCode())
        .isEqualTo(403);
  }

  @Test
  void shouldReassignACaseWithinTheBranch() throws Exception {
    String lead = signIn("tok-lead-sh");
    String caseId = CaseIds.caseFor("al-t-3");
    assertThat(desk.find(caseId).orElseThrow().branch()).isEqualTo("shanghai");
    HttpResponse<String> page = get("/desk/team?lang=en", lead);

    HttpResponse<String> r =
        post(
            "/desk/team/reassign",
            lead,
            Map.of(
                "caseId",
                caseId,
                "owner",
                "AG0002",
                "csrf",
                field(page.body(), "csrf"),
                "requestId",
                "rq-it-1"));

    assertThat(r.statusCode()).isEqualTo(303);
    RetentionCase moved = desk.find(caseId).orElseThrow();
    assertThat(moved.owner()).isEqualTo("AG0002");
    assertThat(moved.branch()).isEqualTo("shanghai");
    assertThat(get("/desk/team?agent=AG0002&lang=en", lead).body()).contains(caseId);
    // Into another branch's agent: refused, and nothing changes.
    HttpResponse<String> across =
        post(
            "/desk/team/reassign",
            lead,
            Map.of(
                "caseId",
                caseId,
                "owner",
                "AG0101",
                "csrf",
                field(page.body(), "csrf"),
                "requestId",
                "rq-it-2"));
    assertThat(across.statusCode()).isEqualTo(403);
    assertThat(desk.find(caseId).orElseThrow().owner()).isEqualTo("AG0002");
    // A lead of another branch may not touch it either.
    String leadBj = signIn("tok-lead-bj");
    HttpResponse<String> bjPage = get("/desk/team", leadBj);
    assertThat(
            post(
                    "/desk/team/reassign",
                    leadBj,
                    Map.of(
                        "caseId",
                        caseId,
                        "owner",
                        "AG0101",
                        "csrf",
                        field(bjPage.body(), "csrf"),
                        "requestId",
                        "rq-it-3"))
                .statusCode())
        .isEqualTo(403);
  }

  @Test
  void shouldLetAnAdminPickABranchAndReassignAcrossBranches() throws Exception {
    String admin = signIn("tok-admin");
    String caseId = CaseIds.caseFor("al-t-5");

    HttpResponse<String> beijing = get("/desk/team?branch=beijing&lang=en", admin);

    assertThat(beijing.body()).contains(caseId).contains("<select name=\"branch\">");
    assertThat(get("/desk/team?branch=shenzhen", admin).statusCode()).isEqualTo(403);
    HttpResponse<String> r =
        post(
            "/desk/team/reassign",
            admin,
            Map.of(
                "caseId",
                caseId,
                "owner",
                "AG0001",
                "csrf",
                field(beijing.body(), "csrf"),
                "requestId",
                "rq-it-admin"));
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(desk.find(caseId).orElseThrow().branch()).isEqualTo("shanghai");
    assertThat(desk.cases().openCasesOfBranch("beijing")).doesNotContain(caseId);
  }

  @Test
  void shouldShowAnAgentOnlyTheirOwnCasesAndNoReassignForm() throws Exception {
    String agent = signIn("tok-ag1");

    HttpResponse<String> page = get("/desk/team?lang=en", agent);

    assertThat(page.body())
        .contains(CaseIds.caseFor("al-t-1"))
        .doesNotContain(CaseIds.caseFor("al-t-2"))
        .doesNotContain("/desk/team/reassign");
  }

  @Test
  void shouldExportTheBranchAsCsvWithoutRawPolicyholderIds() throws Exception {
    String lead = signIn("tok-lead-sh");

    HttpResponse<String> csv = get("/desk/team.csv", lead);

    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
    assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow())
        .startsWith("attachment");
    assertThat(csv.body())
        .startsWith("case_id,deadline,action,policyholder")
        .contains(CaseIds.caseFor("al-t-1"), "PH********01")
        .doesNotContain("PH0000000001", "PH0000000002", CaseIds.caseFor("al-t-4"));
  }

  @Test
  void shouldSignInByLoginLinkAndRefuseAForgedOne() throws Exception {
    String link = teamPages.loginLinks().make("LEAD-BJ", Instant.now().plus(Duration.ofHours(1)));

    HttpResponse<String> r = get(link, null);

    assertThat(r.statusCode()).isEqualTo(303);
    String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    String session = cookie.substring(0, cookie.indexOf(';'));
    assertThat(get("/desk/team", session).body()).contains(CaseIds.caseFor("al-t-4"));
    assertThat(get(link.replace("LEAD-BJ", "LEAD-SH"), null).statusCode()).isEqualTo(403);
    String expired =
        teamPages.loginLinks().make("LEAD-BJ", Instant.now().minus(Duration.ofMinutes(1)));
    assertThat(get(expired, null).statusCode()).isEqualTo(403);
    // A forged session cookie is no session.
    assertThat(get("/desk/team", session.replace("LEAD-BJ", "LEAD-SH")).statusCode())
        .isEqualTo(303);
  }
}
