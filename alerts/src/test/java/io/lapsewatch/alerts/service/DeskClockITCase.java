package io.lapsewatch.alerts.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.AlertJson;
import io.lapsewatch.alertcontract.TestingAlerts;
import io.lapsewatch.embedded.EmbeddedKafka;
import io.lapsewatch.embedded.LocalStack;
import io.lapsewatch.retentiondesk.CaseLinkUrls;
import io.lapsewatch.retentiondesk.CaseLinks;
import io.lapsewatch.retentiondesk.RetentionDesk;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A service started with a desk clock (the demo's simulated time) runs its desk, pages, case links
 * and desk metrics in that time: a case from 2020 is neither overdue nor its link expired there,
 * though both are by the wall clock. Real Kafka broker, redis-server and HTTP.
 */
class DeskClockITCase {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final Instant SIMULATED_NOW = Instant.parse("2020-01-10T09:00:00Z");

  private static LocalStack stack;

  @BeforeAll
  static void start() throws Exception {
    stack =
        LocalStack.builder()
            .withKafka()
            .withRedis()
            .withTopics(
                2, "clock-alerts", "clock-alerts-dlq", "clock-case-events", "clock-policy-events")
            .start();
  }

  @AfterAll
  static void stop() throws Exception {
    stack.close();
  }

  private static AlertsServiceConfig config() {
    Map<String, String> m = TestingDesk.settings(stack, "clock");
    m.put("console.enabled", "true");
    // Runs often: with the wall clock it would expire the 2020 case at once.
    m.put("desk.expiry-interval-ms", "200");
    return AlertsServiceConfig.from(
        m, Map.of("DESK_LINK_SECRET", "desk-clock-itcase-secret-0123456789"));
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return TestingDesk.get(url, TIMEOUT);
  }

  @Test
  void shouldRunTheDeskItsPagesLinksAndMetricsInTheDeskClocksTime() throws Exception {
    AlertsServiceConfig config = config();
    Clock deskClock = Clock.fixed(SIMULATED_NOW, ZoneOffset.UTC);
    Alert treated = TestingAlerts.highValueCallback("PH-0000072");
    treated.asOf = Instant.parse("2020-01-02T08:00:00Z").toEpochMilli();
    treated.deadline = (int) LocalDate.of(2020, 1, 31).toEpochDay();
    URI link =
        new CaseLinkUrls(
                URI.create("http://desk.example"), config.desk().caseLinks(deskClock).get())
            .forAlert(treated)
            .orElseThrow();
    String caseId = link.getPath().substring(CaseLinkUrls.CASE_PATH.length());
    String token = link.getRawQuery().substring(2);
    // By the wall clock this link expired long ago.
    assertThat(config.desk().caseLinks(Clock.systemUTC()).get().check(caseId, token))
        .isEqualTo(CaseLinks.Verdict.EXPIRED);

    try (AlertsService service = AlertsService.start(config, deskClock)) {
      RetentionDesk desk = service.desk().orElseThrow();
      EmbeddedKafka.produce(
          stack.bootstrapServers(),
          "clock-alerts",
          List.<byte[][]>of(
              new byte[][] {
                treated.policyholderId.getBytes(StandardCharsets.UTF_8), AlertJson.toBytes(treated)
              }));
      assertThat(service.awaitHandled(1, TIMEOUT)).isTrue();
      await().atMost(TIMEOUT).until(() -> desk.find(caseId).isPresent());

      // The page opens: the link is valid in the desk's time.
      HttpResponse<String> page =
          get(service.baseAddress() + CaseLinkUrls.CASE_PATH + caseId + "?t=" + token);
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("<form class=\"result\"");
      // Several expiry runs later the case is still open, and the metrics do not call it overdue.
      await()
          .during(Duration.ofSeconds(1))
          .atMost(TIMEOUT)
          .until(() -> !desk.find(caseId).orElseThrow().isFinished());
      assertThat(get(service.metricsAddress()).body())
          .contains("lapsewatch_desk_open_cases{branch=\"other\"} 1.0")
          .contains("lapsewatch_desk_overdue_cases{branch=\"other\"} 0.0");
    }
  }
}
