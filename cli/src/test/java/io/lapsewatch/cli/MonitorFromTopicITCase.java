package io.lapsewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lapsewatch.embedded.EmbeddedKafka;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code monitor} reads the whole monitoring topic from a real Kafka broker. */
class MonitorFromTopicITCase {
  @TempDir Path dir;

  @Test
  void reportsFromTheTopicAndCountsRecordsBreakingTheContract() throws Exception {
    MonitorCommandTest.write(dir);
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      kafka.createTopics(2, "lapsewatch.model-monitoring");
      long lines = 0;
      try (KafkaProducer<byte[], byte[]> p = SimulateCommand.producer(kafka.bootstrapServers())) {
        for (String line : Files.readAllLines(MonitorCommandTest.monitoring)) {
          p.send(
              new ProducerRecord<>(
                  "lapsewatch.model-monitoring", line.getBytes(StandardCharsets.UTF_8)));
          lines++;
        }
        p.send(
            new ProducerRecord<>(
                "lapsewatch.model-monitoring", "not a term".getBytes(StandardCharsets.UTF_8)));
      }
      ByteArrayOutputStream log = new ByteArrayOutputStream();
      Path out = dir.resolve("report");
      int code =
          Main.run(
              new String[] {
                "monitor",
                "--bootstrap-servers",
                kafka.bootstrapServers(),
                "--registry",
                MonitorCommandTest.registry.toString(),
                "--window-days",
                "14",
                "--out",
                out.toString()
              },
              new PrintStream(log),
              new PrintStream(log));

      String text = log.toString(StandardCharsets.UTF_8);
      assertThat(code).as(text).isZero();
      assertThat(text)
          .contains(
              String.format(
                  java.util.Locale.ROOT,
                  "%,d monitored terms from topic lapsewatch.model-monitoring, 1 records",
                  lines));
      JsonNode days =
          new ObjectMapper().readTree(out.resolve("monitoring.json").toFile()).get("days");
      assertThat(days).hasSize(120);
      assertThat(days.get(100).get("featurePsi").get("tenure_years").asDouble()).isGreaterThan(0.5);
      assertThat(Files.readString(out.resolve("report.html"))).contains("id=\"chart-auc\"");
    }
  }
}
