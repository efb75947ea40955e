package io.lapsewatch.modeltraining.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsJsonTest {

  @Test
  void headlineKeysAreNumbersAtTheTopLevel(@TempDir Path dir) throws Exception {
    EvaluationReport r = ReportFixtures.report();
    Path file = dir.resolve("metrics.json");

    MetricsJson.write(r, file);
    JsonNode json = new ObjectMapper().readTree(file.toFile());

    for (String key : new String[] {"auc_roc", "pr_auc", "brier", "log_loss", "lift_at_10pct"}) {
      assertThat(json.get(key)).as(key).isNotNull();
      assertThat(json.get(key).isNumber()).as(key).isTrue();
    }
    assertThat(json.get("auc_roc").asDouble()).isBetween(0.6, 0.9);
    assertThat(json.get("lift_at_10pct").asDouble())
        .isEqualTo(r.test().metrics().get("lift_at_10pct"));
  }

  @Test
  void captureConfusionTrainerAndHyperparametersAreIncluded(@TempDir Path dir) throws Exception {
    EvaluationReport r = ReportFixtures.report();
    Path file = dir.resolve("metrics.json");

    MetricsJson.write(r, file);
    JsonNode json = new ObjectMapper().readTree(file.toFile());

    assertThat(json.get("capture_at_k").get("10pct").asDouble())
        .isEqualTo(r.test().atK().get(1).capture());
    JsonNode cm = json.get("confusion_matrix");
    long total =
        cm.get("true_positive").asLong()
            + cm.get("false_positive").asLong()
            + cm.get("true_negative").asLong()
            + cm.get("false_negative").asLong();
    assertThat(total).isEqualTo(2_000);
    assertThat(json.get("threshold").asDouble()).isEqualTo(0.45);
    assertThat(json.get("trainer").asText()).isEqualTo("lr");
    assertThat(json.get("hyperparameters").get("epochs").asInt()).isEqualTo(30);
    assertThat(json.get("reliability_by_decile")).hasSize(10);
    assertThat(json.get("feature_importance").get("top").get(0).get("feature").asText())
        .isEqualTo("price_shock");
  }
}
