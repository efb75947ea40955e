package io.lapsewatch.alerts.routing;

import io.lapsewatch.alerts.notify.HttpOptions;
import io.lapsewatch.alerts.notify.Notifier;
import io.lapsewatch.alerts.notify.WeComNotifier;
import io.lapsewatch.alerts.template.MessageTemplates;
import java.util.Set;

/** {@code channel: wecom}: a WeCom group robot; {@code url}, {@code msgtype}, mentions. */
final class WeComChannelFactory implements ChannelFactory {
  @Override
  public String channel() {
    return WeComNotifier.CHANNEL;
  }

  @Override
  public Set<String> keys() {
    return ChannelFactory.union(Set.of("url", "msgtype"), ReceiverSettings.MENTION_KEYS);
  }

  @Override
  public Notifier create(ReceiverSettings s, MessageTemplates templates, HttpOptions options) {
    return new WeComNotifier(
        s.url(),
        templates,
        s.choice("msgtype", WeComNotifier.MsgType.MARKDOWN, WeComNotifier.MsgType.class),
        s.mentions(),
        options);
  }
}
