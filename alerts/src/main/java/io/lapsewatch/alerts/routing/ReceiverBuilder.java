package io.lapsewatch.alerts.routing;

import io.lapsewatch.alerts.delivery.RateLimit;
import io.lapsewatch.alerts.notify.HttpOptions;
import io.lapsewatch.alerts.notify.Notifier;
import io.lapsewatch.alerts.notify.RetryPolicy;
import io.lapsewatch.alerts.template.MessageLocale;
import io.lapsewatch.alerts.template.MessageTemplates;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds a receiver of the routing file into a {@link Target}: reads the settings every channel
 * shares (locale, link, masking, rate limit, transport) and hands the rest to the channel's {@link
 * ChannelFactory}.
 */
final class ReceiverBuilder {
  /** In the order error messages list them. */
  private static final Map<String, ChannelFactory> CHANNELS = new LinkedHashMap<>();

  static {
    for (ChannelFactory f :
        List.of(
            new ConsoleChannelFactory(),
            new WebhookChannelFactory(),
            new WeComChannelFactory(),
            new DingTalkChannelFactory(),
            new FeishuChannelFactory(),
            new SlackChannelFactory(),
            new TeamsChannelFactory(),
            new EmailChannelFactory())) {
      CHANNELS.put(f.channel(), f);
    }
  }

  private static final Set<String> COMMON =
      Set.of(
          "channel",
          "locale",
          "link",
          "mask-personal-data",
          "rate-limit",
          "max-attempts",
          "initial-backoff-ms",
          "max-backoff-ms",
          "connect-timeout-ms",
          "timeout-ms");

  private final ResolvedValues values;
  private final HttpOptions http;

  ReceiverBuilder(ResolvedValues values, HttpOptions http) {
    this.values = values;
    this.http = http;
  }

  Target build(String name, YamlNode node, ReceiverDefaults defaults) {
    Map<String, YamlNode> raw = node.map();
    YamlNode channelNode = raw.get("channel");
    if (channelNode == null) {
      throw node.error("needs a channel, one of " + CHANNELS.keySet());
    }
    String channel = channelNode.text().trim().toLowerCase(Locale.ROOT);
    ChannelFactory factory = CHANNELS.get(channel);
    if (factory == null) {
      throw channelNode.error(
          "unknown channel " + channelNode.shown() + "; expected one of " + CHANNELS.keySet());
    }
    Map<String, YamlNode> m = node.mapWithKeys(ChannelFactory.union(COMMON, factory.keys()));
    ReceiverSettings s = new ReceiverSettings(m, node, values);

    MessageLocale locale =
        m.containsKey("locale") ? ReceiverDefaults.locale(m.get("locale")) : defaults.locale();
    Optional<String> link =
        m.containsKey("link") ? Optional.of(ReceiverDefaults.link(m.get("link"))) : defaults.link();
    boolean mask =
        m.containsKey("mask-personal-data") ? m.get("mask-personal-data").bool() : defaults.mask();
    MessageTemplates templates = new MessageTemplates(locale, mask, link);
    HttpOptions options = httpOptions(s);
    Optional<RateLimit> rateLimit = RateLimit.defaultFor(channel);
    if (m.containsKey("rate-limit")) {
      YamlNode r = m.get("rate-limit");
      try {
        rateLimit = RateLimit.parse(r.text());
      } catch (IllegalArgumentException e) {
        throw r.error(e.getMessage() + ", was " + r.shown());
      }
    }
    Notifier notifier;
    try {
      notifier = factory.create(s, templates, options);
    } catch (IllegalArgumentException e) {
      // The notifiers' own checks (mentions, action cards, addresses) name the setting.
      throw node.error(e.getMessage());
    }
    return new Target(name, notifier, rateLimit);
  }

  /** The service's transport defaults with the receiver's own retry and timeout keys applied. */
  private HttpOptions httpOptions(ReceiverSettings s) {
    RetryPolicy base = http.retry();
    int attempts = s.has("max-attempts") ? s.node("max-attempts").intIn(1, 20) : base.maxAttempts();
    Duration initial = s.millis("initial-backoff-ms", base.initialBackoff());
    Duration max = s.millis("max-backoff-ms", base.maxBackoff());
    if (max.compareTo(initial) < 0) {
      YamlNode n =
          s.has("max-backoff-ms") ? s.node("max-backoff-ms") : s.node("initial-backoff-ms");
      throw n.error("max-backoff-ms must be >= initial-backoff-ms (" + initial.toMillis() + ")");
    }
    return http.withRetry(new RetryPolicy(attempts, initial, max))
        .withTimeouts(
            s.millis("connect-timeout-ms", http.connectTimeout()),
            s.millis("timeout-ms", http.requestTimeout()));
  }
}
