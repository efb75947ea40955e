package io.lapsewatch.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM to a JVM running a local stack stops its redis-server too (it used to outlive {@code demo
 * --keep-running} as an orphan).
 */
class SigtermStopsChildProcessesITCase {

  @Test
  void shouldStopRedisServerWhenTheJvmGetsSigterm() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                StackChild.class.getName())
            .redirectErrorStream(true)
            .start();
    long redisPid;
    try {
      redisPid = readRedisPid(child).get(120, TimeUnit.SECONDS);
      assertThat(ProcessHandle.of(redisPid)).map(ProcessHandle::isAlive).contains(true);

      child.destroy(); // SIGTERM on Linux and macOS

      await().atMost(Duration.ofSeconds(60)).until(() -> !child.isAlive());
    } finally {
      child.destroyForcibly();
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(ProcessHandle.of(redisPid).filter(ProcessHandle::isAlive))
                    .as("redis-server pid %d after SIGTERM to its JVM", redisPid)
                    .isEmpty());
  }

  /** The pid the child prints; the rest of its output is drained so it never blocks writing. */
  private static CompletableFuture<Long> readRedisPid(Process child) {
    CompletableFuture<Long> pid = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              StringBuilder seen = new StringBuilder();
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                  if (line.startsWith(StackChild.REDIS_PID)) {
                    pid.complete(Long.parseLong(line.substring(StackChild.REDIS_PID.length())));
                  } else if (!pid.isDone()) {
                    seen.append(line).append('\n');
                  }
                }
              } catch (Exception e) {
                pid.completeExceptionally(e);
              }
              pid.completeExceptionally(
                  new IllegalStateException(
                      "child exited without a redis pid; it printed:\n" + seen));
            },
            "stack-child-output");
    reader.setDaemon(true);
    reader.start();
    return pid;
  }
}
