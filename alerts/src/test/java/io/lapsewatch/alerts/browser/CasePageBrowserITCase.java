package io.lapsewatch.alerts.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.TestingAlerts;
import io.lapsewatch.retentiondesk.CaseIds;
import io.lapsewatch.retentiondesk.CaseLinkUrls;
import io.lapsewatch.retentiondesk.CaseLinks;
import io.lapsewatch.retentiondesk.CaseStatus;
import io.lapsewatch.retentiondesk.Resolution;
import io.lapsewatch.retentiondesk.RetentionCase;
import io.lapsewatch.retentiondesk.web.Lang;
import io.lapsewatch.retentiondesk.web.TalkingPoints;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * An agent's case page in headless Chromium against the real service: the link is read from the
 * WeCom message the service delivered, the page shows masked data, reasons and talking points and
 * loads nothing from outside the service, a tap records the result on the desk; forged, expired and
 * other-case links are refused.
 */
class CasePageBrowserITCase {
  private static final String ROLES =
      """
      branches: [north]
      senior-pool-branch: north
      users:
        - {id: AG-17, role: agent, branch: north, token-sha256: %s}
      """
          .formatted(DeskStack.sha256("browser-case-agent-token"));

  @TempDir static Path dir;

  private static DeskStack stack;

  @RegisterExtension final Chromium chromium = new Chromium();

  @BeforeAll
  static void start() throws Exception {
    stack = DeskStack.start("case-page", dir, ROLES);
  }

  @AfterAll
  static void stop() throws Exception {
    if (stack != null) {
      stack.close();
    }
  }

  /** A treated callback alert whose deadline is ahead, so its link is still valid. */
  private static Alert treated(String policyholderId) {
    Alert a = TestingAlerts.highValueCallback(policyholderId);
    a.deadline = (int) LocalDate.now(ZoneOffset.UTC).plusDays(10).toEpochDay();
    a.featureAgeSeconds = 5 * 86_400L + 7_200L; // the newest event 5 days and 2 hours before
    return a;
  }

  /** Publishes {@code alert} and waits for the WeCom message carrying its case's link. */
  private static URI deliveredLink(Alert alert) throws Exception {
    String caseId = CaseIds.caseFor(alert.alertId);
    stack.publish(alert);
    await().atMost(DeskStack.TIMEOUT).until(() -> stack.deliveredLink(caseId).isPresent());
    await().atMost(DeskStack.TIMEOUT).until(() -> stack.desk().find(caseId).isPresent());
    return stack.deliveredLink(caseId).orElseThrow();
  }

  private WebDriverWait waiting() {
    return new WebDriverWait(chromium.driver(), Duration.ofSeconds(30));
  }

  private static String text(ChromeDriver d) {
    return d.findElement(By.tagName("body")).getText();
  }

