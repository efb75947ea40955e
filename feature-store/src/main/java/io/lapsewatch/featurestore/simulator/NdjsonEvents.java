package io.lapsewatch.featurestore.simulator;

import io.lapsewatch.featurestore.events.EventCodec;
import io.lapsewatch.featurestore.events.InvalidEventException;
import io.lapsewatch.featurestore.events.PolicyEvent;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Reads and writes event histories as NDJSON, one contract-v1 event per line. */
public final class NdjsonEvents {
  private NdjsonEvents() {}

  /** A sink writing one JSON line per event; close it to flush. */
  public static final class Writer implements Consumer<PolicyEvent>, AutoCloseable {
    private final BufferedWriter out;

    public Writer(Path file) throws IOException {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    @Override
    public void accept(PolicyEvent e) {
      try {
        out.write(EventCodec.toJson(e));
        out.write('\n');
      } catch (IOException ex) {
        throw new UncheckedIOException(ex);
      }
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }

  /**
   * Streams the events of a file to {@code sink}. A line that breaks the contract fails with its
   * line number: training data must be clean.
   */
  public static long read(Path file, Consumer<PolicyEvent> sink) throws IOException {
    long n = 0;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        try {
          sink.accept(EventCodec.parse(line.getBytes(StandardCharsets.UTF_8)));
        } catch (InvalidEventException e) {
          throw new IOException(file + " line " + n + ": " + e.getMessage(), e);
        }
      }
    }
    return n;
  }
}
