package io.lapsewatch.modeltraining.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lapsewatch.modeltraining.trainers.LogisticRegressionParams;
import io.lapsewatch.modeltraining.uplift.AlertedTermHistory;
import io.lapsewatch.modeltraining.uplift.AlertedTermHistory.TermKey;
import io.lapsewatch.modeltraining.uplift.ClassTransformationLearner;
import io.lapsewatch.modeltraining.uplift.TwoModelLearner;
import io.lapsewatch.modeltraining.uplift.UpliftDataset;
import io.lapsewatch.modeltraining.uplift.UpliftExample;
import io.lapsewatch.modeltraining.uplift.UpliftTraining;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpliftReportTest {
  private static UpliftTraining.ActionResult result;

  @TempDir Path dir;

  @BeforeAll
  static void train() {
    // Contact helps when the first feature is high: a small world with a real effect.
    SplittableRandom rng = new SplittableRandom(9);
    List<UpliftExample> rows = new ArrayList<>();
    List<TermKey> terms = new ArrayList<>();
    for (int i = 0; i < 1_200; i++) {
      double a = rng.nextDouble();
      double b = rng.nextDouble();
      boolean treated = rng.nextBoolean();
      double p = 0.4 + (treated && a > 0.5 ? 0.3 : 0);
      rows.add(new UpliftExample(new double[] {a, b}, treated, rng.nextDouble() < p, 500 + i));
      terms.add(new TermKey("PH-" + i, "POL-" + i, 20_000));
    }
    UpliftDataset data = new UpliftDataset("offer", List.of("a", "b"), rows);
    var lr = new LogisticRegressionParams(10, 0.1, 10.0, 0, 1L);
    result =
        UpliftTraining.run(
            data,
            terms,
            List.of(new TwoModelLearner(lr), new ClassTransformationLearner(lr)),
            2,
            1,
            null);
  }

  private UpliftReport report() {
    return new UpliftReport(
        "quick",
        2,
        1,
        new AlertedTermHistory.Counts(1_300, 40, 5, 20, 1_235, 15, 10, 10, 700, 500),
        List.of(result),
        Map.of("offer", "reg/uplift/offer/u1"),
        Map.of("callback", "3 treated and 2 holdout rows"));
  }

  @Test
  void theHtmlHasAQiniChartWithModelRandomAndPerfectAndTheFigures() throws Exception {
    report().write(dir);
    String html = Files.readString(dir.resolve("report.html"));
    Matcher svg = Pattern.compile("<svg id=\"qini-offer\".*?</svg>", Pattern.DOTALL).matcher(html);
    assertThat(svg.find()).isTrue();
    String chart = svg.group();
    assertThat(Pattern.compile("<path ").matcher(chart).results().count()).isEqualTo(3);
    assertThat(chart).contains(">model<", ">random<", ">perfect<");
    assertThat(html)
        .contains(String.format(Locale.ROOT, "%.4f", result.heldOut().qiniCoefficient()))
        .contains(String.format(Locale.ROOT, "%.4f", result.heldOut().auuc()))
        .contains("incremental saves per 1,000 contacts, top 10%")
        .contains("incremental annual premium per 1,000 contacts, top 30%")
        .contains("(chosen)")
        .contains("n/a (no truth file)")
        .contains("Not trained: 3 treated and 2 holdout rows")
        .contains("40 journey follow-ups")
        .contains("10 expired unknown");
  }

  @Test
  void metricsJsonHasTheDataCountsAndEveryHeldOutFigure() throws Exception {
    report().write(dir);
    JsonNode m = new ObjectMapper().readTree(dir.resolve("metrics.json").toFile());
    assertThat(m.path("data").path("expired_unknown").asLong()).isEqualTo(10);
    assertThat(m.path("data").path("missing_outcome").asLong()).isEqualTo(15);
    JsonNode offer = m.path("actions").path("offer");
    assertThat(offer.path("cv_candidates")).hasSize(2);
    assertThat(offer.path("cv_candidates").get(0).has("cv_qini_coefficient_sd")).isTrue();
    assertThat(offer.path("chosen").asText()).isEqualTo(result.selection().best().describe());
    assertThat(offer.path("model_dir").asText()).isEqualTo("reg/uplift/offer/u1");
    JsonNode h = offer.path("heldout");
    List<String> keys = new ArrayList<>();
    h.fieldNames().forEachRemaining(keys::add);
    assertThat(keys)
        .contains(
            "qini_coefficient",
            "qini_area",
            "auuc",
            "uplift_at_10pct",
            "uplift_at_20pct",
            "uplift_at_30pct",
            "incremental_saves_per_1000_contacts_at_10pct",
            "incremental_saves_per_1000_contacts_at_30pct",
            "incremental_premium_per_1000_contacts_at_20pct",
            "true_effect_correlation",
            "true_effect_rows");
    assertThat(h.path("qini_coefficient").asDouble()).isEqualTo(result.heldOut().qiniCoefficient());
    assertThat(h.path("true_effect_correlation").isNull()).as("NaN is written as null").isTrue();
    assertThat(m.path("skipped_actions").path("callback").asText()).contains("3 treated");
  }
}
