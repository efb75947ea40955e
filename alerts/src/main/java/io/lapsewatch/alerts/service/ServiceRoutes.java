package io.lapsewatch.alerts.service;

import io.lapsewatch.alerts.actions.CallbackBook;
import io.lapsewatch.alerts.actions.CallbackEndpoint;
import io.lapsewatch.alerts.metrics.AlertMetrics;
import io.lapsewatch.alerts.metrics.MetricsServer;
import io.lapsewatch.alerts.metrics.OutcomeMetrics;
import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.server.Handler;

/**
 * The service's HTTP port: {@code /metrics} and {@code /-/healthy} always, {@code POST /callbacks}
 * when a callback token is set.
 */
final class ServiceRoutes {
  private ServiceRoutes() {}

  /**
   * The endpoints beside metrics and health. With the callback endpoint on, agents report first
   * contacts directly, so {@code outcomes} stops taking them from the job's outcomes.
   */
  static Map<String, Handler> endpoints(
      Optional<String> callbackToken, CallbackBook book, OutcomeMetrics outcomes) {
    Map<String, Handler> endpoints = new HashMap<>();
    callbackToken.ifPresent(
        token -> {
          endpoints.put(
              CallbackEndpoint.PATH, new CallbackEndpoint(token, book, Clock.systemUTC()));
          // Agents report first contacts directly; the job's view would count them twice.
          outcomes.firstContactFromOutcomes(false);
        });
    return endpoints;
  }

  /**
   * Binds the port {@code metrics.*} names and serves {@code endpoints} beside metrics and health.
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
