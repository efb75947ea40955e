package io.lapsewatch.alerts.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.alertcontract.TestingAlerts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class AlertMetricsTest {
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void shouldExposeEveryTierActionArmSeriesFromTheStart() {
    String text = new AlertMetrics().scrape();

    assertThat(text)
        .contains(
            "lapsewatch_alerts_received_total{action=\"AGENT_CALLBACK\",arm=\"TREATED\",tier=\"HIGH_VALUE\"} 0.0")
        .contains(
            "lapsewatch_alerts_received_total{action=\"RENEWAL_OFFER\",arm=\"HOLDOUT\",tier=\"STANDARD\"} 0.0")
        .contains("lapsewatch_alerts_rejected_total{reason=\"malformed_json\"} 0.0");
  }

  @Test
  void shouldRecordDeliveriesRetriesAndLatencyPerChannel() {
    AlertMetrics m = new AlertMetrics();
    m.registerChannel("webhook");
    m.alertReceived(TestingAlerts.highValueCallback("PH-1001"));
    m.delivered("webhook", Duration.ofMillis(30), 3);
    m.deliveryFailed("webhook", Duration.ofSeconds(2), 1);

    String text = m.scrape();

    assertThat(text)
        .contains(
            "lapsewatch_alerts_received_total{action=\"AGENT_CALLBACK\",arm=\"TREATED\",tier=\"HIGH_VALUE\"} 1.0")
        .contains("lapsewatch_deliveries_total{channel=\"webhook\",status=\"delivered\"} 1.0")
        .contains("lapsewatch_deliveries_total{channel=\"webhook\",status=\"failed\"} 1.0")
        .contains("lapsewatch_delivery_retries_total{channel=\"webhook\"} 2.0")
        .contains("lapsewatch_delivery_latency_seconds_bucket{channel=\"webhook\",le=\"0.05\"} 1")
        .contains("lapsewatch_delivery_latency_seconds_count{channel=\"webhook\"} 2")
        .doesNotContain("PH-1001");
  }

  @Test
  void shouldServeMetricsAndHealthOverHttp() throws Exception {
    AlertMetrics m = new AlertMetrics();
    AtomicBoolean healthy = new AtomicBoolean(true);
    try (MetricsServer server = MetricsServer.start(m.registry(), "127.0.0.1", 0, healthy::get)) {
      assertThat(server.port()).isPositive();
      assertThat(server.metricsUrl()).isEqualTo("http://127.0.0.1:" + server.port() + "/metrics");

      HttpResponse<String> metrics = get(server.metricsUrl());
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body()).contains("# TYPE lapsewatch_alerts_received_total counter");

      HttpResponse<String> health = get(server.healthUrl());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).isEqualTo("OK");

      healthy.set(false);
      assertThat(get(server.healthUrl()).statusCode()).isEqualTo(503);
      assertThat(get(server.baseUrl() + "/nope").statusCode()).isEqualTo(404);
    }
  }
}
