package io.lapsewatch.flinkjobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The job's entry point refuses a malformed command line with one line and exit code 2. */
class ScoringJobCommandLineTest {
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) throws Exception {
    return ScoringJob.run(args, new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String printed() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void shouldRefuseATrailingFlagWithoutAValue() throws Exception {
    assertThat(run("--kafka.bootstrap-servers", "b:9092", "--redis.url")).isEqualTo(2);
    assertThat(printed().strip())
        .isEqualTo("error: '--redis.url' needs a value (arguments are --key value pairs)");
  }

  @Test
  void shouldRefuseAnUnknownSettingByName() throws Exception {
    assertThat(run("--job.paralelism", "4")).isEqualTo(2);
    assertThat(printed().strip().lines()).hasSize(1);
    assertThat(printed()).startsWith("error: unknown setting 'job.paralelism'");
  }

  @Test
  void shouldListEverySettingOnHelp() throws Exception {
    assertThat(run("--help")).isZero();
    assertThat(printed())
        .contains("usage: ScoringJob --key value")
        .contains("--job.parallelism <Integer> (default 2)")
        .contains("--kafka.properties.<name> <value>");
  }
}
