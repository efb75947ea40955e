package io.lapsewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line as a user meets it: help everywhere, and errors that name what was wrong. */
class MainTest {
  private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

  private int run(String... argv) {
    return Main.run(
        argv,
        new PrintStream(outBytes, true, StandardCharsets.UTF_8),
        new PrintStream(errBytes, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return outBytes.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return errBytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void shouldListEveryCommandInTheTopLevelHelp() {
    assertThat(run("--help")).isZero();

    assertThat(out())
        .contains(
            "demo",
            "simulate",
            "train",
            "evaluate-reference",
            "models",
            "features",
            "parity",
            "bench",
            "faults",
            "job",
            "alerts",
            "stack",
            "compare-run",
            "uplift",
            "monitor",
            "train --csv");
  }

  @Test
  void shouldAnswerBenchAndFaultsInsteadOfUnknownCommand() {
    assertThat(run("bench", "--help")).isZero();
    assertThat(run("faults", "--help")).isZero();

    assertThat(out())
        .contains("Usage: lapsewatch bench", "--latency-rate", "--scale-policyholders")
        .contains("Usage: lapsewatch faults", "--work-dir", "Default: fault-report.json");
    assertThat(err()).doesNotContain("unknown command");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "demo",
        "simulate",
        "train",
        "evaluate-reference",
        "models",
        "features",
        "parity",
        "bench",
        "faults",
        "job",
        "alerts",
        "stack",
        "compare-run",
        "uplift",
        "uplift train",
        "monitor"
      })
  void shouldPrintHelpForEveryCommand(String command) {
    assertThat(run((command + " --help").split(" "))).as(err()).isZero();

    assertThat(out()).contains("Usage: lapsewatch " + command).contains("--help");
    assertThat(err()).isEmpty();
  }

  @Test
  void shouldListEveryJobSettingWithItsDefaultInTheJobsHelp() {
    assertThat(run("job", "--help")).isZero();

    assertThat(out()).contains("Usage: lapsewatch job", "events.allowed-lateness-ms", "259200000");
  }

  @Test
  void shouldShowTheDemoDefaultsInItsHelp() {
    assertThat(run("demo", "--help")).isZero();

    assertThat(out())
        .contains("--policyholders=N", "Default: 5000")
        .contains("--days=D", "Default: 180")
        .contains("--work-dir=DIR", "Default: demo-out")
        .contains("--keep-running");
  }

  @Test
  void shouldPrintTheCsvTrainersOwnHelp() {
    assertThat(run("train", "--csv", "--help")).isZero();

    assertThat(out()).contains("usage: lapsewatch train --csv", "--calibration-share", "0.2");
  }

  @Test
  void shouldNameAnOptionLeftWithoutAValueAtTheEnd() {
    assertThat(run("demo", "--seed")).isEqualTo(2);

    assertThat(err()).contains("--seed").contains("see: bin/lapsewatch demo --help");
  }

  @Test
  void shouldNameTheOptionAndTheBadValue() {
    assertThat(run("parity", "--days", "many")).isEqualTo(2);

    assertThat(err()).contains("--days").contains("'many'");
  }

  @Test
  void shouldRejectAnUnknownOption() {
    assertThat(run("simulate", "--polycyholders", "5")).isEqualTo(2);

    assertThat(err()).contains("'--polycyholders'", "Possible solutions: --policyholders");
  }

  @Test
  void shouldRejectAnUnknownCommandAndSuggestTheNearOne() {
    assertThat(run("demoo")).isEqualTo(2);

    assertThat(err()).contains("'demoo'").contains("demo");
  }

  @Test
  void shouldTreatAMissingCommandAsAUsageError() {
    assertThat(run()).isEqualTo(2);

    assertThat(err()).contains("give a command");
  }

  @Test
  void shouldAcceptUnderscoresInWholeNumbersAsBefore() {
    // An unknown models verb fails after parsing, so the numbers were read.
    assertThat(run("stack", "--partitions", "1_0", "--kafka-port", "x")).isEqualTo(2);

    assertThat(err()).contains("--kafka-port").contains("'x'").doesNotContain("1_0");
  }

  @Test
  void shouldNameTheSectionTheBenchDoesNotKnow() {
    assertThat(run("bench", "--only", "redis,teleport")).isEqualTo(2);

    assertThat(err()).contains("--only", "'teleport'", "state,redis,micro");
  }

  @Test
  void shouldNameTheCaseTheFaultSuiteDoesNotKnow() {
    assertThat(run("faults", "--only", "meteor")).isEqualTo(2);

    assertThat(err()).contains("--only", "'meteor'", "job-crash");
  }

  @Test
  void shouldReportAUserErrorFromACommandWithoutAStackTrace() {
    assertThat(run("simulate", "--days", "3")).isEqualTo(2);

    assertThat(err()).contains("error: give exactly one of --out FILE or --topic TOPIC");
    assertThat(err()).doesNotContain("Exception");
  }

  @Test
  void shouldTellTheTrainerKindsWhenOneIsUnknown() {
    assertThat(run("train", "--events", "e.ndjson", "--out", "m", "--trainer", "svm")).isEqualTo(2);

    assertThat(err()).contains("--trainer", "'svm'", "lr, gbt, rf");
  }

  @Test
  void shouldTakeFeaturesSubcommands() {
    assertThat(run("features", "schema")).isZero();

    assertThat(out()).isNotBlank();
  }

  @Test
  void shouldRequireAPolicyholderIdToErase() {
    assertThat(run("features", "erase", "--topic", "t")).isEqualTo(2);

    assertThat(err()).contains("give exactly one policyholder id");
  }

  @Test
  void shouldRejectAnOptionEraseDoesNotKnow() {
    assertThat(run("features", "erase", "PH1", "--redis-ulr", "redis://x")).isEqualTo(2);

    assertThat(err()).contains("unknown option '--redis-ulr'");
  }
}
