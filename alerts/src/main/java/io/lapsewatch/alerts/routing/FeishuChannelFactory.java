package io.lapsewatch.alerts.routing;

import io.lapsewatch.alerts.notify.FeishuNotifier;
import io.lapsewatch.alerts.notify.HttpOptions;
import io.lapsewatch.alerts.notify.Notifier;
import io.lapsewatch.alerts.template.MessageTemplates;
import java.util.Set;

/** {@code channel: feishu}: a signed Feishu/Lark bot; {@code url}, {@code secret}, mentions. */
final class FeishuChannelFactory implements ChannelFactory {
  @Override
  public String channel() {
    return FeishuNotifier.CHANNEL;
  }

  @Override
  public Set<String> keys() {
    // No mention-mobiles: Feishu mentions by open_id only.
    return Set.of("url", "secret", "mention-user-ids", "mention-agent", "mention-all");
  }

  @Override
  public Notifier create(ReceiverSettings s, MessageTemplates templates, HttpOptions options) {
    return new FeishuNotifier(s.url(), s.optional("secret"), templates, s.mentions(), options);
  }
}
