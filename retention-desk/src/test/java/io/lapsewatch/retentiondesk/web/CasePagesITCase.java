package io.lapsewatch.retentiondesk.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.TestingAlerts;
import io.lapsewatch.embedded.LocalStack;
import io.lapsewatch.retentiondesk.CaseEvent;
import io.lapsewatch.retentiondesk.CaseEventKind;
import io.lapsewatch.retentiondesk.CaseHistoryEntry;
import io.lapsewatch.retentiondesk.CaseIds;
import io.lapsewatch.retentiondesk.CaseLinks;
import io.lapsewatch.retentiondesk.CaseStatus;
import io.lapsewatch.retentiondesk.Resolution;
import io.lapsewatch.retentiondesk.ResultKind;
import io.lapsewatch.retentiondesk.RetentionCase;
import io.lapsewatch.retentiondesk.RetentionDesk;
import io.lapsewatch.retentiondesk.RetentionDeskConfig;
import io.lapsewatch.retentiondesk.TestingTopics;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The case page over HTTP, served by a plain Jetty server in front of a real desk (in-process
 * Kafka, real redis-server): links, form protection, results recorded once.
 */
class CasePagesITCase {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final String TAG = "page";

  /** The desk's and the pages' clock: a day after the test alerts were scored. */
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-05-21T06:00:00Z"), ZoneOffset.UTC);

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  private static LocalStack stack;
  private static RetentionDesk desk;
  private static CaseLinks links;
  private static Server server;
  private static String base;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static final String CLOSE_ME = CaseIds.caseFor("al-page-close");
  private static final String TAP_TWICE = CaseIds.caseFor("al-page-twice");
  private static final String LOOK_ONLY = CaseIds.caseFor("al-page-look");

  @BeforeAll
  static void start() throws Exception {
    stack =
        LocalStack.builder()
            .withKafka()
            .withRedis()
            .withTopics(2, "alerts-" + TAG, "case-events-" + TAG, "policy-events-" + TAG)
            .start();
    RetentionDeskConfig config =
        RetentionDeskConfig.from(
            TestingTopics.settings(
                stack.bootstrapServers(), stack.redisUrl(), TAG, "page-a", "lw:desk:page:"),
            Map.of());
    desk = RetentionDesk.start(config, CLOCK, () -> {});
    links = config.caseLinks(CLOCK).orElseThrow();
    FormGuard guard = new FormGuard(config.linkSecret().orElseThrow(), Duration.ofHours(2), CLOCK);
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(
        new DeskRoutes(
            new CasePages(desk, links, guard, config.timeZone(), CLOCK), new TestingTeamPages()));
    server.start();
    base = "http://127.0.0.1:" + connector.getLocalPort();

    TestingTopics.publish(
        stack.bootstrapServers(),
        "alerts-" + TAG,
        callback("PH-P1", "al-page-close"),
        offer("PH-P2", "al-page-twice"),
        aged(callback("PH-P3", "al-page-look"), 12 * 86_400L + 60));
    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(desk.cases().allCases()).hasSize(3));
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

  private static Alert callback(String holder, String alertId) {
    Alert a = TestingAlerts.highValueCallback(holder);
    a.alertId = alertId;
    return a;
  }

  private static Alert aged(Alert a, long featureAgeSeconds) {
    a.featureAgeSeconds = featureAgeSeconds;
    return a;
  }

  private static Alert offer(String holder, String alertId) {
    Alert a = TestingAlerts.standardOffer(holder);
    a.alertId = alertId;
    return a;
  }

  private static String token(String caseId) {
    return links.token(caseId, desk.find(caseId).orElseThrow().deadline());
  }

