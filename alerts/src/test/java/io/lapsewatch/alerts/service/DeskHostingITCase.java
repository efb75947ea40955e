package io.lapsewatch.alerts.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.AlertJson;
import io.lapsewatch.alertcontract.TestingAlerts;
import io.lapsewatch.embedded.EmbeddedKafka;
import io.lapsewatch.embedded.LocalStack;
import io.lapsewatch.retentiondesk.CaseStatus;
import io.lapsewatch.retentiondesk.ResultKind;
import io.lapsewatch.retentiondesk.RetentionCase;
import io.lapsewatch.retentiondesk.RetentionDesk;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The alerts service runs the retention desk from its own settings, serves the desk's pages on its
 * port and exports the desk's metrics: real Kafka broker, real redis-server, real HTTP.
 */
class DeskHostingITCase {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  private static LocalStack stack;

  @BeforeAll
  static void start() throws Exception {
    stack =
        LocalStack.builder()
            .withKafka()
            .withRedis()
            .withTopics(
                2, "desk-alerts", "desk-alerts-dlq", "desk-case-events", "desk-policy-events")
            .start();
  }

  @AfterAll
  static void stop() throws Exception {
    stack.close();
  }

  private static Map<String, String> settings() {
    Map<String, String> m = TestingDesk.settings(stack, "desk");
    m.put("console.enabled", "true");
    // Expiry is the desk's own business (its ITCase); here an overdue case must stay open.
    m.put("desk.expiry-interval-ms", "86400000");
    return m;
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return TestingDesk.get(url, TIMEOUT);
  }

  private static String metrics(AlertsService service) throws Exception {
    return get(service.metricsAddress()).body();
  }

  @Test
  void shouldRunTheDeskServeItsPagesAndExportItsMetrics() throws Exception {
    AlertsServiceConfig config =
        AlertsServiceConfig.from(
            settings(), Map.of("DESK_LINK_SECRET", "desk-hosting-itcase-secret-0123456789"));
    Alert treated = TestingAlerts.highValueCallback("PH-0000071");
    // Long past: the case is overdue whatever today is.
    treated.deadline = (int) LocalDate.of(2020, 1, 31).toEpochDay();

    try (AlertsService service = AlertsService.start(config)) {
      assertThat(service.desk()).isPresent();
      RetentionDesk desk = service.desk().get();
      EmbeddedKafka.produce(
          stack.bootstrapServers(),
          "desk-alerts",
          List.<byte[][]>of(
              new byte[][] {
                treated.policyholderId.getBytes(StandardCharsets.UTF_8), AlertJson.toBytes(treated)
              }));
      assertThat(service.awaitHandled(1, TIMEOUT)).isTrue();
      await().atMost(TIMEOUT).until(() -> desk.cases().allCases().size() == 1);
      RetentionCase opened = desk.find(desk.cases().allCases().get(0)).orElseThrow();
      assertThat(opened.alertId()).isEqualTo(treated.alertId);
      assertThat(opened.status()).isEqualTo(CaseStatus.OPEN);

      // The desk's pages are served on the service's own port, under /desk/.
      HttpResponse<String> css = get(service.baseAddress() + "/desk/static/desk.css");
      assertThat(css.statusCode()).isEqualTo(200);
      assertThat(css.headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
      assertThat(css.body()).contains(".card");
      assertThat(get(service.baseAddress() + "/desk/no-such-page").statusCode()).isEqualTo(404);
      assertThat(get(service.healthAddress()).statusCode()).isEqualTo(200);

      await()
          .atMost(TIMEOUT)
          .untilAsserted(
              () ->
                  assertThat(metrics(service))
                      .contains("lapsewatch_desk_cases_opened_total 1.0")
                      .contains("lapsewatch_desk_open_cases{branch=\"other\"} 1.0")
                      .contains("lapsewatch_desk_overdue_cases{branch=\"other\"} 1.0"));

      // An agent's result reaches the metrics through the desk's observer.
      desk.recordResult(opened.caseId(), ResultKind.ACCEPTED, "AG0017", null, null, null, "req-1");
      assertThat(metrics(service))
          .contains("lapsewatch_desk_results_total{result=\"ACCEPTED\"} 1.0")
          .contains("lapsewatch_desk_time_to_first_contact_seconds_count 1")
          .contains("lapsewatch_desk_time_to_close_seconds_count 1")
          .contains("lapsewatch_desk_open_cases{branch=\"other\"} 0.0")
          .contains("lapsewatch_desk_overdue_cases{branch=\"other\"} 0.0")
          .doesNotContain(treated.policyholderId);
    }
  }
}
