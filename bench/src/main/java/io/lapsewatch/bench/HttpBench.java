package io.lapsewatch.bench;

import io.lapsewatch.alerts.metrics.HttpLimits;
import io.lapsewatch.alerts.metrics.MetricsServer;
import io.lapsewatch.alerts.service.AlertsService;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The alerts service's HTTP port under slow clients: time to answer {@code /-/healthy} and {@code
 * /metrics} (the service's full metric set) with no slow client, then with N connections held open
 * that sent half a request header and stopped (what starved the JDK server). Reported as
 * percentiles and as the ratios of the two runs' p50 and p99.
 */
final class HttpBench {
  static final String SECTION = "http";

  private static final byte[] PARTIAL_REQUEST =
      "GET /-/healthy HTTP/1.1\r\nHost: lapsewatch\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII);

  private final PrintStream log;
  private final BenchResults results;

  HttpBench(PrintStream log, BenchResults results) {
    this.log = log;
    this.results = results;
  }

  void run(int slowClients, int requests) throws Exception {
    // The header deadline is set beyond the run so every slow client stays for all of it: this
    // measures what held connections cost, not how fast the deadline clears them.
    HttpLimits limits =
        HttpLimits.defaults()
            .withHeaderTimeout(Duration.ofMinutes(10))
            .withMaxConnections(slowClients + 50);
    try (MetricsServer server =
        MetricsServer.start(
            AlertsService.exportedMetrics().registry(),
            "127.0.0.1",
            0,
            () -> true,
            Map.of(),
            limits)) {
      HttpClient http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(30))
              .build();
      URI health = URI.create(server.healthUrl());
      URI metrics = URI.create(server.metricsUrl());
      times(http, health, requests); // warm-up: JIT, connection
      times(http, metrics, requests);
      double[] healthIdle = times(http, health, requests);
      double[] metricsIdle = times(http, metrics, requests);
      List<Socket> slow = new ArrayList<>();
      try {
        for (int i = 0; i < slowClients; i++) {
          Socket s = new Socket();
          s.connect(new InetSocketAddress("127.0.0.1", server.port()), 30_000);
          s.getOutputStream().write(PARTIAL_REQUEST);
          s.getOutputStream().flush();
          slow.add(s);
        }
        double[] healthHeld = times(http, health, requests);
        double[] metricsHeld = times(http, metrics, requests);
        report("health", healthIdle, healthHeld, slowClients, requests);
        report("metrics", metricsIdle, metricsHeld, slowClients, requests);
      } finally {
        for (Socket s : slow) {
          s.close();
        }
      }
    }
  }

  private void report(String what, double[] idle, double[] held, int slowClients, int requests) {
    String path = what.equals("health") ? MetricsServer.HEALTH_PATH : MetricsServer.METRICS_PATH;
    String how =
        "GET "
            + path
            + " "
            + requests
            + " times in a row on one keep-alive connection (loopback, after a warm-up)";
    String heldHow = how + ", with " + slowClients + " connections held that sent half a header";
    results.figure(SECTION, "http_" + what + "_p50_ms", percentile(idle, 0.50), "ms", how);
    results.figure(SECTION, "http_" + what + "_p99_ms", percentile(idle, 0.99), "ms", how);
    results.figure(
        SECTION, "http_" + what + "_slow_clients_p50_ms", percentile(held, 0.50), "ms", heldHow);
    results.figure(
        SECTION, "http_" + what + "_slow_clients_p99_ms", percentile(held, 0.99), "ms", heldHow);
    results.ratio(
        SECTION,
        "http_" + what + "_slow_clients_p50_ratio",
        "http_" + what + "_slow_clients_p50_ms",
        "http_" + what + "_p50_ms",
        "close to 1");
    results.ratio(
        SECTION,
        "http_" + what + "_slow_clients_p99_ratio",
        "http_" + what + "_slow_clients_p99_ms",
        "http_" + what + "_p99_ms",
        "close to 1");
    log.printf(
        "  %s: p99 %.2f ms idle, %.2f ms with %d slow clients held%n",
        path, percentile(idle, 0.99), percentile(held, 0.99), slowClients);
  }

  /** Milliseconds each of {@code n} sequential requests took; every answer must be 200. */
  private static double[] times(HttpClient http, URI uri, int n) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).build();
    double[] ms = new double[n];
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      ms[i] = (System.nanoTime() - t0) / 1e6;
      if (r.statusCode() != 200) {
        throw new IOException(uri + " answered " + r.statusCode() + " during the benchmark");
      }
    }
    return ms;
  }

  private static double percentile(double[] values, double q) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
  }
}
