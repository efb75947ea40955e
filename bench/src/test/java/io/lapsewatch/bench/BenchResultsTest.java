package io.lapsewatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchResultsTest {
  @TempDir Path dir;

  private static BenchResults withSinkAndBaseline() {
    BenchResults r = new BenchResults("quick");
    r.figure("redis", "redis_sink_vectors_per_s", 40_000, "vectors/s", "sink");
    r.figure("redis", "redis_benchmark_hset_per_s", 800_000, "HSET/s", "redis-benchmark");
    return r;
  }

  @Test
  void ratioDividesTheFigureByItsBaselineFromTheSameRun() {
    BenchResults r = withSinkAndBaseline();

    r.ratio(
        "redis",
        "redis_sink_vs_pipelined",
        "redis_sink_vectors_per_s",
        "redis_benchmark_hset_per_s",
        ">= 0.30");

    assertThat(r.value("redis_sink_vs_pipelined")).isEqualTo(0.05);
  }

  @Test
  void ratioWithoutItsBaselineIsAnnouncedAsNotMeasured() throws Exception {
    BenchResults r = new BenchResults("quick");
    r.figure("redis", "redis_sink_vectors_per_s", 40_000, "vectors/s", "sink");

    r.ratio(
        "redis",
        "redis_sink_vs_pipelined",
        "redis_sink_vectors_per_s",
        "redis_benchmark_hset_per_s",
        null);
    Path json = dir.resolve("bench-results.json");
    r.writeJson(json);

    assertThat(r.value("redis_sink_vs_pipelined")).isNull();
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    assertThat(root.has("redis_sink_vs_pipelined")).isTrue();
    assertThat(root.get("redis_sink_vs_pipelined").isNull()).isTrue();
    assertThat(root.get("not_measured").get("redis_sink_vs_pipelined").asText())
        .contains("redis_benchmark_hset_per_s");
  }

  @Test
  void jsonCarriesEveryFigureAsATopLevelNumberWithItsUnit() throws Exception {
    BenchResults r = withSinkAndBaseline();
    r.machine("cores", 2);
    r.size("sink_updates", 100_000);
    Path json = dir.resolve("bench-results.json");

    r.writeJson(json);

    JsonNode root = new ObjectMapper().readTree(json.toFile());
    assertThat(root.get("mode").asText()).isEqualTo("quick");
    assertThat(root.get("redis_sink_vectors_per_s").asDouble()).isEqualTo(40_000);
    assertThat(root.get("units").get("redis_benchmark_hset_per_s").asText()).isEqualTo("HSET/s");
    assertThat(root.get("machine").get("cores").asInt()).isEqualTo(2);
    assertThat(root.get("sizes").get("sink_updates").asInt()).isEqualTo(100_000);
  }

  @Test
  void markdownRowNamesTheBaselineOfARatio() {
    BenchResults r = withSinkAndBaseline();
    r.ratio(
        "redis",
        "redis_sink_vs_pipelined",
        "redis_sink_vectors_per_s",
        "redis_benchmark_hset_per_s",
        ">= 0.30");

    String md = r.markdown("bench --quick");

    assertThat(md)
        .contains("| `redis_sink_vs_pipelined` | 0.050 | ratio | `redis_benchmark_hset_per_s` |")
        .contains("| `redis_sink_vectors_per_s` | 40,000 | vectors/s |")
        .contains("bench --quick");
  }

  @Test
  void updatingTheDocReplacesOnlyTheGeneratedSection() throws Exception {
    Path doc = dir.resolve("performance.md");
    Files.writeString(
        doc,
        "# Performance\n\nwritten by hand before\n\n"
            + BenchResults.BEGIN
            + "\nold table\n"
            + BenchResults.END
            + "\n\n## Findings\nwritten by hand after\n");

    BenchResults.updateDoc(doc, "new table\n");

    String text = Files.readString(doc);
    assertThat(text)
        .contains("written by hand before")
        .contains("new table")
        .contains("## Findings\nwritten by hand after")
        .doesNotContain("old table");
    assertThat(text.indexOf(BenchResults.BEGIN)).isEqualTo(text.lastIndexOf(BenchResults.BEGIN));
  }

  @Test
  void updatingAMissingDocCreatesItWithAHeading() throws Exception {
    Path doc = dir.resolve("docs").resolve("performance.md");

    BenchResults.updateDoc(doc, "table\n");

    assertThat(Files.readString(doc))
        .startsWith("# Performance")
        .contains(BenchResults.BEGIN + "\ntable\n" + BenchResults.END);
  }

  @Test
  void numbersAreFormattedForReading() {
    assertThat(BenchResults.format(1_234_567.8)).isEqualTo("1,234,568");
    assertThat(BenchResults.format(42.25)).isEqualTo("42.3");
    assertThat(BenchResults.format(0.1234)).isEqualTo("0.123");
    assertThat(BenchResults.format(0.00123)).isEqualTo("0.0012");
    assertThat(BenchResults.format(null)).isEqualTo("n/a");
  }
}
