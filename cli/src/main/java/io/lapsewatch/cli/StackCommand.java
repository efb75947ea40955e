package io.lapsewatch.cli;

import io.lapsewatch.embedded.EmbeddedRedis;
import io.lapsewatch.embedded.LocalStack;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code stack [--kafka-port P] [--redis-port P] [--reference-redis-port P] [--topics a,b]
 * [--partitions N] [--info-file F]}: the embedded KRaft broker and a real redis-server on loopback,
 * for processes started separately (a Flink session cluster, scripts); runs until killed.
 */
final class StackCommand {
  /** The topics the scoring job and the alerts service use by default. */
  static final List<String> DEFAULT_TOPICS =
      List.of(
          "policy-events",
          "policy-events-dlq",
          "retention-alerts",
          "retention-outcomes",
          "retention-alerts-dlq",
          "retention-shadow-scores",
          "retention-actions",
          "retention-case-events",
          "lapsewatch.model-monitoring");

  private StackCommand() {}

  /** A running stack; closing it stops the servers and removes the info file. */
  static final class Stack implements AutoCloseable {
    private final Deque<AutoCloseable> parts = new ArrayDeque<>();
    private final Path infoFile;
    private String bootstrapServers;
    private String redisUrl;
    private String referenceRedisUrl;

    private Stack(Path infoFile) {
      this.infoFile = infoFile;
    }

    String bootstrapServers() {
      return bootstrapServers;
    }

    String redisUrl() {
      return redisUrl;
    }

    /** A second, separate redis-server for a reference run, or null. */
    String referenceRedisUrl() {
      return referenceRedisUrl;
    }

    /** The addresses as {@code KEY=value} lines a shell can {@code source}. */
    String info() {
      StringBuilder b = new StringBuilder();
      b.append("KAFKA_BOOTSTRAP_SERVERS=").append(bootstrapServers).append('\n');
      b.append("REDIS_URL=").append(redisUrl).append('\n');
      if (referenceRedisUrl != null) {
        b.append("REFERENCE_REDIS_URL=").append(referenceRedisUrl).append('\n');
      }
      return b.toString();
    }

    @Override
    public void close() {
      if (infoFile != null) {
        try {
          Files.deleteIfExists(infoFile);
        } catch (IOException e) {
          // Stopping the servers matters more than a stale file; the next start overwrites it.
        }
      }
      while (!parts.isEmpty()) {
        try {
          parts.pop().close();
        } catch (Exception e) {
          System.err.println("stack: stopping " + e);
        }
      }
    }
  }

  /** Starts the servers, creates the topics, then writes the info file (its presence = ready). */
  static Stack start(
      int kafkaPort,
      int redisPort,
      int referenceRedisPort,
      List<String> topics,
      int partitions,
      Path infoFile)
      throws Exception {
    Stack stack = new Stack(infoFile);
    try {
      LocalStack.Builder servers =
          LocalStack.builder().withKafka(kafkaPort).withRedis(redisPort, List.of());
      if (!topics.isEmpty()) {
        servers.withTopics(partitions, topics.toArray(String[]::new));
      }
      LocalStack local = servers.start();
      stack.parts.push(local);
      stack.bootstrapServers = local.bootstrapServers();
      stack.redisUrl = local.redisUrl();
      if (referenceRedisPort >= 0) {
        // A second, separate redis-server: the local stack has one.
        EmbeddedRedis reference =
            EmbeddedRedis.start(
                referenceRedisPort == 0 ? EmbeddedRedis.freePort() : referenceRedisPort, List.of());
        stack.parts.push(reference);
        stack.referenceRedisUrl = reference.url();
      }
      if (infoFile != null) {
        // Written whole and then moved, so a script polling for the file never reads half of it.
        Path parent = infoFile.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, ".stack-info", ".tmp");
        Files.writeString(tmp, stack.info(), StandardCharsets.UTF_8);
        Files.move(tmp, infoFile, StandardCopyOption.REPLACE_EXISTING);
      }
      return stack;
    } catch (Exception e) {
      stack.close();
      throw e;
    }
  }

  static int run(StackOptions a, PrintStream out) throws Exception {
    int kafkaPort = port("kafka-port", a.kafkaPort, 0);
    int redisPort = port("redis-port", a.redisPort, 0);
    int referenceRedisPort = port("reference-redis-port", a.referenceRedisPort, -1);
    String topicList = a.topics;
    int partitions = a.partitions;
    Path infoFile = a.infoFile;
    if (partitions < 1) {
      throw new IllegalArgumentException("--partitions must be at least 1, was " + partitions);
    }
    List<String> topics =
        Arrays.stream(topicList.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();

    Stack stack = start(kafkaPort, redisPort, referenceRedisPort, topics, partitions, infoFile);
    CountDownLatch stopped = new CountDownLatch(1);
    // SIGTERM/SIGINT run the hook: stop the broker (its data is a temp folder) and redis-server.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stack.close();
                  stopped.countDown();
                },
                "stack-shutdown"));
    out.print(stack.info());
    out.printf("topics (%d partitions each): %s%n", partitions, topics.isEmpty() ? "none" : topics);
    if (infoFile != null) {
      out.println("addresses written to " + infoFile);
    }
    out.println("running until stopped (Ctrl-C or kill PID)");
    out.flush();
    stopped.await();
    return 0;
  }

  private static int port(String name, int p, int lowest) {
    if (p < lowest || p > 65535) {
      throw new IllegalArgumentException(
          "option --" + name + " must be a port in 0..65535, was " + p);
    }
    return p;
  }
}
