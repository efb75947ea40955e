package io.lapsewatch.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpliftBenchTest {
  @TempDir Path dir;

  private static UpliftBench.SeedResult seed(double uplift, double risk, double random) {
    return new UpliftBench.SeedResult(uplift, risk, random, 500, 150, 700, "offer: two-model");
  }

  @Test
  void writesTheIssueKeysWithMeansSdsRatiosAndSettings() throws Exception {
    BenchResults r = new BenchResults("quick");
    UpliftBench.Settings s = new UpliftBench.Settings(3_000, 365, 2, 0.3, 0.3, true);

    UpliftBench.write(
        r,
        s,
        List.of(seed(150, 100, 90), seed(170, 100, 70)),
        List.of(seed(200, 210, 180), seed(220, 210, 170)));
    Path json = dir.resolve("bench-results.json");
    r.writeJson(json);

    JsonNode root = new ObjectMapper().readTree(json.toFile());
    assertThat(root.get("uplift_saves_per_1000_contacts").asDouble()).isEqualTo(160);
    assertThat(root.get("risk_saves_per_1000_contacts").asDouble()).isEqualTo(100);
    assertThat(root.get("random_saves_per_1000_contacts").asDouble()).isEqualTo(80);
    assertThat(root.get("uplift_vs_risk_saves").asDouble()).isCloseTo(1.6, within(1e-9));
    // Per-seed ratios 1.5 and 1.7: sample sd sqrt(0.02).
    assertThat(root.get("uplift_vs_risk_saves_sd").asDouble())
        .isCloseTo(Math.sqrt(0.02), within(1e-9));
    assertThat(root.get("uplift_saves_per_1000_contacts_sd").asDouble())
        .isCloseTo(Math.sqrt(200), within(1e-9));
    assertThat(root.get("homogeneous_uplift_saves_per_1000_contacts").asDouble()).isEqualTo(210);
    assertThat(root.get("homogeneous_risk_saves_per_1000_contacts").asDouble()).isEqualTo(210);
    assertThat(root.get("homogeneous_uplift_vs_risk_saves").asDouble())
        .isCloseTo(1.0, within(1e-9));
    assertThat(root.has("homogeneous_uplift_vs_risk_saves_sd")).isTrue();
    assertThat(root.get("sizes").get("uplift_seeds").asInt()).isEqualTo(2);
    assertThat(root.get("sizes").get("uplift_holdout_share").asDouble()).isEqualTo(0.3);
    assertThat(root.get("sizes").get("uplift_capacity_share").asDouble()).isEqualTo(0.3);
    assertThat(root.get("sizes").get("uplift_policyholders").asInt()).isEqualTo(3_000);
    assertThat(root.get("sizes").get("uplift_seeds_learning_evaluation_random").asText())
        .isEqualTo("1000..1001, 2000..2001, 3000..3001");
    assertThat(root.get("how_measured").get("risk_saves_per_1000_contacts").asText())
        .contains("top 30%");
  }

  @Test
  void sdOfOneSeedIsZeroAndOfSeveralIsTheSampleSd() {
    assertThat(UpliftBench.sd(new double[] {4})).isZero();
    assertThat(UpliftBench.sd(new double[] {1, 3})).isCloseTo(Math.sqrt(2), within(1e-12));
  }

  @Test
  void upliftIsASectionOfTheBenchCommand() {
    assertThat(BenchCommand.SECTIONS).contains(UpliftBench.SECTION);
  }

  @Test
  void theHoldoutSweepRunsOnlyWhenAskedFor() {
    assertThat(BenchCommand.SECTIONS).contains(UpliftBench.SECTION_HOLDOUT);
    assertThat(BenchCommand.DEFAULT_SECTIONS)
        .contains(UpliftBench.SECTION)
        .doesNotContain(UpliftBench.SECTION_HOLDOUT);
  }
}
