package io.lapsewatch.alerts.metrics;

import io.prometheus.metrics.exporter.common.PrometheusScrapeHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * Serves {@code /metrics} (Prometheus text) and {@code /-/healthy} (200 "OK" while the service
 * works, 503 otherwise) on a configured address, on Jetty with the {@link HttpLimits} that keep
 * slow clients from starving it.
 */
public final class MetricsServer implements AutoCloseable {
  /** Path of the health endpoint. */
  public static final String HEALTH_PATH = "/-/healthy";

  /** Path of the Prometheus endpoint. */
  public static final String METRICS_PATH = "/metrics";

  /**
   * Request threads. Jetty reads request headers without a thread, so a slow client never holds
   * one; these only run handlers, which answer from memory in microseconds.
   */
  private static final int MAX_THREADS = 16;

  private final Server server;
  private final ServerConnector connector;
  private final HeaderDeadline headerDeadline;
  private final String host;

  private MetricsServer(
      Server server, ServerConnector connector, HeaderDeadline headerDeadline, String host) {
    this.server = server;
    this.connector = connector;
    this.headerDeadline = headerDeadline;
    this.host = host;
  }

  /**
   * Binds {@code host:port} (port 0 picks a free one) and starts serving with default limits.
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
   * handlers}: a key ending in {@code /} is a prefix and its handler serves every path under it
   * (e.g. the retention desk's pages under {@code /desk/}); any other key is an exact path.
   */
  public static MetricsServer start(
      PrometheusRegistry registry,
      String host,
      int port,
      BooleanSupplier healthy,
      Map<String, Handler> handlers)
      throws IOException {
    return start(registry, host, port, healthy, handlers, HttpLimits.defaults());
  }

  /** Like the above, with explicit {@code limits}. */
  public static MetricsServer start(
      PrometheusRegistry registry,
      String host,
      int port,
      BooleanSupplier healthy,
      Map<String, Handler> handlers,
      HttpLimits limits)
      throws IOException {
    QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 2);
    threads.setName("lapsewatch-http");
    // Daemon, like the timer below: an unclosed server must not keep the JVM up.
    threads.setDaemon(true);
    Server server =
        new Server(threads, new ScheduledExecutorScheduler("lapsewatch-http-timer", true), null);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    // While a request is handled: a body read or response write stalled this long fails.
    http.setIdleTimeout(limits.readTimeout().toMillis());
    ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
    connector.setHost(host);
    connector.setPort(port);
    connector.setIdleTimeout(limits.idleTimeout().toMillis());
    HeaderDeadline headerDeadline = new HeaderDeadline(limits.headerTimeout());
    connector.addEventListener(headerDeadline);
    server.addConnector(connector);
    NetworkConnectionLimit limit = new NetworkConnectionLimit(limits.maxConnections(), connector);
    // At the limit, held connections time out as fast as a header must arrive: room for probes.
    limit.setEndPointIdleTimeout(limits.headerTimeout().toMillis());
    server.addBean(limit);
    handlers.values().forEach(h -> h.setServer(server));
    server.setHandler(new Routes(new PrometheusScrapeHandler(registry), healthy, handlers));
    try {
      server.start();
    } catch (Exception e) {
      headerDeadline.close();
      try {
        server.stop();
      } catch (Exception suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e instanceof IOException io
          ? io
          : new IOException("cannot serve HTTP on " + host + ":" + port + ": " + e, e);
    }
    return new MetricsServer(server, connector, headerDeadline, host);
  }

  /**
   * Dispatches by path: extra handlers first (exact paths, then the longest matching prefix), then
   * metrics, health and the index.
   */
  private static final class Routes extends Handler.Abstract {
    private final PrometheusScrapeHandler scrape;
    private final BooleanSupplier healthy;
    private final Map<String, Handler> extra;
    private final List<String> prefixes;

    Routes(PrometheusScrapeHandler scrape, BooleanSupplier healthy, Map<String, Handler> extra) {
      this.scrape = scrape;
      this.healthy = healthy;
      this.extra = Map.copyOf(extra);
      // Longest first, so a nested prefix wins over the one around it.
      this.prefixes =
          this.extra.keySet().stream()
              .filter(k -> k.endsWith("/"))
              .sorted(Comparator.comparingInt(String::length).reversed())
              .toList();
      // Managed beans: they start and stop with the server.
      this.extra.values().forEach(this::addBean);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
      String path = Request.getPathInContext(request);
      Handler h = extra.get(path);
      if (h == null) {
        for (String prefix : prefixes) {
          if (path.startsWith(prefix)) {
            h = extra.get(prefix);
            break;
          }
        }
      }
      if (h != null) {
        return h.handle(request, response, callback);
      }
      if (METRICS_PATH.equals(path)) {
        scrape.handleRequest(new ScrapeExchange(request, response));
        callback.succeeded();
        return true;
      }
      int status;
      String body;
      if (HEALTH_PATH.equals(path)) {
        boolean ok = healthy.getAsBoolean();
        status = ok ? 200 : 503;
        body = ok ? "OK" : "UNAVAILABLE";
      } else if ("/".equals(path)) {
        status = 200;
        body = "LapseWatch alerts service: " + METRICS_PATH + ", " + HEALTH_PATH;
      } else {
        status = 404;
        body = "not found";
      }
      respond(request, response, callback, status, "text/plain; charset=utf-8", body);
      return true;
    }
  }

  /** Answers with a complete body (none for HEAD), completing {@code callback}. */
  public static void respond(
      Request request,
      Response response,
      Callback callback,
      int status,
      String contentType,
      String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
    if ("HEAD".equals(request.getMethod())) {
      response.write(true, null, callback);
    } else {
      response.write(true, ByteBuffer.wrap(bytes), callback);
    }
  }

  /** The bound port (the real one when 0 was asked for). */
  public int port() {
    return connector.getLocalPort();
  }

  /** Base URL, e.g. {@code http://127.0.0.1:9464}. */
  public String baseUrl() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return "http://" + h + ":" + port();
  }

  /** URL of the metrics endpoint. */
  public String metricsUrl() {
    return baseUrl() + METRICS_PATH;
  }

  /** URL of the health endpoint. */
  public String healthUrl() {
    return baseUrl() + HEALTH_PATH;
  }

  /** Connections closed because their request header did not arrive within the header timeout. */
  public long headerTimeouts() {
    return headerDeadline.closedLate();
  }

  @Override
  public void close() {
    headerDeadline.close();
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("stopping the HTTP server failed: " + e, e);
    }
  }
}
