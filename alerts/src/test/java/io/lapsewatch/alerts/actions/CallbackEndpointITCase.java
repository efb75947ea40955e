package io.lapsewatch.alerts.actions;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.TestingAlerts;
import io.lapsewatch.alertcontract.Tier;
import io.lapsewatch.alerts.TestingClock;
import io.lapsewatch.alerts.metrics.AlertMetrics;
import io.lapsewatch.alerts.metrics.MetricsServer;
import io.lapsewatch.alerts.metrics.OutcomeMetrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The callback-result endpoint over real HTTP on the metrics server. */
class CallbackEndpointITCase {
  private static final String TOKEN = "agent-app-token-0123456789";

  private final HttpClient http = HttpClient.newHttpClient();
  private final TestingClock clock = new TestingClock(Instant.parse("2026-05-21T09:00:00Z"));
  private final AlertMetrics metrics = new AlertMetrics();
  private final CallbackBook book =
      new CallbackBook(
          metrics.registry(),
          new OutcomeMetrics(metrics.registry(), Duration.ofDays(30)).timeToFirstContact());
  private final Alert alert = TestingAlerts.highValueCallback("PH-1001");
  private MetricsServer server;

  @BeforeEach
  void start() throws Exception {
    server =
        MetricsServer.start(
            metrics.registry(),
            "127.0.0.1",
            0,
            () -> true,
            Map.of(CallbackEndpoint.PATH, new CallbackEndpoint(TOKEN, book, clock)));
    book.opened(alert, Instant.parse("2026-05-20T08:00:00Z"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> post(String token, String body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(server.baseUrl() + "/callbacks"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void shouldRecordResultsWithTheRightToken() throws Exception {
    HttpResponse<String> reached =
        post(TOKEN, "{\"alertId\":\"al-ph-1001\",\"result\":\"REACHED\"}");
    HttpResponse<String> accepted =
        post(
            TOKEN,
            "{\"alertId\":\"al-ph-1001\",\"result\":\"offer_accepted\",\"at\":\"2026-05-21T09:02:00Z\"}");
    HttpResponse<String> again =
        post(TOKEN, "{\"alertId\":\"al-ph-1001\",\"result\":\"DECLINED\"}");

    assertThat(reached.statusCode()).isEqualTo(200);
    assertThat(reached.body())
        .isEqualTo("{\"alertId\":\"al-ph-1001\",\"result\":\"REACHED\",\"case\":\"open\"}");
    assertThat(accepted.statusCode()).isEqualTo(200);
    assertThat(accepted.body()).contains("\"case\":\"closed\"");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(book.open(Tier.HIGH_VALUE)).isZero();
    // First contact 25 h after the task was opened (the clock's "now").
    assertThat(metrics.scrape())
        .contains("lapsewatch_time_to_first_contact_seconds_sum{tier=\"HIGH_VALUE\"} 90000.0");
  }

  @Test
  void shouldRefuseRequestsWithoutTheToken() throws Exception {
    HttpResponse<String> none = post(null, "{\"alertId\":\"al-ph-1001\",\"result\":\"REACHED\"}");
    HttpResponse<String> wrong =
        post("agent-app-token-0123456780", "{\"alertId\":\"al-ph-1001\",\"result\":\"REACHED\"}");

    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).doesNotContain(TOKEN);
    assertThat(book.open(Tier.HIGH_VALUE)).isEqualTo(1);
  }

  @Test
  void shouldSayWhatIsWrongWithABadRequest() throws Exception {
    assertThat(post(TOKEN, "not json").statusCode()).isEqualTo(400);
    HttpResponse<String> badResult =
        post(TOKEN, "{\"alertId\":\"al-ph-1001\",\"result\":\"MAYBE\"}");
    assertThat(badResult.statusCode()).isEqualTo(400);
    assertThat(badResult.body())
        .contains("must be one of REACHED, OFFER_ACCEPTED, DECLINED, UNREACHABLE, was 'MAYBE'");
    HttpResponse<String> badTime =
        post(TOKEN, "{\"alertId\":\"al-ph-1001\",\"result\":\"REACHED\",\"at\":\"yesterday\"}");
    assertThat(badTime.statusCode()).isEqualTo(400);
    assertThat(post(TOKEN, "{\"alertId\":\"al-other\",\"result\":\"REACHED\"}").statusCode())
        .isEqualTo(404);
    assertThat(post(TOKEN, "{\"alertId\":\"" + "x".repeat(20_000) + "\"}").statusCode())
        .isEqualTo(413);
    HttpResponse<String> get =
        http.send(
            HttpRequest.newBuilder(URI.create(server.baseUrl() + "/callbacks"))
                .header("Authorization", "Bearer " + TOKEN)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(405);
    // The metrics endpoint is unaffected.
    assertThat(
            http.send(
                    HttpRequest.newBuilder(URI.create(server.metricsUrl())).build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void shouldAcknowledgeARepeatedResultAsADuplicateWithoutCountingItAgain() throws Exception {
    String closing =
        "{\"alertId\":\"al-ph-1001\",\"result\":\"DECLINED\",\"at\":\"2026-05-21T08:00:00Z\"}";
    assertThat(post(TOKEN, closing).statusCode()).isEqualTo(200);
    String before = metrics.scrape();

    HttpResponse<String> again = post(TOKEN, closing);
    HttpResponse<String> withoutTime =
        post(TOKEN, "{\"alertId\":\"al-ph-1001\",\"result\":\"DECLINED\"}");
    HttpResponse<String> different =
        post(TOKEN, "{\"alertId\":\"al-ph-1001\",\"result\":\"OFFER_ACCEPTED\"}");

    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.body())
        .isEqualTo(
            "{\"alertId\":\"al-ph-1001\",\"result\":\"DECLINED\",\"case\":\"closed\",\"duplicate\":true}");
    assertThat(withoutTime.statusCode()).isEqualTo(200);
    assertThat(withoutTime.body()).contains("\"duplicate\":true");
    assertThat(different.statusCode()).isEqualTo(409);
    assertThat(metrics.scrape()).isEqualTo(before);
    assertThat(before)
        .contains("lapsewatch_callback_results_total{result=\"DECLINED\",tier=\"HIGH_VALUE\"} 1.0")
        .contains("lapsewatch_case_closure_seconds_count{tier=\"HIGH_VALUE\"} 1");
  }

  @Test
  void shouldRefuseATimeOutsideTheCaseAndNameIt() throws Exception {
    String before = metrics.scrape();

    HttpResponse<String> farFuture =
        post(
            TOKEN,
            "{\"alertId\":\"al-ph-1001\",\"result\":\"OFFER_ACCEPTED\",\"at\":\"9999-01-01T00:00:00Z\"}");
    HttpResponse<String> beforeOpening =
        post(
            TOKEN,
            "{\"alertId\":\"al-ph-1001\",\"result\":\"OFFER_ACCEPTED\",\"at\":\"2026-05-19T23:59:59Z\"}");
    // Within the allowed clock skew of the server's "now" (09:00): accepted.
    HttpResponse<String> slightlyAhead =
        post(
            TOKEN,
            "{\"alertId\":\"al-ph-1001\",\"result\":\"REACHED\",\"at\":\"2026-05-21T09:04:00Z\"}");

    assertThat(farFuture.statusCode()).isEqualTo(400);
    assertThat(farFuture.body())
        .contains("\\\"at\\\" must not be later than now plus 5 minutes")
        .contains("was '9999-01-01T00:00:00Z'");
    assertThat(beforeOpening.statusCode()).isEqualTo(400);
    assertThat(beforeOpening.body())
        .contains("before the callback task was opened (2026-05-20T08:00:00Z)")
        .contains("was '2026-05-19T23:59:59Z'");
    assertThat(slightlyAhead.statusCode()).isEqualTo(200);
    assertThat(book.open(Tier.HIGH_VALUE)).isEqualTo(1);
    assertThat(before).contains("lapsewatch_case_closure_seconds_sum{tier=\"HIGH_VALUE\"} 0.0");
    assertThat(metrics.scrape())
        .contains("lapsewatch_case_closure_seconds_sum{tier=\"HIGH_VALUE\"} 0.0")
        .contains("lapsewatch_case_closure_seconds_count{tier=\"HIGH_VALUE\"} 0");
  }
}
