package io.lapsewatch.alerts.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.AlertJson;
import io.lapsewatch.alertcontract.TestingAlerts;
import io.lapsewatch.embedded.EmbeddedKafka;
import io.lapsewatch.embedded.LocalStack;
import io.lapsewatch.embedded.WebhookReceiver;
import io.lapsewatch.retentiondesk.RetentionCase;
import io.lapsewatch.retentiondesk.RetentionDesk;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A journey's message to a receiver ({@code messageTo}) through the whole service, with the desk
 * and the actions writer on: real broker, real redis-server, real HTTP receivers. The message
 * reaches its receiver only; it opens no case and writes no action; one to an unknown receiver is
 * dead-lettered.
 */
class JourneyMessageITCase {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final String TAG = "jmsg";

  private static LocalStack stack;

  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    stack =
        LocalStack.builder()
            .withKafka()
            .withRedis()
            .withTopics(
                1,
                TAG + "-alerts",
                TAG + "-alerts-dlq",
                TAG + "-case-events",
                TAG + "-policy-events",
                TAG + "-actions")
            .start();
  }

  @AfterAll
  static void stop() throws Exception {
    stack.close();
  }

  private static Alert messageTo(String policyholderId, String receiver) {
    Alert a = TestingAlerts.standardOffer(policyholderId);
    a.journey = "standard-renewal";
    a.journeyVersion = 1;
    a.journeyStep = "tell-branch-lead";
    a.followUp = true;
    a.messageTo = receiver;
    return a;
  }

  private static byte[][] keyed(Alert a) {
    return new byte[][] {a.policyholderId.getBytes(StandardCharsets.UTF_8), AlertJson.toBytes(a)};
  }

  private static List<String> keys(String topic) {
    List<String> out = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r :
        EmbeddedKafka.readAll(stack.bootstrapServers(), topic)) {
      out.add(new String(r.key(), StandardCharsets.UTF_8));
    }
    return out;
  }

  @Test
  void shouldDeliverAMessageToItsReceiverOnlyWithoutCaseOrAction() throws Exception {
    try (WebhookReceiver lead = WebhookReceiver.start();
        WebhookReceiver team = WebhookReceiver.start()) {
      Path routes = dir.resolve("routes.yml");
      Files.writeString(
          routes,
          """
          version: 1
          defaults: {locale: en}
          receivers:
            branch-lead: {channel: slack, url: "%s", rate-limit: none}
            team: {channel: slack, url: "%s", rate-limit: none}
          default: {receivers: [team]}
          """
              .formatted(lead.url("/lead"), team.url("/team")));
      Map<String, String> s = TestingDesk.settings(stack, TAG);
      s.put("console.enabled", "false");
      s.put("routing.file", routes.toString());
      s.put("actions.enabled", "true");
      s.put("actions.topic", TAG + "-actions");
      AlertsServiceConfig config =
          AlertsServiceConfig.from(
              s, Map.of("DESK_LINK_SECRET", "journey-message-itcase-secret-0123456789"));
      Alert message = messageTo("PH-0000081", "branch-lead");
      Alert lost = messageTo("PH-0000082", "no-such-lead");
      Alert treated = TestingAlerts.standardOffer("PH-0000083");

      try (AlertsService service = AlertsService.start(config)) {
        RetentionDesk desk = service.desk().orElseThrow();
        // One partition, in this order: once the treated alert's case is open, the desk has read
        // the message too.
        EmbeddedKafka.produce(
            stack.bootstrapServers(),
            TAG + "-alerts",
            List.of(keyed(message), keyed(lost), keyed(treated)));
        assertThat(service.awaitHandled(3, TIMEOUT)).isTrue();
        await().atMost(TIMEOUT).until(() -> !desk.cases().allCases().isEmpty());

        assertThat(lead.requests()).singleElement();
        String sent = lead.requests().get(0).body();
        assertThat(sent).contains(message.policyId).doesNotContain("/desk/cases/");
        assertThat(sent).doesNotContain(message.policyholderId);
        assertThat(team.requests())
            .singleElement()
            .satisfies(r -> assertThat(r.body()).contains(treated.policyId));

        assertThat(desk.cases().allCases())
            .singleElement()
            .satisfies(
                id ->
                    assertThat(desk.find(id).map(RetentionCase::alertId))
                        .hasValue(treated.alertId));
        assertThat(keys(TAG + "-actions")).containsExactly(treated.alertId);

        List<ConsumerRecord<byte[], byte[]>> dead =
            EmbeddedKafka.readAll(stack.bootstrapServers(), TAG + "-alerts-dlq");
        assertThat(dead).singleElement();
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).contains(lost.alertId);
        assertThat(
                new String(
                    dead.get(0).headers().lastHeader(DeadLetterSink.REASON_HEADER).value(),
                    StandardCharsets.UTF_8))
            .isEqualTo("unknown_receiver");
        assertThat(service.metrics().scrape())
            .contains("lapsewatch_dead_letters_total{reason=\"unknown_receiver\"} 1.0")
            .contains("lapsewatch_deliveries_total{channel=\"slack\",status=\"delivered\"} 2.0")
            .contains("lapsewatch_deliveries_total{channel=\"actions\",status=\"delivered\"} 1.0");
      }
    }
  }
}
