package io.lapsewatch.alerts.routing;

import io.lapsewatch.alerts.notify.HttpOptions;
import io.lapsewatch.alerts.notify.Notifier;
import io.lapsewatch.alerts.notify.SlackNotifier;
import io.lapsewatch.alerts.template.MessageTemplates;
import java.util.Set;

/** {@code channel: slack}: a Slack incoming webhook; {@code url}. */
final class SlackChannelFactory implements ChannelFactory {
  @Override
  public String channel() {
    return SlackNotifier.CHANNEL;
  }

  @Override
  public Set<String> keys() {
    return Set.of("url");
  }

  @Override
  public Notifier create(ReceiverSettings s, MessageTemplates templates, HttpOptions options) {
    return new SlackNotifier(s.url(), templates, options);
  }
}
