package io.lapsewatch.cli;

import io.lapsewatch.alertcontract.Arm;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalDouble;

/**
 * The alerts service's final /metrics scrape: fetched, saved as {@code metrics.prom}, read back.
 */
final class DemoMetricsScrape {
  static final String FILE_NAME = "metrics.prom";

  private DemoMetricsScrape() {}

  /** GETs the Prometheus text from the service's metrics address. */
  static String fetch(String metricsAddress) throws IOException, InterruptedException {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(metricsAddress))
                    .timeout(Duration.ofSeconds(30))
                    .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (r.statusCode() != 200) {
      throw new IOException("GET " + metricsAddress + " answered HTTP " + r.statusCode());
    }
    return r.body();
  }

  /** Writes the scrape to {@code workDir/metrics.prom}. */
  static Path save(String scrape, Path workDir) throws IOException {
    Path file = workDir.resolve(FILE_NAME);
    Files.writeString(file, scrape, StandardCharsets.UTF_8);
    return file;
  }

  /**
   * The value of {@code lapsewatch_recovery_rate{arm=ARM,tier="ALL"}} in a scrape; empty when it is
   * NaN ("no data").
   *
   * @throws IllegalArgumentException when the scrape has no such series
   */
  static OptionalDouble recoveryRate(String scrape, Arm arm) {
    for (String line : scrape.split("\n")) {
      if (line.startsWith("lapsewatch_recovery_rate{")
          && line.contains("arm=\"" + arm.name() + "\"")
          && line.contains("tier=\"ALL\"")) {
        String value = line.substring(line.lastIndexOf(' ') + 1);
        double v = Double.parseDouble(value);
        return Double.isNaN(v) ? OptionalDouble.empty() : OptionalDouble.of(v);
      }
    }
    throw new IllegalArgumentException(
        "the scrape has no lapsewatch_recovery_rate series for arm " + arm + " and tier ALL");
  }
}
