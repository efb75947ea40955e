package io.lapsewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.embedded.EmbeddedKafka;
import io.lapsewatch.modeltraining.uplift.UpliftModelStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code uplift train} reads events, alerts and outcomes from real Kafka topics. */
class UpliftFromTopicsITCase {
  @TempDir Path dir;

  @Test
  void trainsFromTheThreeTopicsAndCountsRecordsBreakingTheContract() throws Exception {
    UpliftRecordsFixture files = UpliftRecordsFixture.write(dir);
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      kafka.createTopics(2, "policy-events", "retention-alerts", "retention-outcomes");
      try (KafkaProducer<byte[], byte[]> p = SimulateCommand.producer(kafka.bootstrapServers())) {
        publish(p, "policy-events", files.events());
        publish(p, "retention-alerts", files.alerts());
        publish(p, "retention-outcomes", files.outcomes());
        p.send(
            new ProducerRecord<>(
                "retention-alerts", "not an alert".getBytes(StandardCharsets.UTF_8)));
      }
      ByteArrayOutputStream log = new ByteArrayOutputStream();
      int code =
          Main.run(
              new String[] {
                "uplift", "train",
                "--events-topic", "policy-events",
                "--alerts-topic", "retention-alerts",
                "--outcomes-topic", "retention-outcomes",
                "--bootstrap-servers", kafka.bootstrapServers(),
                "--registry", dir.resolve("registry").toString(),
                "--out", dir.resolve("report").toString(),
                "--folds", "2"
              },
              new PrintStream(log),
              new PrintStream(log));

      String out = log.toString(StandardCharsets.UTF_8);
      assertThat(code).as(out).isZero();
      assertThat(out).contains("from retention-alerts, 1 breaking the contract (skipped)");
      UpliftModelStore store = new UpliftModelStore(dir.resolve("registry"));
      assertThat(store.versions("offer")).hasSize(1);
      assertThat(store.versions("callback")).hasSize(1);
      assertThat(dir.resolve("report").resolve("metrics.json")).exists();
    }
  }

  private static void publish(KafkaProducer<byte[], byte[]> p, String topic, Path file)
      throws Exception {
    for (String line : Files.readAllLines(file)) {
      p.send(new ProducerRecord<>(topic, line.getBytes(StandardCharsets.UTF_8)));
    }
  }
}
