package io.lapsewatch.alerts.routing;

import io.lapsewatch.alerts.notify.HttpOptions;
import io.lapsewatch.alerts.notify.Notifier;
import io.lapsewatch.alerts.notify.TeamsNotifier;
import io.lapsewatch.alerts.template.MessageTemplates;
import java.util.Set;

/** {@code channel: teams}: a Microsoft Teams Workflows webhook; {@code url}. */
final class TeamsChannelFactory implements ChannelFactory {
  @Override
  public String channel() {
    return TeamsNotifier.CHANNEL;
  }

  @Override
  public Set<String> keys() {
    return Set.of("url");
  }

  @Override
  public Notifier create(ReceiverSettings s, MessageTemplates templates, HttpOptions options) {
    return new TeamsNotifier(s.url(), templates, options);
  }
}
