package io.lapsewatch.alerts.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.AlertJson;
import io.lapsewatch.alertcontract.TestingAlerts;
import io.lapsewatch.embedded.EmbeddedKafka;
import io.lapsewatch.embedded.LocalStack;
import io.lapsewatch.embedded.WebhookReceiver;
import io.lapsewatch.retentiondesk.CaseIds;
import io.lapsewatch.retentiondesk.RetentionCase;
import io.lapsewatch.retentiondesk.RetentionDesk;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A high-value case nobody contacts escalates, and the branch lead's receiver (a real local webhook
 * named in the roles file) gets exactly one message with a masked id and a case link that opens the
 * case: real Kafka broker, real redis-server, real HTTP.
 */
class EscalationMessageITCase {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final String SECRET = "escalation-itcase-secret-0123456789abcdef";

  private static LocalStack stack;

  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    stack =
        LocalStack.builder()
            .withKafka()
            .withRedis()
            .withTopics(2, "esc-alerts", "esc-alerts-dlq", "esc-case-events", "esc-policy-events")
            .start();
  }

  @AfterAll
  static void stop() throws Exception {
    stack.close();
  }

  private Map<String, String> settings(WebhookReceiver leads) throws Exception {
    Path routes = dir.resolve("routes.yml");
    Files.writeString(
        routes,
        """
        version: 1
        receivers:
          c: {channel: console}
          leads-sh: {channel: webhook, url: "%s", rate-limit: none}
        default: {receivers: [c]}
        """
            .formatted(leads.url("/leads")));
    Path roles = dir.resolve("roles.yml");
    Files.writeString(
        roles,
        """
        branches:
          - {name: shanghai, escalation-receiver: leads-sh}
        senior-pool-branch: shanghai
        users:
          - {id: AG-17, role: agent, branch: shanghai, token-sha256: %s}
        """
            .formatted("ab".repeat(32)));
    Map<String, String> m = TestingDesk.settings(stack, "esc");
    m.put("routing.file", routes.toString());
    m.put("desk.expiry-interval-ms", "300");
    m.put("desk.roles-file", roles.toString());
    return m;
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return TestingDesk.get(url, TIMEOUT);
  }

  @Test
  void shouldTellTheBranchLeadOnceWithAMaskedIdAndAWorkingCaseLink() throws Exception {
    Alert alert = TestingAlerts.highValueCallback("PH-0000088");
    // Opened long ago (its asOf), deadline far ahead: breached by age, never expired.
    alert.deadline = (int) LocalDate.now().plusYears(1).toEpochDay();
    try (WebhookReceiver leads = WebhookReceiver.start();
        AlertsService service =
            AlertsService.start(
                AlertsServiceConfig.from(settings(leads), Map.of("DESK_LINK_SECRET", SECRET)))) {
      RetentionDesk desk = service.desk().orElseThrow();
      EmbeddedKafka.produce(
          stack.bootstrapServers(),
          "esc-alerts",
          List.<byte[][]>of(
              new byte[][] {
                alert.policyholderId.getBytes(StandardCharsets.UTF_8), AlertJson.toBytes(alert)
              }));
      String caseId = CaseIds.caseFor(alert.alertId);

      assertThat(leads.awaitRequests(1, TIMEOUT)).isTrue();
      await()
          .atMost(TIMEOUT)
          .until(() -> desk.find(caseId).map(RetentionCase::escalationLevel).orElse(0) == 1);
      // More scans and a forced one find nothing more to do: the lead is told once.
      desk.escalateDue(Instant.now());
      await()
          .atMost(TIMEOUT)
          .untilAsserted(
              () ->
                  assertThat(service.metrics().scrape())
                      .contains("lapsewatch_desk_escalation_messages_total{result=\"sent\"} 1.0")
                      .contains("lapsewatch_desk_sla_breaches_total{tier=\"HIGH_VALUE\"} 1.0")
                      .contains(
                          "lapsewatch_desk_escalations_total{level=\"1\",tier=\"HIGH_VALUE\"} 1.0"));
      assertThat(leads.requests("/leads")).hasSize(1);

      WebhookReceiver.Request message = leads.requests("/leads").get(0);
      JsonNode body = new ObjectMapper().readTree(message.body());
      assertThat(body.get("id").asText()).isEqualTo(CaseIds.escalatedEvent(caseId, 1));
      assertThat(message.header("Idempotency-Key")).hasValue(CaseIds.escalatedEvent(caseId, 1));
      assertThat(body.get("text").asText())
          .contains("L1")
          .contains(RetentionCase.mask(alert.policyholderId))
          .contains("callback");
      assertThat(message.body()).doesNotContain(alert.policyholderId);
      URI link = URI.create(body.get("caseUrl").asText());
      assertThat(link.getPath()).isEqualTo("/desk/cases/" + caseId);
      // The link opens the case on the service's own pages.
      HttpResponse<String> page =
          get(service.baseAddress() + link.getRawPath() + "?" + link.getRawQuery());
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains(RetentionCase.mask(alert.policyholderId));
    }
  }
}
