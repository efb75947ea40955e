package io.lapsewatch.cli;

import io.lapsewatch.featurestore.events.InvalidRecordException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads contract records (alerts, outcomes) from an NDJSON file or a whole Kafka topic. A file line
 * that breaks the contract fails with its line number (training input must be clean); a topic
 * record that does is counted, as {@link TopicHistory} does for events.
 */
final class RecordSource {
  /** Parses one record's bytes. */
  interface Parser<T> {
    T read(byte[] bytes) throws InvalidRecordException;
  }

  /** What was read: the records and how many broke the contract (topics only). */
  record Read<T>(List<T> records, long invalid) {}

  private RecordSource() {}

  static <T> Read<T> file(Path file, String option, Parser<T> parser) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(option + ": no such file '" + file + "'");
    }
    List<T> out = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      long n = 0;
      while ((line = in.readLine()) != null) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        try {
          out.add(parser.read(line.getBytes(StandardCharsets.UTF_8)));
        } catch (InvalidRecordException e) {
          throw new IllegalArgumentException(
              option + " " + file + " line " + n + ": " + e.getMessage(), e);
        }
      }
    }
    return new Read<>(out, 0);
  }

  /** Every record of {@code topic} from its start to its end offsets at the time of reading. */
  static <T> Read<T> topic(String bootstrap, String topic, String option, Parser<T> parser) {
    List<T> out = new ArrayList<>();
    long[] invalid = {0};
    WholeTopic.forEach(
        bootstrap,
        topic,
        option,
        r -> {
          if (r.value() == null) {
            return;
          }
          try {
            out.add(parser.read(r.value()));
          } catch (InvalidRecordException e) {
            invalid[0]++;
          }
        });
    return new Read<>(out, invalid[0]);
  }
}
