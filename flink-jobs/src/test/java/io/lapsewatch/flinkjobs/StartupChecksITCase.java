package io.lapsewatch.flinkjobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.embedded.EmbeddedRedis;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job refuses to start on bad infrastructure settings with one line naming the setting and exit
 * code 2, against a real broker and redis-server, instead of restart-looping.
 */
class StartupChecksITCase {
  @TempDir static Path dir;
  static TestingStack stack;

  @BeforeAll
  static void start() throws Exception {
    stack = TestingStack.start(dir, List.of(), 300, 3);
  }

  @AfterAll
  static void stop() throws Exception {
    stack.close();
  }

  private static List<String> args(String... extra) {
    List<String> a = new ArrayList<>();
    a.addAll(List.of("--kafka.bootstrap-servers", stack.kafka().bootstrapServers()));
    a.addAll(List.of("--redis.url", stack.redis().url()));
    a.addAll(List.of("--model.registry", stack.registry().toString()));
    a.addAll(List.of(extra));
    return a;
  }

  /** Runs the job's entry point and returns its exit code and what it printed. */
  private static String[] start(List<String> args) throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        ScoringJob.run(
            args.toArray(String[]::new), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new String[] {Integer.toString(code), err.toString(StandardCharsets.UTF_8)};
  }

  private static void assertRefused(String[] result, String... mentions) {
    assertThat(result[0]).isEqualTo("2");
    assertThat(result[1].strip().lines()).hasSize(1);
    assertThat(result[1]).contains(mentions);
  }

  @Test
  void aMissingTopicIsNamedWithItsSetting() throws Exception {
    assertRefused(
        start(args("--alerts.topic", "no-such-alerts")), "alerts.topic", "no-such-alerts");
  }

  @Test
  void anUnreachableBrokerIsNamed() throws Exception {
    int nobody = EmbeddedRedis.freePort();
    List<String> a = args();
    a.set(1, "127.0.0.1:" + nobody);
    assertRefused(start(a), "kafka.bootstrap-servers", "127.0.0.1:" + nobody);
  }

  @Test
  void anUnreachableRedisIsNamed() throws Exception {
    int nobody = EmbeddedRedis.freePort();
    List<String> a = args();
    a.set(3, "redis://127.0.0.1:" + nobody);
    assertRefused(start(a), "redis.url", "127.0.0.1:" + nobody);
  }

  @Test
  void aRegistryWithoutAPublishedModelIsNamed() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty-registry"));
    List<String> a = args();
    a.set(5, empty.toString());
    assertRefused(start(a), "model.registry", empty.toString(), "CURRENT");
  }

  @Test
  void aMistypedSettingIsAnError() throws Exception {
    assertRefused(start(args("--paralelism", "4")), "unknown setting 'paralelism'");
    assertRefused(
        start(args("--features.milestone-dayz", "30")),
        "unknown setting 'features.milestone-dayz'");
  }
}
