package io.lapsewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lapsewatch.modeltraining.model.ChurnModel;
import io.lapsewatch.modeltraining.model.ModelMetadata;
import io.lapsewatch.modeltraining.monitoring.MonitoredTerm;
import io.lapsewatch.modeltraining.monitoring.MonitoredTermJson;
import io.lapsewatch.modeltraining.monitoring.ReferenceProfile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code monitor} end to end on a file: terms scored 30 days before renewal for 120 days, the
 * tenure feature shifting upwards from day 60 (a price rise reaching long-standing policyholders,
 * say); the report must show the drift from then on and only in that feature.
 */
class MonitorCommandTest {
  static final String VERSION = "m20260101-000000-abc123";
  static final List<String> FEATURES = List.of("tenure_years", "sessions_30d", "missed_payments");
  static final int DAY0 = (int) LocalDate.of(2026, 1, 1).toEpochDay();
  static final int SHIFT_DAY = DAY0 + 60;
  static final long DAY_MS = 86_400_000L;

  @TempDir static Path dir;
  static Path registry;
  static Path monitoring;

  @BeforeAll
  static void fixtures() throws Exception {
    write(dir);
  }

  /** Writes the registry (one published model with its profile) and the monitoring file. */
  static void write(Path dir) throws Exception {
    Random random = new Random(17);
    List<double[]> rows = new ArrayList<>();
    double[] scores = new double[2000];
    boolean[] lapsed = new boolean[2000];
    for (int i = 0; i < scores.length; i++) {
      double[] x = features(random, 0);
      rows.add(x);
      scores[i] = score(x);
      lapsed[i] = random.nextDouble() < scores[i];
    }
    ReferenceProfile profile = ReferenceProfile.build(30, FEATURES, rows, scores, lapsed, 10);
    registry = dir.resolve("models");
    Path model = registry.resolve(VERSION);
    Files.createDirectories(model);
    new ModelMetadata(
            VERSION,
            "2026-01-01T00:00:00Z",
            "v1",
            "hash",
            FEATURES,
            "test",
            Map.of(),
            "data",
            6000,
            2000,
            Map.of("auc_roc", profile.auc()),
            0.5,
            "",
            new double[3],
            new double[3],
            "",
            new double[3],
            null,
            profile)
        .write(model.resolve(ChurnModel.METADATA_FILE));
    Files.writeString(registry.resolve("CURRENT"), VERSION);

    List<String> lines = new ArrayList<>();
    for (int day = DAY0; day < DAY0 + 120; day++) {
      for (int k = 0; k < 40; k++) {
        double[] x = features(random, day >= SHIFT_DAY ? 1.5 : 0);
        String id = day + "-" + k;
        MonitoredTerm t =
            MonitoredTerm.scored(
                "ph-" + id, "pol-" + id, day + 30, day * DAY_MS + 7_200_000L, VERSION, score(x), x);
        lines.add(MonitoredTermJson.write(t));
        if (day + 30 < DAY0 + 120) {
          boolean lapse = random.nextDouble() < t.score;
          // The programme contacts the high scores but a holdout (every fifth) and saves them all:
          // left in, they would make the model look like it over-predicts.
          boolean contacted = t.score > 0.7 && k % 5 != 0;
          MonitoredTerm done =
              t.ended(lapse && !contacted ? MonitoredTerm.LAPSED : MonitoredTerm.RENEWED, day + 30);
          done.contacted = contacted;
          lines.add(MonitoredTermJson.write(done));
        }
      }
    }
    monitoring = dir.resolve("monitoring.ndjson");
    Files.write(monitoring, lines);
  }

  static double[] features(Random random, double tenureShift) {
    return new double[] {
      random.nextGaussian() + tenureShift, random.nextDouble() * 20, random.nextInt(3)
    };
  }

  static double score(double[] x) {
    return 1 / (1 + Math.exp(-(x[0] - 1 + 0.5 * x[2])));
  }

