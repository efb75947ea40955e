package io.lapsewatch.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The fault suite's command line: help with defaults, and errors naming option and value. */
class FaultSuiteCommandLineTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private String output() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void helpShowsTheDefaults() {
    assertThat(FaultSuite.run(new String[] {"--help"}, out)).isZero();

    assertThat(output())
        .contains("--quick", "Default: faults-out", "Default: fault-report.json")
        .contains("Default: docs/fault-suite.md");
  }

  @Test
  void unknownCaseListsTheKnownOnes() {
    assertThat(FaultSuite.run(new String[] {"--only", "job-crash-restore,meteor"}, out))
        .isEqualTo(2);

    assertThat(output()).contains("'--only'", "unknown case 'meteor'", "job-crash-restore");
  }

  @Test
  void trailingOptionWithoutValueIsNamed() {
    assertThat(FaultSuite.run(new String[] {"--quick", "--report"}, out)).isEqualTo(2);

    assertThat(output()).contains("Missing required parameter for option '--report'");
  }

  @Test
  void unknownOptionIsNamed() {
    assertThat(FaultSuite.run(new String[] {"--fast"}, out)).isEqualTo(2);

    assertThat(output()).contains("Unknown option: '--fast'");
  }
}
