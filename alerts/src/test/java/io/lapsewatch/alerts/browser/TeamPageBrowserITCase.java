package io.lapsewatch.alerts.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.TestingAlerts;
import io.lapsewatch.retentiondesk.CaseIds;
import io.lapsewatch.retentiondesk.team.Sessions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A branch lead's worklist in headless Chromium against the real service: sign-in by token through
 * the form, the branch's cases only, the agent filter, a reassignment through the row's form, the
 * CSV export with the browser's session; another branch's lead is refused this branch.
 */
class TeamPageBrowserITCase {
  private static final String LEAD_NORTH_TOKEN = "browser-lead-north-token";
  private static final String LEAD_SOUTH_TOKEN = "browser-lead-south-token";

  private static final String ROLES =
      """
      branches: [north, south]
      senior-pool-branch: north
      users:
        - {id: AG-N1, role: agent, branch: north, token-sha256: %s}
        - {id: AG-N2, role: agent, branch: north, token-sha256: %s}
        - {id: LEAD-N, role: lead, branch: north, token-sha256: %s}
        - {id: AG-S1, role: agent, branch: south, token-sha256: %s}
        - {id: LEAD-S, role: lead, branch: south, token-sha256: %s}
      """
          .formatted(
              DeskStack.sha256("browser-agent-n1-token"),
              DeskStack.sha256("browser-agent-n2-token"),
              DeskStack.sha256(LEAD_NORTH_TOKEN),
              DeskStack.sha256("browser-agent-s1-token"),
              DeskStack.sha256(LEAD_SOUTH_TOKEN));

  private static final Alert N1_FIRST = alert("PH-0000101", "AG-N1", 5);
  private static final Alert N1_SECOND = alert("PH-0000102", "AG-N1", 9);
  private static final Alert N2_ONLY = alert("PH-0000103", "AG-N2", 7);
  private static final Alert SOUTH = alert("PH-0000104", "AG-S1", 6);

  @TempDir static Path dir;

  private static DeskStack stack;

  @RegisterExtension final Chromium chromium = new Chromium();

  @BeforeAll
  static void start() throws Exception {
    stack = DeskStack.start("team-page", dir, ROLES);
    stack.publish(N1_FIRST, N1_SECOND, N2_ONLY, SOUTH);
    await()
        .atMost(DeskStack.TIMEOUT)
        .until(
            () ->
                Stream.of(N1_FIRST, N1_SECOND, N2_ONLY, SOUTH)
                    .allMatch(a -> stack.desk().find(caseOf(a)).isPresent()));
  }

  @AfterAll
  static void stop() throws Exception {
    if (stack != null) {
      stack.close();
    }
  }

  /** A treated renewal offer for {@code agentId}'s policyholder, due {@code days} from today. */
  private static Alert alert(String policyholderId, String agentId, int days) {
    Alert a = TestingAlerts.standardOffer(policyholderId);
    a.agentId = agentId;
    a.deadline = (int) LocalDate.now(ZoneOffset.UTC).plusDays(days).toEpochDay();
    return a;
  }

  private static String caseOf(Alert a) {
    return CaseIds.caseFor(a.alertId);
  }

  private WebDriverWait waiting() {
    return new WebDriverWait(chromium.driver(), Duration.ofSeconds(30));
  }

  /** Signs in through the login form with {@code token} and waits for the worklist. */
  private void signIn(String token) {
    ChromeDriver d = chromium.driver();
    d.get(stack.baseUrl() + "/desk/login?lang=en");
    d.findElement(By.id("token")).sendKeys(token);
    d.findElement(By.cssSelector("form button[type='submit']")).click();
    waiting().until(ExpectedConditions.urlContains("/desk/team"));
  }

  /** The case ids of the worklist's rows, in order. */
  private List<String> rows() {
    return chromium.driver().findElements(By.cssSelector("tr[data-case]")).stream()
        .map(r -> r.getDomAttribute("data-case"))
        .toList();
  }

  private String ownerShown(String caseId) {
    // Columns: deadline, action, policyholder, tier, owner, status, reassign.
    return chromium
        .driver()
        .findElement(By.cssSelector("tr[data-case='" + caseId + "'] td:nth-child(5)"))
        .getText();
  }

