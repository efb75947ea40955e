package io.lapsewatch.alerts.service;

import io.lapsewatch.alerts.metrics.AlertMetrics;
import io.lapsewatch.alerts.metrics.MetricsServer;
import io.lapsewatch.retentiondesk.RetentionDesk;
import io.lapsewatch.retentiondesk.RetentionDeskConfig;
import io.lapsewatch.retentiondesk.web.DeskRoutes;
import io.lapsewatch.retentiondesk.web.DeskWeb;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.server.Handler;

/**
 * The service's HTTP port: {@code /metrics} and {@code /-/healthy} always, the retention desk's
 * pages under {@code /desk/} when the desk runs.
 */
final class ServiceRoutes {
  private ServiceRoutes() {}

  /** The desk's pages on their prefix (in the desk's time), or nothing when it does not run. */
  static Map<String, Handler> deskPages(
      Optional<RetentionDesk> desk, RetentionDeskConfig config, Clock deskClock) {
    return desk.<Map<String, Handler>>map(
            d -> Map.of(DeskRoutes.PREFIX, DeskWeb.routes(d, config, deskClock)))
        .orElse(Map.of());
  }

  /**
   * Binds the port {@code metrics.*} names and serves {@code endpoints} beside metrics and health
   * (a key ending in {@code /} serves everything under it).
   */
  static MetricsServer serve(
      AlertsServiceConfig config,
      AlertMetrics metrics,
      BooleanSupplier healthy,
      Map<String, Handler> endpoints)
      throws IOException {
    return MetricsServer.start(
        metrics.registry(),
        config.metrics().host(),
        config.metrics().port(),
        healthy,
        endpoints,
        config.metrics().limits());
  }
}
