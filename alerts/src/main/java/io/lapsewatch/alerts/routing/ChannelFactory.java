package io.lapsewatch.alerts.routing;

import io.lapsewatch.alerts.notify.HttpOptions;
import io.lapsewatch.alerts.notify.Notifier;
import io.lapsewatch.alerts.template.MessageTemplates;
import java.util.HashSet;
import java.util.Set;

/** Builds one channel's notifier from a receiver's settings; owns the keys only it reads. */
interface ChannelFactory {
  /** The {@code channel:} value, e.g. {@code wecom}. */
  String channel();

  /** The receiver keys this channel reads beyond the common ones. */
  Set<String> keys();

  /**
   * @throws IllegalArgumentException from the notifier's own checks, naming the setting
   */
  Notifier create(ReceiverSettings s, MessageTemplates templates, HttpOptions options);

  static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> s = new HashSet<>(a);
    s.addAll(b);
    return Set.copyOf(s);
  }
}
