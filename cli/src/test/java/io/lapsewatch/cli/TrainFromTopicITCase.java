package io.lapsewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.embedded.EmbeddedKafka;
import io.lapsewatch.featurestore.events.EventCodec;
import io.lapsewatch.featurestore.events.PolicyEvent;
import io.lapsewatch.featurestore.simulator.SimulationConfig;
import io.lapsewatch.featurestore.simulator.Simulator;
import io.lapsewatch.modeltraining.TrainingSetBuilder;
import io.lapsewatch.modeltraining.model.ModelRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training on the history kept in a real Kafka topic gives the same examples as the file. */
class TrainFromTopicITCase {
  @TempDir Path dir;

  @Test
  void readsTheTopicInEventTimeOrderAndTrainsOnTheRange() throws Exception {
    List<PolicyEvent> events = new ArrayList<>();
    new Simulator(SimulationConfig.of(800, 365, 3)).run(events::add);
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      kafka.createTopics(3, "history");
      try (KafkaProducer<byte[], byte[]> p = SimulateCommand.producer(kafka.bootstrapServers())) {
        for (PolicyEvent e : events) {
          p.send(
              new ProducerRecord<>(
                  "history",
                  e.policyholderId.getBytes(StandardCharsets.UTF_8),
                  EventCodec.toBytes(e)));
        }
        p.send(new ProducerRecord<>("history", "not an event".getBytes(StandardCharsets.UTF_8)));
      }

      TopicHistory.Read read =
          TopicHistory.read(kafka.bootstrapServers(), "history", Long.MIN_VALUE, Long.MAX_VALUE);
      assertThat(read.events()).hasSize(events.size());
      assertThat(read.invalid()).isEqualTo(1);
      TrainingSetBuilder fromTopic = new TrainingSetBuilder(60, 30);
      read.events().forEach(fromTopic::accept);
      TrainingSetBuilder fromSimulator = new TrainingSetBuilder(60, 30);
      events.forEach(fromSimulator::accept);
      assertThat(fromTopic.examples()).hasSameSizeAs(fromSimulator.examples());

      ByteArrayOutputStream log = new ByteArrayOutputStream();
      String[] argv = {
        "train",
        "--topic",
        "history",
        "--bootstrap-servers",
        kafka.bootstrapServers(),
        "--from",
        "2025-01-01",
        "--to",
        "2025-12-01",
        "--out",
        dir.toString(),
        "--publish"
      };
      int code = Main.run(argv, new PrintStream(log), new PrintStream(log));

      assertThat(code).isZero();
      assertThat(new ModelRegistry(dir).current()).isPresent();
      assertThat(log.toString(StandardCharsets.UTF_8))
          .contains("outside it")
          .contains("1 breaking");
    }
  }
}
