package io.lapsewatch.alerts.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Serves {@code /metrics} (Prometheus text) and {@code /-/healthy} (200 "OK" while the service
 * works, 503 otherwise) on a configured address.
 */
public final class MetricsServer implements AutoCloseable {
  /** Path of the health endpoint. */
  public static final String HEALTH_PATH = "/-/healthy";

  private final HTTPServer server;
  private final String host;

  private MetricsServer(HTTPServer server, String host) {
    this.server = server;
    this.host = host;
  }

  /**
   * Binds {@code host:port} (port 0 picks a free one) and starts serving.
   *
   * @param healthy asked on every health probe; false answers 503
   */
  public static MetricsServer start(
      PrometheusRegistry registry, String host, int port, BooleanSupplier healthy)
      throws IOException {
    return start(registry, host, port, healthy, Map.of());
  }

  /**
   * Like {@link #start(PrometheusRegistry, String, int, BooleanSupplier)}, also serving {@code
   * handlers} on their exact paths (e.g. the callback endpoint).
   */
  public static MetricsServer start(
      PrometheusRegistry registry,
      String host,
      int port,
      BooleanSupplier healthy,
      Map<String, HttpHandler> handlers)
      throws IOException {
    Map<String, HttpHandler> extra = Map.copyOf(handlers);
    AtomicInteger threadNo = new AtomicInteger();
    // Bounded: two threads, a short queue; when both are full the accepting thread serves the
    // request itself, which slows scrapers down instead of queueing without limit.
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            2,
            2,
            60,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(16),
            r -> {
              Thread t = new Thread(r, "lapsewatch-metrics-http-" + threadNo.incrementAndGet());
              // Daemon: the JDK server's dispatcher thread inherits it and must not keep the JVM
              // up.
              t.setDaemon(true);
              return t;
            },
            new ThreadPoolExecutor.CallerRunsPolicy());
    HTTPServer server =
        HTTPServer.builder()
            .hostname(host)
            .port(port)
            .registry(registry)
            .executorService(executor)
            .metricsHandlerPath("/metrics")
            // The built-in health handler answers "Exporter is healthy." whatever the service's
            // state; ours reflects the consumer, and everything but /metrics falls through to it.
            .registerHealthHandler(false)
            .defaultHandler(
                exchange -> {
                  HttpHandler h = extra.get(exchange.getRequestURI().getPath());
                  if (h != null) {
                    h.handle(exchange);
                  } else {
                    handleOther(exchange, healthy);
                  }
                })
            .buildAndStart();
    return new MetricsServer(server, host);
  }

  private static void handleOther(HttpExchange exchange, BooleanSupplier healthy)
      throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      int status;
      String body;
      if (HEALTH_PATH.equals(path)) {
        boolean ok = healthy.getAsBoolean();
        status = ok ? 200 : 503;
        body = ok ? "OK" : "UNAVAILABLE";
      } else if ("/".equals(path)) {
        status = 200;
        body = "LapseWatch alerts service: /metrics, " + HEALTH_PATH;
      } else {
        status = 404;
        body = "not found";
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
      if ("HEAD".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(status, -1);
      } else {
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
      }
    }
  }

  /** The bound port (the real one when 0 was asked for). */
  public int port() {
    return server.getPort();
  }

  /** Base URL, e.g. {@code http://127.0.0.1:9464}. */
  public String baseUrl() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return "http://" + h + ":" + port();
  }

  /** URL of the metrics endpoint. */
  public String metricsUrl() {
    return baseUrl() + "/metrics";
  }

  /** URL of the health endpoint. */
  public String healthUrl() {
    return baseUrl() + HEALTH_PATH;
  }

  @Override
  public void close() {
    server.close();
  }
}
