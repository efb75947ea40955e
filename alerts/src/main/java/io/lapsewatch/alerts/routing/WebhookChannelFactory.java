package io.lapsewatch.alerts.routing;

import io.lapsewatch.alerts.notify.HttpOptions;
import io.lapsewatch.alerts.notify.Notifier;
import io.lapsewatch.alerts.notify.WebhookNotifier;
import io.lapsewatch.alerts.template.MessageTemplates;
import java.util.Set;

/** {@code channel: webhook}: the generic contract-v1 JSON webhook; {@code url}. */
final class WebhookChannelFactory implements ChannelFactory {
  @Override
  public String channel() {
    return WebhookNotifier.CHANNEL;
  }

  @Override
  public Set<String> keys() {
    return Set.of("url");
  }

  @Override
  public Notifier create(ReceiverSettings s, MessageTemplates templates, HttpOptions options) {
    return WebhookNotifier.builder(s.url())
        .connectTimeout(options.connectTimeout())
        .requestTimeout(options.requestTimeout())
        .maxAttempts(options.retry().maxAttempts())
        .initialBackoff(options.retry().initialBackoff())
        .maxBackoff(options.retry().maxBackoff())
        .build();
  }
}
