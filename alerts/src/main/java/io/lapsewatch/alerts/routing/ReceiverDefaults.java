package io.lapsewatch.alerts.routing;

import io.lapsewatch.alerts.template.MessageLocale;
import io.lapsewatch.alerts.template.MessageTemplates;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The routing file's {@code defaults}: settings every receiver inherits unless it sets its own. */
record ReceiverDefaults(MessageLocale locale, Optional<String> link, boolean mask) {
  private static final Set<String> KEYS = Set.of("locale", "link", "mask-personal-data");

  static ReceiverDefaults of(YamlNode node) {
    if (node == null || node.isNull()) {
      return new ReceiverDefaults(MessageLocale.ZH_CN, Optional.empty(), true);
    }
    Map<String, YamlNode> m = node.mapWithKeys(KEYS);
    return new ReceiverDefaults(
        m.containsKey("locale") ? locale(m.get("locale")) : MessageLocale.ZH_CN,
        m.containsKey("link") ? Optional.of(link(m.get("link"))) : Optional.empty(),
        !m.containsKey("mask-personal-data") || m.get("mask-personal-data").bool());
  }

  static MessageLocale locale(YamlNode n) {
    try {
      return MessageLocale.parse(n.text());
    } catch (IllegalArgumentException e) {
      throw n.error(e.getMessage());
    }
  }

  static String link(YamlNode n) {
    try {
      MessageTemplates.validateLinkTemplate(n.text().trim());
      return n.text().trim();
    } catch (IllegalArgumentException e) {
      throw n.error(e.getMessage());
    }
  }
}
