package io.lapsewatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BenchCommandTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private String output() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void unknownArgumentIsNamedAndExitsWithTwo() {
    int code = BenchCommand.run(new String[] {"--fast"}, out);

    assertThat(code).isEqualTo(2);
    assertThat(output()).contains("Unknown option: '--fast'").contains("Usage: bench");
  }

  @Test
  void unknownSectionListsTheKnownOnes() {
    int code = BenchCommand.run(new String[] {"--only", "redis,teleport"}, out);

    assertThat(code).isEqualTo(2);
    assertThat(output())
        .contains("unknown section 'teleport'")
        .contains("state,redis,micro,pipeline,latency,scale");
  }

  @Test
  void optionWithoutValueSaysSo() {
    int code = BenchCommand.run(new String[] {"--results"}, out);

    assertThat(code).isEqualTo(2);
    assertThat(output()).contains("Missing required parameter for option '--results'");
  }

  @Test
  void scaleSizeMustBeAPositiveWholeNumber() {
    int code = BenchCommand.run(new String[] {"--scale-policyholders", "lots"}, out);

    assertThat(code).isEqualTo(2);
    assertThat(output())
        .contains("'--scale-policyholders'")
        .contains("must be a whole number >= 1, was 'lots'");
  }

  @Test
  void latencyRateBelowOneIsRefused() {
    int code = BenchCommand.run(new String[] {"--latency-rate", "0"}, out);

    assertThat(code).isEqualTo(2);
    assertThat(output()).contains("'--latency-rate'").contains("was '0'");
  }

  @Test
  void helpPrintsUsageAndSucceeds() {
    assertThat(BenchCommand.run(new String[] {"--help"}, out)).isZero();
    assertThat(output())
        .startsWith("Usage: bench")
        .contains("--quick", "Default: bench-results.json", "Default: docs/performance.md");
  }
}
