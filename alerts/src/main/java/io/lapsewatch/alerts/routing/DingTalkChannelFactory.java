package io.lapsewatch.alerts.routing;

import io.lapsewatch.alerts.notify.DingTalkNotifier;
import io.lapsewatch.alerts.notify.HttpOptions;
import io.lapsewatch.alerts.notify.Notifier;
import io.lapsewatch.alerts.template.MessageTemplates;
import java.util.Set;

/**
 * {@code channel: dingtalk}: a signed DingTalk robot; {@code url}, {@code secret}, {@code format}.
 */
final class DingTalkChannelFactory implements ChannelFactory {
  @Override
  public String channel() {
    return DingTalkNotifier.CHANNEL;
  }

  @Override
  public Set<String> keys() {
    return ChannelFactory.union(Set.of("url", "secret", "format"), ReceiverSettings.MENTION_KEYS);
  }

  @Override
  public Notifier create(ReceiverSettings s, MessageTemplates templates, HttpOptions options) {
    return new DingTalkNotifier(
        s.url(),
        s.optional("secret"),
        templates,
        s.choice("format", DingTalkNotifier.Format.MARKDOWN, DingTalkNotifier.Format.class),
        s.mentions(),
        options);
  }
}
