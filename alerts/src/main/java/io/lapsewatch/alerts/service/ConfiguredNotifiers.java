package io.lapsewatch.alerts.service;

import io.lapsewatch.alertcontract.settings.SecretResolver;
import io.lapsewatch.alerts.notify.ConsoleNotifier;
import io.lapsewatch.alerts.notify.HttpOptions;
import io.lapsewatch.alerts.notify.Notifier;
import io.lapsewatch.alerts.notify.RetryPolicy;
import io.lapsewatch.alerts.notify.WebhookNotifier;
import io.lapsewatch.alerts.routing.RoutingLoader;
import java.util.ArrayList;
import java.util.List;

/** Notifiers and routing loader from the service's configuration. */
final class ConfiguredNotifiers {
  private ConfiguredNotifiers() {}

  /** The notifiers {@code config} describes: console (if enabled) and webhook (if a URL is set). */
  static List<Notifier> from(AlertsServiceConfig config) {
    List<Notifier> list = new ArrayList<>();
    if (config.consoleEnabled()) {
      list.add(ConsoleNotifier.stdout());
    }
    config
        .webhook()
        .ifPresent(
            w ->
                list.add(
                    WebhookNotifier.builder(w.url())
                        .connectTimeout(w.connectTimeout())
                        .requestTimeout(w.requestTimeout())
                        .maxAttempts(w.maxAttempts())
                        .initialBackoff(w.initialBackoff())
                        .maxBackoff(w.maxBackoff())
                        .build()));
    return list;
  }

  /** Transport defaults of routed receivers, from the {@code delivery.*} keys. */
  static HttpOptions httpOptions(AlertsServiceConfig.DeliverySettings d) {
    return HttpOptions.defaults()
        .withTimeouts(d.connectTimeout(), d.requestTimeout())
        .withRetry(new RetryPolicy(d.maxAttempts(), d.initialBackoff(), d.maxBackoff()));
  }

  static RoutingLoader routingLoader(AlertsServiceConfig config) {
    return new RoutingLoader(
        new SecretResolver(config.environment()), httpOptions(config.delivery()));
  }
}