  @Test
  void reportShowsTheDriftFromTheShiftOnInChartsAndDailySeries() throws Exception {
    Path out = dir.resolve("report");
    Result r = monitorRecorded("--window-days", "14", "--out", out.toString());
    assertThat(r.code).as(r.err).isZero();
    assertThat(r.out).contains(VERSION).contains("report.html");

    String html = Files.readString(out.resolve("report.html"));
    for (String chart :
        List.of(
            "chart-score-psi",
            "chart-feature-psi",
            "chart-score-distribution",
            "chart-auc",
            "chart-lapse-rate",
            "chart-calibration")) {
      assertThat(html).contains("id=\"" + chart + "\"");
    }
    Matcher png =
        Pattern.compile("id=\"chart-feature-psi\"[^>]*src=\"data:image/png;base64,([^\"]+)\"")
            .matcher(html);
    assertThat(png.find()).isTrue();
    BufferedImage image =
        ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(png.group(1))));
    assertThat(image).isNotNull();
    assertThat(image.getWidth()).isPositive();

    JsonNode json = new ObjectMapper().readTree(out.resolve("monitoring.json").toFile());
    JsonNode days = json.get("days");
    assertThat(days).hasSize(120);
    JsonNode before = day(days, SHIFT_DAY - 1);
    JsonNode after = day(days, SHIFT_DAY + 20);
    assertThat(before.get("featurePsi").get("tenure_years").asDouble()).isLessThan(0.1);
    assertThat(after.get("featurePsi").get("tenure_years").asDouble()).isGreaterThan(0.5);
    assertThat(after.get("featurePsi").get("sessions_30d").asDouble()).isLessThan(0.1);
    assertThat(after.get("scorePsi").asDouble()).isGreaterThan(0.2);
    // Before any term has ended there is nothing realized; later there is.
    assertThat(day(days, DAY0 + 5).get("realizedAuc").isNull()).isTrue();
    assertThat(day(days, DAY0 + 100).get("realizedAuc").asDouble()).isBetween(0.5, 1.0);
    // Saved contacted terms are left out: realized matches what the model expected of the rest.
    JsonNode ended = day(days, DAY0 + 100);
    assertThat(ended.get("endedContacted").asInt())
        .isPositive()
        .isLessThan(ended.get("endedTerms").asInt());
    assertThat(ended.get("realizedLapseRate").asDouble())
        .isCloseTo(ended.get("endedExpectedLapseRate").asDouble(), within(0.06));
    assertThat(html).contains("ended terms left out: contacted");
  }

  @Test
  void periodAndModelCanBeChosen() throws Exception {
    Path out = dir.resolve("period");
    Result r =
        monitorRecorded(
            "--model",
            VERSION,
            "--from",
            "2026-02-01",
            "--to",
            "2026-02-10",
            "--out",
            out.toString());
    assertThat(r.code).as(r.err).isZero();
    JsonNode days =
        new ObjectMapper().readTree(out.resolve("monitoring.json").toFile()).get("days");
    assertThat(days).hasSize(10);
    assertThat(days.get(0).get("date").asText()).isEqualTo("2026-02-01");
  }

  @Test
  void badInputIsNamed() throws Exception {
    Path bad = dir.resolve("bad.ndjson");
    Files.writeString(bad, Files.readAllLines(monitoring).get(0) + "\n{\"policyId\":1}\n");
    Result r =
        run("monitor", "--monitoring-file", bad.toString(), "--registry", registry.toString());
    assertThat(r.code).isEqualTo(2);
    assertThat(r.err).contains("line 2");

    r = monitorRecorded("--model", "m-unknown");
    assertThat(r.code).isEqualTo(2);
    assertThat(r.err).contains("no model 'm-unknown'");

    r = run("monitor", "--registry", registry.toString());
    assertThat(r.code).isEqualTo(2);
    assertThat(r.err).contains("--monitoring-file");
  }

  private static JsonNode day(JsonNode days, int epochDay) {
    String date = LocalDate.ofEpochDay(epochDay).toString();
    for (JsonNode d : days) {
      if (d.get("date").asText().equals(date)) {
        return d;
      }
    }
    throw new AssertionError("no day " + date + " in monitoring.json");
  }

  record Result(int code, String out, String err) {}

  /** {@code monitor} over the recorded terms and the test registry, with {@code more} options. */
  private static Result monitorRecorded(String... more) {
    List<String> argv =
        new java.util.ArrayList<>(
            List.of(
                "monitor",
                "--monitoring-file",
                monitoring.toString(),
                "--registry",
                registry.toString()));
    argv.addAll(List.of(more));
    return run(argv.toArray(String[]::new));
  }

  private static Result run(String... argv) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            argv,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