  @Test
  void shouldOpenTheLinkFromTheChatMessageAndRecordAnAcceptedOffer() throws Exception {
    Alert alert = treated("PH-0000071");
    String caseId = CaseIds.caseFor(alert.alertId);
    URI link = deliveredLink(alert);
    assertThat(link.toString()).startsWith(stack.baseUrl() + CaseLinkUrls.CASE_PATH + caseId);

    ChromeDriver d = chromium.driver();
    // The link exactly as the message carried it opens the case.
    d.get(link.toString());
    assertThat(text(d)).contains("PH******71");
    assertThat(d.findElements(By.cssSelector("ul.reasons li .talking-point"))).hasSize(2);

    // Asked for Chinese, as agents' phones usually are, the page speaks it.
    d.get(link + "&lang=zh-CN");
    assertThat(d.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("zh-CN");
    assertThat(text(d))
        .contains("回访客户", "预警原因与沟通建议", "接受方案")
        .contains("特征来自预警前 5 天及更早的事件")
        .contains(TalkingPoints.forFeature("open_complaints").in(Lang.ZH_CN));

    // The page's own language switch keeps the link's token.
    d.findElement(By.cssSelector("nav.lang a[hreflang='en']")).click();
    waiting().until(ExpectedConditions.urlContains("lang=en"));
    String page = text(d);
    assertThat(page)
        .contains("Callback task", "PH******71", "Why this case, and what to say")
        .contains("features from events up to 5 days before the alert")
        .contains("2 unresolved complaints, oldest 21 days")
        .contains(TalkingPoints.forFeature("open_complaints").in(Lang.EN))
        .contains(TalkingPoints.forFeature("premium_missed_90d").in(Lang.EN));
    assertThat(d.findElements(By.cssSelector("ul.reasons li .talking-point"))).hasSize(2);
    assertThat(d.getPageSource()).doesNotContain(alert.policyholderId);
    assertNothingLoadedFromOutside(d);
    chromium.screenshot("case-page");

    WebElement accepted = d.findElement(By.cssSelector("form.result button[value='ACCEPTED']"));
    assertThat(accepted.getText()).isEqualTo("Offer accepted");
    accepted.click();

    waiting().until(ExpectedConditions.urlContains("done=1"));
    assertThat(d.findElement(By.cssSelector("p.notice")).getText())
        .isEqualTo("Result recorded. Thank you.");
    assertThat(d.findElement(By.cssSelector("h1 .badge.closed")).getText()).isEqualTo("Closed");
    assertThat(text(d)).contains("Closed · Accepted");
    assertThat(d.findElements(By.cssSelector("form.result"))).isEmpty();
    assertThat(d.getPageSource()).doesNotContain(alert.policyholderId);

    RetentionCase onDesk = stack.desk().find(caseId).orElseThrow();
    assertThat(onDesk.status()).isEqualTo(CaseStatus.CLOSED);
    assertThat(onDesk.resolution()).isEqualTo(Resolution.ACCEPTED);
    // No message the service sent holds the raw id either.
    assertThat(stack.deliveredMessages()).noneMatch(m -> m.contains(alert.policyholderId));
  }

  @Test
  void shouldRefuseForgedExpiredAndOtherCaseLinks() throws Exception {
    Alert alert = treated("PH-0000081");
    Alert other = treated("PH-0000082");
    String caseId = CaseIds.caseFor(alert.alertId);
    URI link = deliveredLink(alert);
    URI otherLink = deliveredLink(other);
    String token = link.getRawQuery().substring(CaseLinkUrls.TOKEN_PARAM.length() + 1);
    String caseUrl = stack.baseUrl() + CaseLinkUrls.CASE_PATH + caseId + "?lang=zh-CN&t=";
    ChromeDriver d = chromium.driver();

    // The genuine link opens: the refusals below are about the links, not a missing case.
    d.get(link.toString());
    assertThat(text(d)).contains("PH******81");

    char last = token.charAt(token.length() - 1);
    String forged = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
    assertRefused(d, caseUrl + forged, "链接无效");

    String expired =
        new CaseLinks(DeskStack.LINK_SECRET, Duration.ofHours(48), Clock.systemUTC())
            .token(caseId, Instant.parse("2020-01-31T00:00:00Z"));
    assertRefused(d, caseUrl + expired, "链接已过期，请联系您的团队主管");

    String otherToken = otherLink.getRawQuery().substring(CaseLinkUrls.TOKEN_PARAM.length() + 1);
    assertRefused(d, caseUrl + otherToken, "链接无效");
    assertThat(stack.desk().find(caseId).orElseThrow().status()).isEqualTo(CaseStatus.OPEN);
  }

  /** The browser shows the refusal for {@code url}, and the server answered it with 403. */
  private static void assertRefused(ChromeDriver d, String url, String words) throws Exception {
    d.get(url);
    assertThat(d.findElement(By.cssSelector("main.refused h1")).getText()).isEqualTo(words);
    assertThat(d.findElements(By.cssSelector("form"))).isEmpty();
    assertThat(d.getPageSource()).doesNotContain("PH*");
    HttpResponse<Void> direct =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.discarding());
    assertThat(direct.statusCode()).as(url).isEqualTo(403);
  }

  /**
   * Every stylesheet, image, frame or script the page names is the service's own, there is no
   * script at all, and what the browser actually fetched came from the service only.
   */
  private static void assertNothingLoadedFromOutside(ChromeDriver d) {
    assertThat(d.findElements(By.tagName("script"))).isEmpty();
    List<WebElement> resources =
        d.findElements(By.cssSelector("link[href], [src], object, embed, iframe"));
    assertThat(resources).isNotEmpty();
    for (WebElement e : resources) {
      String ref = e.getDomAttribute(e.getTagName().equals("link") ? "href" : "src");
      assertThat(ref)
          .as(e.getTagName())
          .satisfiesAnyOf(
              r -> assertThat(r).startsWith("/").doesNotStartWith("//"),
              r -> assertThat(r).startsWith(stack.baseUrl() + "/"));
    }
    @SuppressWarnings("unchecked")
    List<Object> fetched =
        (List<Object>)
            d.executeScript(
                "return performance.getEntriesByType('resource').map(function (e) {"
                    + " return e.name; });");
    assertThat(fetched)
        .contains(stack.baseUrl() + "/desk/static/desk.css")
        .allSatisfy(url -> assertThat(url.toString()).startsWith(stack.baseUrl() + "/"));
  }
}
