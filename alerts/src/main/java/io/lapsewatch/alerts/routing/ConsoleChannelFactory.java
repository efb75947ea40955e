package io.lapsewatch.alerts.routing;

import io.lapsewatch.alerts.notify.ConsoleNotifier;
import io.lapsewatch.alerts.notify.HttpOptions;
import io.lapsewatch.alerts.notify.Notifier;
import io.lapsewatch.alerts.template.MessageTemplates;
import java.util.Set;

/** {@code channel: console}: readable text on stdout; no settings of its own. */
final class ConsoleChannelFactory implements ChannelFactory {
  @Override
  public String channel() {
    return ConsoleNotifier.CHANNEL;
  }

  @Override
  public Set<String> keys() {
    return Set.of();
  }

  @Override
  public Notifier create(ReceiverSettings s, MessageTemplates templates, HttpOptions options) {
    return ConsoleNotifier.stdout();
  }
}
