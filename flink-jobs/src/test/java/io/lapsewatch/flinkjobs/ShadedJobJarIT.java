package io.lapsewatch.flinkjobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * Lists the shaded job jar: it carries the job, the shared contracts, the journey plans reader
 * (with SnakeYAML relocated, so no {@code org/yaml} class can clash with a cluster's) and the
 * connectors, and none of the alerts service's mail or HTTP-server classes (run by failsafe after
 * packaging).
 */
class ShadedJobJarIT {
  private static final List<String> SERVICE_ONLY =
      List.of(
          "org/yaml/",
          "jakarta/mail/",
          "org/eclipse/angus/",
          "org/eclipse/jetty/",
          "io/prometheus/metrics/exporter/",
          "io/lapsewatch/alerts/");

  @Test
  void holdsTheJobAndNoneOfTheServicesClasses() throws Exception {
    Path jar = Path.of(System.getProperty("job.jar", "target/missing-job.jar"));
    assertThat(jar).as("shaded job jar").exists();
    List<String> entries;
    try (JarFile file = new JarFile(jar.toFile())) {
      entries = file.stream().map(ZipEntry::getName).toList();
    }
    assertThat(entries)
        .contains(
            "io/lapsewatch/flinkjobs/ScoringJob.class",
            "io/lapsewatch/alertcontract/Alert.class",
            "io/lapsewatch/alertcontract/policy/AlertPolicy.class",
            "io/lapsewatch/journeys/plan/PlanLoader.class",
            "io/lapsewatch/shaded/snakeyaml/Yaml.class",
            "io/lapsewatch/featurestore/features/FeatureVector.class",
            "org/apache/flink/connector/kafka/source/KafkaSource.class");
    for (String prefix : SERVICE_ONLY) {
      assertThat(entries).as("entries under " + prefix).noneMatch(e -> e.startsWith(prefix));
    }
  }
}
