package io.lapsewatch.alerts.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.alertcontract.Arm;
import io.lapsewatch.alertcontract.Outcome;
import io.lapsewatch.alertcontract.OutcomeJson;
import io.lapsewatch.alertcontract.OutcomeKind;
import io.lapsewatch.alertcontract.TestingOutcomes;
import io.lapsewatch.alertcontract.Tier;
import io.lapsewatch.embedded.EmbeddedKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A simulated history from 2025, written as the scoring job writes it (Kafka timestamps = event
 * time), read by a service whose wall clock says 2026: the recovery rate reads as it would live.
 */
class OutcomeHistoryITCase {
  private static final Instant IN_2025 = Instant.parse("2025-05-31T00:00:00Z");

  @TempDir Path dir;

  private static Outcome outcome(String id, Arm arm, OutcomeKind kind, int daysBefore) {
    Outcome o =
        TestingOutcomes.at(
            id, Tier.STANDARD, arm, kind, IN_2025.minus(Duration.ofDays(daysBefore)));
    o.annualPremium = 1_000;
    return o;
  }

  @Test
  void shouldReadOutcomesStampedWithLastYearsEventTimeIntoTheRecoveryRate() throws Exception {
    assertThat(Instant.now()).isAfter(IN_2025.plus(Duration.ofDays(90)));
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      kafka.createTopics(2, "history-alerts", "history-alerts-dlq", "history-outcomes");
      Outcome[] history = {
        outcome("PH-1", Arm.TREATED, OutcomeKind.RECOVERED, 1),
        outcome("PH-2", Arm.TREATED, OutcomeKind.RECOVERED, 5),
        outcome("PH-3", Arm.TREATED, OutcomeKind.RECOVERED, 9),
        outcome("PH-4", Arm.TREATED, OutcomeKind.LAPSED, 12),
        outcome("PH-5", Arm.HOLDOUT, OutcomeKind.RECOVERED, 3),
        outcome("PH-6", Arm.HOLDOUT, OutcomeKind.LAPSED, 4),
        // Resolved 60 days before the newest: outside the 30-day window in event time.
        outcome("PH-7", Arm.TREATED, OutcomeKind.LAPSED, 60)
      };
      Properties p = new Properties();
      p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
      p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
      p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
      try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
        for (Outcome o : history) {
          producer
              .send(
                  new ProducerRecord<>(
                      "history-outcomes",
                      null,
                      o.resolvedAt,
                      o.alertId.getBytes(StandardCharsets.UTF_8),
                      OutcomeJson.toBytes(o)))
              .get();
        }
      }
      Path routes = dir.resolve("routes.yml");
      Files.writeString(
          routes, "version: 1\nreceivers: {c: {channel: console}}\ndefault: {receivers: [c]}\n");
      Map<String, String> s = new HashMap<>();
      s.put("kafka.bootstrap-servers", kafka.bootstrapServers());
      s.put("alerts.topic", "history-alerts");
      s.put("alerts.dead-letter-topic", "history-alerts-dlq");
      s.put("console.enabled", "false");
      s.put("metrics.port", "0");
      s.put("routing.file", routes.toString());
      s.put("outcomes.enabled", "true");
      s.put("outcomes.topic", "history-outcomes");

      try (AlertsService service = AlertsService.start(AlertsServiceConfig.from(s))) {
        Awaitility.await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> service.outcomesRead() == history.length);

        String metrics =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(URI.create(service.metricsAddress())).build(),
                    HttpResponse.BodyHandlers.ofString())
                .body();
        assertThat(metrics)
            .contains("lapsewatch_recovery_rate{arm=\"TREATED\",tier=\"ALL\"} 0.75")
            .contains("lapsewatch_recovery_rate{arm=\"HOLDOUT\",tier=\"ALL\"} 0.5")
            .contains("lapsewatch_recovery_uplift{tier=\"ALL\"} 0.25")
            .contains("lapsewatch_recovered_annual_premium{arm=\"TREATED\",tier=\"ALL\"} 3000.0")
            .doesNotContain("PH-");
      }
    }
  }
}
