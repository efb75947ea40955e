package io.lapsewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lapsewatch.modeltraining.uplift.UpliftModelStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code uplift train} end to end on files ({@link UpliftRecordsFixture}). */
class UpliftCommandTest {
  @TempDir static Path dir;
  private static UpliftRecordsFixture files;
  private static Path events;
  private static Path alerts;
  private static Path outcomes;
  private static Path truth;

  @BeforeAll
  static void record() throws Exception {
    files = UpliftRecordsFixture.write(dir);
    events = files.events();
    alerts = files.alerts();
    outcomes = files.outcomes();
    truth = files.truth();
  }

  private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

  private int run(String... argv) {
    return Main.run(
        argv,
        new PrintStream(outBytes, true, StandardCharsets.UTF_8),
        new PrintStream(errBytes, true, StandardCharsets.UTF_8));
  }

  @Test
  void trainsBothActionsSavesTheModelsAndWritesTheReport() throws Exception {
    Path registry = dir.resolve("registry");
    Path report = dir.resolve("report");
    int code =
        run(
            "uplift", "train",
            "--events", events.toString(),
            "--alerts", alerts.toString(),
            "--outcomes", outcomes.toString(),
            "--registry", registry.toString(),
            "--out", report.toString(),
            "--folds", "2",
            "--seed", "5",
            "--truth-file", truth.toString());

    String out = outBytes.toString(StandardCharsets.UTF_8);
    assertThat(code).as(out + errBytes).isZero();
    assertThat(out)
        .contains("journey follow-ups", "expired unknown", "offer:", "callback:")
        .contains("CV Qini coefficient (mean ± sd)", "chosen:", "held out: Qini coefficient")
        .contains("incremental saves / 1,000", "correlation with the true effect: 0.", "saved to");
    UpliftModelStore store = new UpliftModelStore(registry);
    for (String action : List.of("offer", "callback")) {
      List<String> versions = store.versions(action);
      assertThat(versions).as(action).hasSize(1);
      assertThat(
              UpliftModelStore.load(store.actionDir(action).resolve(versions.get(0)))
                  .provenance()
                  .action())
          .isEqualTo(action);
    }
    JsonNode m = new ObjectMapper().readTree(report.resolve("metrics.json").toFile());
    assertThat(m.path("data").path("follow_ups_ignored").asLong()).isPositive();
    assertThat(m.path("data").path("expired_unknown").asLong()).isPositive();
    assertThat(m.path("actions").path("offer").path("heldout").path("true_effect_rows").asInt())
        .isPositive();
    assertThat(Files.readString(report.resolve("report.html")))
        .contains("<svg id=\"qini-offer\"", "<svg id=\"qini-callback\"");
  }

  @Test
  void withoutASubcommandItSaysWhichOneToGive() {
    assertThat(run("uplift")).isEqualTo(2);
    assertThat(errBytes.toString(StandardCharsets.UTF_8)).contains("give a subcommand: train");
  }

  @Test
  void refusesMissingInputsAndUnknownCandidateSetsNamingThem() {
    assertThat(
            run(
                "uplift", "train",
                "--events", events.toString(),
                "--outcomes", outcomes.toString(),
                "--registry", dir.resolve("r2").toString(),
                "--out", dir.resolve("o2").toString()))
        .isEqualTo(2);
    assertThat(
            run(
                "uplift", "train",
                "--events", events.toString(),
                "--alerts", alerts.toString(),
                "--outcomes", outcomes.toString(),
                "--registry", dir.resolve("r2").toString(),
                "--out", dir.resolve("o2").toString(),
                "--candidates", "fast"))
        .isEqualTo(2);
    assertThat(errBytes.toString(StandardCharsets.UTF_8))
        .contains("--alerts and --alerts-topic")
        .contains("--candidates 'fast'");
  }
}
