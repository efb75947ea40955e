package io.lapsewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code simulate --effects} and {@code --truth-file}: the world and its ground truth. */
class SimulateCommandTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

  private int run(String... argv) {
    return Main.run(
        argv,
        new PrintStream(outBytes, true, StandardCharsets.UTF_8),
        new PrintStream(errBytes, true, StandardCharsets.UTF_8));
  }

  @Test
  void shouldWriteTheSameEventsByDefaultAndInTheHomogeneousWorld() throws Exception {
    Path plain = dir.resolve("plain.ndjson");
    Path homogeneous = dir.resolve("homogeneous.ndjson");

    assertThat(run("simulate", "--policyholders", "60", "--days", "90", "--out", plain.toString()))
        .isZero();
    assertThat(
            run(
                "simulate",
                "--policyholders",
                "60",
                "--days",
                "90",
                "--effects",
                "HOMOGENEOUS",
                "--out",
                homogeneous.toString()))
        .isZero();

    assertThat(Files.readAllBytes(homogeneous)).isEqualTo(Files.readAllBytes(plain));
    assertThat(Files.size(plain)).isPositive();
  }

  @Test
  void shouldWriteTheGroundTruthOnlyWhenAsked() throws Exception {
    Path events = dir.resolve("events.ndjson");
    Path truth = dir.resolve("truth/truth.csv");

    assertThat(
            run(
                "simulate",
                "--policyholders",
                "200",
                "--days",
                "120",
                "--effects",
                "heterogeneous",
                "--truth-file",
                truth.toString(),
                "--out",
                events.toString()))
        .isZero();

    List<String> lines = Files.readAllLines(truth);
    assertThat(lines.get(0)).isEqualTo("policyholderId,policyId,renewalDate,action,type,effect");
    assertThat(lines.size()).isOdd().isGreaterThan(100);
    assertThat(lines.subList(1, lines.size()))
        .allMatch(
            l ->
                l.matches(
                    "PH\\d{8},PO\\d{8}-\\d,\\d{4}-\\d\\d-\\d\\d,(offer|callback),"
                        + "(PERSUADABLE|SURE_THING|LOST_CAUSE|SLEEPING_DOG),(-1|0|1)"))
        .anyMatch(l -> l.endsWith("PERSUADABLE,1"))
        .anyMatch(l -> l.endsWith("SLEEPING_DOG,-1"));
    assertThat(outBytes.toString(StandardCharsets.UTF_8)).contains("evaluation only");
    assertThat(Files.readString(events)).doesNotContain("PERSUADABLE", "SLEEPING_DOG");
  }

  @Test
  void shouldNameABadWorld() {
    assertThat(run("simulate", "--effects", "mixed", "--out", dir.resolve("x").toString()))
        .isEqualTo(2);

    assertThat(errBytes.toString(StandardCharsets.UTF_8))
        .contains("'mixed'", "homogeneous or heterogeneous");
  }

  @Test
  void shouldSilenceSessionsFromTheOutageDay() throws Exception {
    Path plain = dir.resolve("plain.ndjson");
    Path outage = dir.resolve("outage.ndjson");
    String[] book = {"simulate", "--policyholders", "80", "--days", "60"};

    assertThat(run(concat(book, "--out", plain.toString()))).isZero();
    assertThat(run(concat(book, "--drift", "app-outage@30", "--out", outage.toString()))).isZero();

    // 2025-01-31 is day 30 of a simulation starting 2025-01-01.
    List<String> plainLines = Files.readAllLines(plain);
    List<String> outageLines = Files.readAllLines(outage);
    assertThat(plainLines).anyMatch(l -> isSessionFromDay30(l));
    assertThat(outageLines).noneMatch(l -> isSessionFromDay30(l));
    assertThat(outageLines)
        .isEqualTo(plainLines.stream().filter(l -> !isSessionFromDay30(l)).toList());
    assertThat(outBytes.toString(StandardCharsets.UTF_8)).contains("drift: app-outage@30");
  }

  private static boolean isSessionFromDay30(String line) {
    return line.contains("\"DIGITAL_SESSION\"")
        && line.replaceAll(".*\"occurredAt\":\"([0-9-]{10}).*", "$1").compareTo("2025-01-31") >= 0;
  }

  private static String[] concat(String[] head, String... tail) {
    String[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
    System.arraycopy(tail, 0, all, head.length, tail.length);
    return all;
  }

  @Test
  void shouldNameABadDrift() {
    assertThat(run("simulate", "--drift", "flood@3", "--out", dir.resolve("x").toString()))
        .isEqualTo(2);

    assertThat(errBytes.toString(StandardCharsets.UTF_8))
        .contains("'flood@3'", "app-outage@DAY or price-rise@DAY[:PERCENT]");
  }

  @Test
  void shouldShowTheOptionsInHelp() {
    assertThat(run("simulate", "--help")).isZero();

    assertThat(outBytes.toString(StandardCharsets.UTF_8))
        .contains("--effects", "--truth-file", "evaluation only", "--drift", "app-outage@DAY");
  }
}