  @Test
  void shouldListFilterReassignAndExportTheLeadsBranch() throws Exception {
    ChromeDriver d = chromium.driver();
    // Wide enough for the whole table: a lead works the list at a desk.
    d.manage().window().setSize(new Dimension(1280, 800));
    signIn(LEAD_NORTH_TOKEN);

    assertThat(d.findElement(By.tagName("h1")).getText()).isEqualTo("Worklist · north");
    // North's cases by deadline; the south branch's case is not there.
    assertThat(rows()).containsExactly(caseOf(N1_FIRST), caseOf(N2_ONLY), caseOf(N1_SECOND));
    String page = d.getPageSource();
    assertThat(page).doesNotContain(caseOf(SOUTH)).contains("PH******01", "PH******03");
    for (Alert a : List.of(N1_FIRST, N1_SECOND, N2_ONLY, SOUTH)) {
      assertThat(page).doesNotContain(a.policyholderId);
    }
    chromium.screenshot("team-page");

    // Filter by one agent through the filter form.
    new Select(d.findElement(By.cssSelector("form.filters select[name='agent']")))
        .selectByValue("AG-N2");
    d.findElement(By.cssSelector("form.filters button[type='submit']")).click();
    waiting().until(ExpectedConditions.urlContains("agent=AG-N2"));
    assertThat(rows()).containsExactly(caseOf(N2_ONLY));

    // Reassign that case to the other agent through its row's form.
    String moved = caseOf(N2_ONLY);
    WebElement row = d.findElement(By.cssSelector("tr[data-case='" + moved + "']"));
    new Select(row.findElement(By.cssSelector("select[name='owner']"))).selectByValue("AG-N1");
    row.findElement(By.cssSelector("form.reassign button[type='submit']")).click();
    waiting()
        .until(ExpectedConditions.urlToBe(stack.baseUrl() + "/desk/team?branch=north&lang=en"));
    assertThat(rows()).hasSize(3);
    assertThat(ownerShown(moved)).isEqualTo("AG-N1");
    assertThat(stack.desk().find(moved).orElseThrow().owner()).isEqualTo("AG-N1");

    // The CSV export answers with the browser's session, for north only, masked.
    Cookie session = d.manage().getCookieNamed(Sessions.COOKIE);
    assertThat(session).isNotNull();
    String href =
        d.findElement(By.partialLinkText("Export CSV"))
            .getDomAttribute("href")
            .replace("&amp;", "&");
    HttpResponse<String> csv =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(stack.baseUrl() + href))
                    .header("Cookie", Sessions.COOKIE + "=" + session.getValue())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
    assertThat(csv.body())
        .contains(caseOf(N1_FIRST), caseOf(N1_SECOND), moved, "PH******02")
        .doesNotContain(caseOf(SOUTH))
        .doesNotContain(N1_FIRST.policyholderId);
    assertThat(csv.body().lines().filter(l -> l.contains(moved)).findFirst().orElseThrow())
        .contains("AG-N1");
  }

  @Test
  void shouldRefuseAnotherBranchToItsLead() throws Exception {
    ChromeDriver d = chromium.driver();
    signIn(LEAD_SOUTH_TOKEN);
    assertThat(rows()).containsExactly(caseOf(SOUTH));

    d.get(stack.baseUrl() + "/desk/team?branch=north&lang=en");
    assertThat(d.findElement(By.cssSelector("main.refused h1")).getText())
        .isEqualTo("You may not see this branch");
    assertThat(d.findElements(By.cssSelector("tr[data-case]"))).isEmpty();
    assertThat(d.getPageSource()).doesNotContain("PH*");
    Cookie session = d.manage().getCookieNamed(Sessions.COOKIE);
    HttpResponse<Void> direct =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/desk/team?branch=north"))
                    .header("Cookie", Sessions.COOKIE + "=" + session.getValue())
                    .build(),
                HttpResponse.BodyHandlers.discarding());
    assertThat(direct.statusCode()).isEqualTo(403);
  }
}
