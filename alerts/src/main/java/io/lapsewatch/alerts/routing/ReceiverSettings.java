package io.lapsewatch.alerts.routing;

import io.lapsewatch.alerts.notify.Mentions;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** One receiver's settings with typed, located accessors. */
final class ReceiverSettings {
  /** The mention keys chat channels share. */
  static final Set<String> MENTION_KEYS =
      Set.of("mention-user-ids", "mention-mobiles", "mention-agent", "mention-all");

  private final Map<String, YamlNode> m;
  private final YamlNode receiver;
  private final ResolvedValues values;

  ReceiverSettings(Map<String, YamlNode> m, YamlNode receiver, ResolvedValues values) {
    this.m = m;
    this.receiver = receiver;
    this.values = values;
  }

  boolean has(String key) {
    return m.containsKey(key) && !m.get(key).isNull();
  }

  YamlNode node(String key) {
    return m.get(key);
  }

  String required(String key) {
    if (!has(key)) {
      throw receiver.error("needs '" + key + "'");
    }
    return values.of(m.get(key));
  }

  Optional<String> optional(String key) {
    return has(key)
        ? Optional.of(values.of(m.get(key))).filter(v -> !v.isEmpty())
        : Optional.empty();
  }

  List<String> list(String key) {
    YamlNode n = m.get(key);
    List<String> out = new ArrayList<>();
    for (YamlNode item : n.isList() ? n.list() : List.of(n)) {
      out.add(values.of(item));
    }
    return out;
  }

  Duration millis(String key, Duration fallback) {
    return has(key) ? Duration.ofMillis(m.get(key).intIn(1, 600_000)) : fallback;
  }

  URI url() {
    String v = required("url");
    YamlNode n = m.get("url");
    try {
      URI u = new URI(v);
      if (("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null) {
        return u;
      }
    } catch (URISyntaxException e) {
      // Reported below without echoing the URL, which is the credential.
    }
    throw n.invalid("an absolute http:// or https:// URL");
  }

  <E extends Enum<E>> E choice(String key, E fallback, Class<E> type) {
    if (!has(key)) {
      return fallback;
    }
    YamlNode n = m.get(key);
    Function<E, String> spelling = e -> e.name().toLowerCase(Locale.ROOT).replace("_", "");
    String v = n.text().trim().toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    for (E e : type.getEnumConstants()) {
      if (spelling.apply(e).equals(v)) {
        return e;
      }
    }
    throw n.error(
        "unknown value "
            + n.shown()
            + "; expected one of "
            + Arrays.stream(type.getEnumConstants()).map(spelling).toList());
  }

  Mentions mentions() {
    return new Mentions(
        has("mention-user-ids") ? list("mention-user-ids") : List.of(),
        has("mention-mobiles") ? list("mention-mobiles") : List.of(),
        has("mention-agent") && m.get("mention-agent").bool(),
        has("mention-all") && m.get("mention-all").bool());
  }
}