  private static HttpResponse<String> get(String caseId, String token, String lang)
      throws Exception {
    String url =
        base
            + "/desk/cases/"
            + caseId
            + "?t="
            + URLEncoder.encode(token, StandardCharsets.UTF_8)
            + (lang == null ? "" : "&lang=" + lang);
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(
      String caseId, Map<String, String> fields, String... headers) throws Exception {
    String body =
        fields.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + "/desk/cases/" + caseId))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The hidden fields of the page's result form, as a browser would post them. */
  private static Map<String, String> formOf(String html) {
    Map<String, String> fields = new LinkedHashMap<>();
    Matcher m =
        Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">")
            .matcher(html);
    while (m.find()) {
      fields.put(m.group(1), m.group(2));
    }
    assertThat(fields).containsKeys("t", "csrf", "requestId", "lang");
    return fields;
  }

  private static Map<String, String> freshForm(String caseId) throws Exception {
    HttpResponse<String> page = get(caseId, token(caseId), "en");
    assertThat(page.statusCode()).isEqualTo(200);
    return formOf(page.body());
  }

  private static long resultsOn(String caseId) {
    return desk.find(caseId).orElseThrow().history().stream()
        .filter(h -> h.kind() == CaseEventKind.RESULT_RECORDED)
        .count();
  }

  @Test
  void shouldShowTheCaseForAValidLinkWithTheSecurityHeaders() throws Exception {
    HttpResponse<String> en = get(LOOK_ONLY, token(LOOK_ONLY), "en");
    HttpResponse<String> zh = get(LOOK_ONLY, token(LOOK_ONLY), null);

    assertThat(en.statusCode()).isEqualTo(200);
    assertThat(en.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'none'"));
    assertThat(en.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
    assertThat(en.body())
        .contains("Callback task")
        .contains(RetentionCase.mask("PH-P3"))
        .doesNotContain("PH-P3")
        .doesNotContain("<script")
        .contains("name=\"result\" value=\"ACCEPTED\"")
        // The alert's feature age travelled through Kafka, the case event and Redis to the page.
        .contains("features from events up to 12 days before the alert");
    assertThat(zh.statusCode()).isEqualTo(200);
    assertThat(zh.body())
        .contains("<html lang=\"zh-CN\">")
        .contains("回访客户")
        .contains("特征来自预警前 12 天及更早的事件");
  }

  @Test
  void shouldRefuseForgedExpiredAndOtherCasesLinks() throws Exception {
    String good = token(LOOK_ONLY);
    String forged = good.substring(0, good.length() - 2) + (good.endsWith("AA") ? "BB" : "AA");
    String expired = links.token(LOOK_ONLY, Instant.parse("2026-01-01T00:00:00Z"));

    assertThat(get(LOOK_ONLY, forged, "en").statusCode()).isEqualTo(403);
    assertThat(get(LOOK_ONLY, token(TAP_TWICE), "en").statusCode()).isEqualTo(403);
    assertThat(get(LOOK_ONLY, "", "en").statusCode()).isEqualTo(403);
    HttpResponse<String> old = get(LOOK_ONLY, expired, "en");
    assertThat(old.statusCode()).isEqualTo(403);
    assertThat(old.body()).contains("expired").doesNotContain(RetentionCase.mask("PH-P3"));
  }

  @Test
  void shouldNotTellAForgedLinkWhetherACaseExists() throws Exception {
    String unknown = CaseIds.caseFor("al-never-sent");
    String validForUnknown = links.token(unknown, Instant.parse("2026-06-13T00:00:00Z"));

    assertThat(get(unknown, validForUnknown, "en").statusCode()).isEqualTo(404);
    assertThat(get(unknown, token(LOOK_ONLY), "en").statusCode()).isEqualTo(403);
    assertThat(get("not%20an%20id", "x", "en").statusCode()).isEqualTo(404);
  }

  @Test
  void shouldRefuseCrossSiteAndUnsignedPosts() throws Exception {
    Map<String, String> form = freshForm(LOOK_ONLY);
    form.put("result", "REACHED");

    Map<String, String> noCsrf = new LinkedHashMap<>(form);
    noCsrf.remove("csrf");
    assertThat(post(LOOK_ONLY, noCsrf).statusCode()).isEqualTo(403);
    assertThat(post(LOOK_ONLY, form, "Sec-Fetch-Site", "cross-site").statusCode()).isEqualTo(403);
    assertThat(post(LOOK_ONLY, form, "Origin", "https://evil.example").statusCode()).isEqualTo(403);
    assertThat(post(LOOK_ONLY, form, "Origin", "null").statusCode()).isEqualTo(403);
    Map<String, String> otherCasesForm = freshForm(TAP_TWICE);
    otherCasesForm.put("result", "REACHED");
    otherCasesForm.put("t", form.get("t"));
    assertThat(post(LOOK_ONLY, otherCasesForm).statusCode()).isEqualTo(403);
    Map<String, String> expiredLink = new LinkedHashMap<>(form);
    expiredLink.put("t", links.token(LOOK_ONLY, Instant.parse("2026-01-01T00:00:00Z")));
    assertThat(post(LOOK_ONLY, expiredLink).statusCode()).isEqualTo(403);

    assertThat(resultsOn(LOOK_ONLY)).isZero();
  }

  @Test
  void shouldAnswerABadFieldWith400NamingIt() throws Exception {
    Map<String, String> form = freshForm(LOOK_ONLY);
    form.put("result", "REACHED");
    form.put("contactedAt", "2026-05-19T09:00");

    HttpResponse<String> early = post(LOOK_ONLY, form);
    // 14:10 in Shanghai is ten minutes ahead of the desk's clock.
    form.put("contactedAt", "2026-05-21T14:10");
    HttpResponse<String> future = post(LOOK_ONLY, form);
    form.put("result", "PROMISED");
    form.remove("contactedAt");
    HttpResponse<String> unknownResult = post(LOOK_ONLY, form);

    assertThat(early.statusCode()).isEqualTo(400);
    assertThat(early.body()).contains("contactedAt");
    assertThat(future.statusCode()).isEqualTo(400);
    assertThat(future.body()).contains("contactedAt").contains("future");
    assertThat(unknownResult.statusCode()).isEqualTo(400);
    assertThat(unknownResult.body()).contains("result").contains("PROMISED");
    assertThat(resultsOn(LOOK_ONLY)).isZero();
  }

  @Test
  void shouldRecordAResultThenRefuseOneOnTheClosedCase() throws Exception {
    Map<String, String> form = freshForm(CLOSE_ME);
    form.put("result", "ACCEPTED");
    form.put("note", "renews <b>Monday</b>");

    HttpResponse<String> done =
        post(CLOSE_ME, form, "Origin", base, "Sec-Fetch-Site", "same-origin");

    assertThat(done.statusCode()).isEqualTo(303);
    String location = done.headers().firstValue("Location").orElseThrow();
    assertThat(location).contains("/desk/cases/" + CLOSE_ME).contains("done=1");
    RetentionCase closed = desk.find(CLOSE_ME).orElseThrow();
    assertThat(closed.status()).isEqualTo(CaseStatus.CLOSED);
    assertThat(closed.resolution()).isEqualTo(Resolution.ACCEPTED);
    // The link went to the owner: the result is theirs.
    assertThat(closed.history().get(closed.history().size() - 1).actor()).isEqualTo(closed.owner());
    HttpResponse<String> after =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base).resolve(location)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(after.statusCode()).isEqualTo(200);
    assertThat(after.body())
        .contains("Result recorded")
        .contains("renews &lt;b&gt;Monday&lt;/b&gt;")
        .doesNotContain("<form");

    // The same form again with a new request id (a second tab): the case is closed.
    form.put("requestId", "page-second-tab");
    HttpResponse<String> again = post(CLOSE_ME, form);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).contains("already closed");
    assertThat(resultsOn(CLOSE_ME)).isEqualTo(1);
  }

  @Test
  void shouldRecordADoubleTapOnceAtTheTimeTheAgentGave() throws Exception {
    Map<String, String> form = freshForm(TAP_TWICE);
    form.put("result", "REACHED");
    form.put("contactedAt", "2026-05-21T10:15");

    assertThat(post(TAP_TWICE, form).statusCode()).isEqualTo(303);
    assertThat(post(TAP_TWICE, form).statusCode()).isEqualTo(303);

    RetentionCase c = desk.find(TAP_TWICE).orElseThrow();
    assertThat(c.status()).isEqualTo(CaseStatus.CONTACTED);
    List<CaseHistoryEntry> results =
        c.history().stream().filter(h -> h.kind() == CaseEventKind.RESULT_RECORDED).toList();
    assertThat(results).hasSize(1);
    // 10:15 in Shanghai.
    assertThat(results.get(0).at()).isEqualTo(Instant.parse("2026-05-21T02:15:00Z"));
    List<CaseEvent> onTopic =
        TestingTopics.caseEvents(stack.bootstrapServers(), "case-events-" + TAG).stream()
            .filter(e -> e.caseId().equals(TAP_TWICE))
            .filter(e -> e.kind() == CaseEventKind.RESULT_RECORDED)
            .toList();
    assertThat(onTopic).hasSize(1);

    // A closing result cannot plan a next attempt: 409, nothing recorded.
    Map<String, String> closing = freshForm(TAP_TWICE);
    closing.put("result", "DECLINED");
    closing.put("nextAttemptAt", "2026-05-25T10:00");
    HttpResponse<String> refused = post(TAP_TWICE, closing);
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(resultsOn(TAP_TWICE)).isEqualTo(1);
    assertThat(desk.find(TAP_TWICE).orElseThrow().lastResult()).isEqualTo(ResultKind.REACHED);
  }
}
