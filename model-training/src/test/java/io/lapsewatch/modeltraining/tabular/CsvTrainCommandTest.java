package io.lapsewatch.modeltraining.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lapsewatch.modeltraining.Evaluation;
import io.lapsewatch.modeltraining.report.HtmlReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvTrainCommandTest {
  @TempDir static Path data;
  static Path train;
  static Path test;

  @BeforeAll
  static void writeData() throws IOException {
    train = SyntheticCsv.write(data.resolve("policies-train.csv"), 1_400, 1, false);
    test = SyntheticCsv.write(data.resolve("policies-test.csv"), 500, 2, true);
  }

  private record Run(int exit, String log) {}

  private static Run run(String... args) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int exit = CsvTrainCommand.run(args, new PrintStream(buf, true, StandardCharsets.UTF_8));
    return new Run(exit, buf.toString(StandardCharsets.UTF_8));
  }

  private static String[] args(Path out, String trainer, String... extra) {
    String[] base = {
      "train",
      "--csv",
      train.toString(),
      "--test",
      test.toString(),
      "--label",
      "lapse",
      "--positive",
      "1",
      "--sep",
      ";",
      "--drop",
      "policy_id",
      "--trainer",
      trainer,
      "--out",
      out.toString()
    };
    String[] all = new String[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return all;
  }

  @ParameterizedTest
  @ValueSource(strings = {"lr", "gbt", "rf"})
  void writesModelMetadataMetricsAndReport(String trainer, @TempDir Path out) throws Exception {
    Run r = run(args(out, trainer, "--no-tune"));

    assertThat(r.exit()).as(r.log()).isEqualTo(CsvTrainCommand.OK);
    assertThat(out.resolve("model.tribuo")).isRegularFile();
    assertThat(out.resolve("tabular-metadata.json")).isRegularFile();
    JsonNode metrics = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
    assertThat(metrics.get("trainer").asText()).isEqualTo(trainer);
    assertThat(metrics.get("auc_roc").asDouble()).isGreaterThan(0.65);
    String html = Files.readString(out.resolve("report.html"));
    assertThat(html).contains(HtmlReport.CHART_IDS.toArray(new String[0]));
  }

  @Test
  void reloadedModelReproducesTheReportedTestAuc(@TempDir Path out) throws Exception {
    Run r = run(args(out, "lr", "--no-tune"));
    assertThat(r.exit()).as(r.log()).isZero();

    TabularModel m = TabularModel.load(out);
    CsvTable t = CsvReader.read(test, ';');
    double[] scores = m.score(t);
    boolean[] lapsed = m.metadata().encoder().encode(t).positive();

    JsonNode metrics = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
    assertThat(Evaluation.aucRoc(scores, lapsed))
        .isCloseTo(metrics.get("auc_roc").asDouble(), within(1e-12));
    assertThat(m.metadata().trainSha256()).hasSize(64);
  }

  @Test
  void printsProgressAndASummary(@TempDir Path out) throws IOException {
    Run r = run(args(out, "lr", "--no-tune"));

    assertThat(r.log())
        .contains("read 1,400 rows x 6 columns", "read 500 rows x 6 columns")
        .contains("epoch 30/30")
        .contains("test (500 rows): AUC")
        .contains("wrote " + out);
    // The test file has a channel the train file never had; the report says so.
    assertThat(Files.readString(out.resolve("report.html")))
        .contains("rare or unseen in the fit rows");
  }

  @Test
  void tuningCrossValidatesOnTrainAndRecordsTheGrid(@TempDir Path out) throws Exception {
    Run r = run(args(out, "lr", "--folds", "2"));

    assertThat(r.exit()).as(r.log()).isZero();
    assertThat(r.log()).contains("cv  9  AUC", "chosen by 2-fold CV on train");
    JsonNode metrics = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
    assertThat(metrics.get("cross_validation")).hasSize(9);
    assertThat(metrics.get("selection").asText()).contains("2-fold cross-validation");
  }

  @Test
  void missingFlagIsAUsageErrorNamingIt(@TempDir Path out) {
    Run r = run("--csv", train.toString(), "--test", test.toString(), "--out", out.toString());

    assertThat(r.exit()).isEqualTo(CsvTrainCommand.USAGE);
    assertThat(r.log()).contains("missing --label COLUMN", "usage: lapsewatch train --csv");
  }

  @Test
  void wrongSeparatorFailsWithAHint(@TempDir Path out) {
    String[] a = args(out, "lr", "--no-tune");
    a[10] = ",";

    Run r = run(a);

    assertThat(r.exit()).isEqualTo(CsvTrainCommand.FAILED);
    assertThat(r.log()).contains("error:").contains("no column 'lapse'");
  }

  @Test
  void separatorFlagAcceptsTab() {
    assertThat(CsvTrainCommand.separator("tab")).isEqualTo('\t');
    assertThat(CsvTrainCommand.separator(";")).isEqualTo(';');
  }
}
