package io.lapsewatch.alerts.routing;

import io.lapsewatch.alertcontract.RetentionAction;
import io.lapsewatch.alertcontract.RiskBand;
import io.lapsewatch.alertcontract.Tier;
import io.lapsewatch.alertcontract.settings.SecretResolver;
import io.lapsewatch.alerts.delivery.RateLimit;
import io.lapsewatch.alerts.notify.ConsoleNotifier;
import io.lapsewatch.alerts.notify.DingTalkNotifier;
import io.lapsewatch.alerts.notify.EmailNotifier;
import io.lapsewatch.alerts.notify.FeishuNotifier;
import io.lapsewatch.alerts.notify.HttpOptions;
import io.lapsewatch.alerts.notify.Mentions;
import io.lapsewatch.alerts.notify.Notifier;
import io.lapsewatch.alerts.notify.RetryPolicy;
import io.lapsewatch.alerts.notify.SlackNotifier;
import io.lapsewatch.alerts.notify.TeamsNotifier;
import io.lapsewatch.alerts.notify.WeComNotifier;
import io.lapsewatch.alerts.notify.WebhookNotifier;
import io.lapsewatch.alerts.template.MessageLocale;
import io.lapsewatch.alerts.template.MessageTemplates;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads and validates a routing file (YAML, version 1) and builds its receivers. Every error names
 * the file, the key path, the line and the bad value (hidden when it is a secret or personal data),
 * and says what was expected. See the module README for the format.
 */
public final class RoutingLoader {
  private static final Logger LOG = LoggerFactory.getLogger(RoutingLoader.class);

  /** The largest routing file accepted. */
  static final int MAX_FILE_CHARS = 1_000_000;

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

  /** Target names the service uses itself (the retention-actions writer). */
  static final Set<String> RESERVED = Set.of("retention-actions");

  private static final Set<String> TOP =
      Set.of("version", "defaults", "agents", "receivers", "routes", "default");
  private static final Set<String> DEFAULTS = Set.of("locale", "link", "mask-personal-data");
  private static final Set<String> MATCH =
      Set.of("tier", "action", "risk-band", "agent", "branch", "region");
  private static final Set<String> ROUTE = Set.of("name", "match", "receivers", "continue");
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
  private static final Set<String> MENTIONS =
      Set.of("mention-user-ids", "mention-mobiles", "mention-agent", "mention-all");
  private static final Map<String, Set<String>> CHANNEL_KEYS = new LinkedHashMap<>();

  static {
    CHANNEL_KEYS.put(ConsoleNotifier.CHANNEL, Set.of());
    CHANNEL_KEYS.put(WebhookNotifier.CHANNEL, Set.of("url"));
    CHANNEL_KEYS.put(WeComNotifier.CHANNEL, union(Set.of("url", "msgtype"), MENTIONS));
    CHANNEL_KEYS.put(DingTalkNotifier.CHANNEL, union(Set.of("url", "secret", "format"), MENTIONS));
    CHANNEL_KEYS.put(
        FeishuNotifier.CHANNEL,
        Set.of("url", "secret", "mention-user-ids", "mention-agent", "mention-all"));
    CHANNEL_KEYS.put(SlackNotifier.CHANNEL, Set.of("url"));
    CHANNEL_KEYS.put(TeamsNotifier.CHANNEL, Set.of("url"));
    CHANNEL_KEYS.put(
        EmailNotifier.CHANNEL,
        Set.of(
            "host",
            "port",
            "security",
            "username",
            "password",
            "from",
            "to",
            "to-agent",
            "subject-prefix",
            "read-timeout-ms",
            "write-timeout-ms",
            "ssl-trust",
            "ssl-check-server-identity"));
  }

  private final SecretResolver secrets;
  private final HttpOptions http;

  /**
   * @param http transport defaults for receivers (timeouts, retries); a receiver's own {@code
   *     max-attempts}, {@code timeout-ms}... override them
   */
  public RoutingLoader(SecretResolver secrets, HttpOptions http) {
    this.secrets = secrets;
    this.http = http;
  }

  /** Parses {@code content}, read from {@code file}; errors are prefixed with the file's name. */
  public RoutingTable load(Path file, byte[] content) {
    if (content.length > MAX_FILE_CHARS) {
      throw new RoutingConfigException(
          "routing file " + file + " is larger than " + MAX_FILE_CHARS + " bytes");
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(content))
              .toString();
    } catch (CharacterCodingException e) {
      throw new RoutingConfigException(
          "cannot read routing file "
              + file
              + ": "
              + e.getClass().getSimpleName()
              + " "
              + e.getMessage(),
          e);
    }
    return parse(text, file.getFileName().toString());
  }

  /** Parses routing YAML; {@code source} names it in errors. */
  public RoutingTable parse(String yaml, String source) {
    try {
      return build(compose(yaml), source);
    } catch (RoutingConfigException e) {
      throw new RoutingConfigException("routing file " + source + ": " + e.getMessage(), e);
    }
  }

  private static YamlNode compose(String yaml) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(20);
    options.setAllowRecursiveKeys(false);
    options.setCodePointLimit(MAX_FILE_CHARS);
    // Only composed into nodes, never constructed: no type is ever instantiated from the file.
    Yaml parser = new Yaml(new SafeConstructor(options));
    Node root;
    try {
      root = parser.compose(new StringReader(yaml));
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
      throw new RoutingConfigException("not valid YAML at line " + line + ": " + e.getProblem());
    } catch (YAMLException e) {
      throw new RoutingConfigException("not valid YAML: " + e.getMessage());
    }
    if (root == null) {
      throw new RoutingConfigException("is empty; it needs at least receivers and default");
    }
    return new YamlNode(root, "", false);
  }

  private RoutingTable build(YamlNode root, String source) {
    Map<String, YamlNode> top = root.mapWithKeys(TOP);
    YamlNode version = top.get("version");
    if (version == null || !version.text().trim().equals("1")) {
      throw (version == null ? root : version)
          .error(
              "version must be 1" + (version == null ? " (missing)" : ", was " + version.shown()));
    }
    Defaults defaults = defaults(top.get("defaults"));
    Map<String, AgentEntry> agents = agents(top.get("agents"));

    YamlNode receiversNode = require(top, "receivers", root);
    Map<String, Target> targets = new LinkedHashMap<>();
    try {
      for (Map.Entry<String, YamlNode> e : receiversNode.map().entrySet()) {
        if (RESERVED.contains(e.getKey())) {
          throw e.getValue()
              .error("receiver name '" + e.getKey() + "' is reserved for the service; rename it");
        }
        if (!NAME.matcher(e.getKey()).matches()) {
          throw e.getValue()
              .error(
                  "receiver name '"
                      + e.getKey()
                      + "' must be lower-case letters, digits, '-' or '_' (at most 63)");
        }
        targets.put(e.getKey(), receiver(e.getKey(), e.getValue(), defaults));
      }
      if (targets.isEmpty()) {
        throw receiversNode.error("must define at least one receiver");
      }
      List<Route> routes = new ArrayList<>();
      YamlNode routesNode = top.get("routes");
      if (routesNode != null && !routesNode.isNull()) {
        for (YamlNode r : routesNode.list()) {
          routes.add(route(r, targets.keySet()));
        }
      }
      YamlNode def = require(top, "default", root);
      Map<String, YamlNode> defMap = def.mapWithKeys(Set.of("receivers"));
      List<String> defaultReceivers =
          receiverNames(require(defMap, "receivers", def), targets.keySet());

      Set<String> used = new HashSet<>(defaultReceivers);
      routes.forEach(r -> used.addAll(r.receivers()));
      for (String name : targets.keySet()) {
        if (!used.contains(name)) {
          LOG.warn("Routing file {}: receiver '{}' is defined but no route uses it", source, name);
        }
      }
      return new RoutingTable(routes, defaultReceivers, agents, targets, source);
    } catch (RuntimeException e) {
      // Receivers already built hold HTTP clients and sessions; nothing may leak on a bad file.
      targets.values().forEach(t -> t.notifier().close());
      throw e;
    }
  }

  /** Settings every receiver inherits unless it sets its own. */
  private record Defaults(MessageLocale locale, Optional<String> link, boolean mask) {}

  private Defaults defaults(YamlNode node) {
    if (node == null || node.isNull()) {
      return new Defaults(MessageLocale.ZH_CN, Optional.empty(), true);
    }
    Map<String, YamlNode> m = node.mapWithKeys(DEFAULTS);
    return new Defaults(
        m.containsKey("locale") ? locale(m.get("locale")) : MessageLocale.ZH_CN,
        m.containsKey("link") ? Optional.of(link(m.get("link"))) : Optional.empty(),
        !m.containsKey("mask-personal-data") || m.get("mask-personal-data").bool());
  }

  private Map<String, AgentEntry> agents(YamlNode node) {
    Map<String, AgentEntry> out = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return out;
    }
    for (Map.Entry<String, YamlNode> e : node.map().entrySet()) {
      Map<String, String> attributes = new LinkedHashMap<>();
      for (Map.Entry<String, YamlNode> a :
          e.getValue().mapWithKeys(AgentEntry.KEYS.keySet()).entrySet()) {
        attributes.put(AgentEntry.KEYS.get(a.getKey()), value(a.getValue()));
      }
      out.put(e.getKey(), new AgentEntry(attributes));
    }
    return out;
  }

  private Route route(YamlNode node, Set<String> receivers) {
    Map<String, YamlNode> m = node.mapWithKeys(ROUTE);
    String name = m.containsKey("name") ? m.get("name").text() : node.path();
    RouteMatch match = RouteMatch.ANY;
    YamlNode matchNode = m.get("match");
    if (matchNode != null && !matchNode.isNull()) {
      Map<String, YamlNode> mm = matchNode.mapWithKeys(MATCH);
      match =
          new RouteMatch(
              enums(mm.get("tier"), Tier.class),
              enums(mm.get("action"), RetentionAction.class),
              enums(mm.get("risk-band"), RiskBand.class),
              strings(mm.get("agent")),
              strings(mm.get("branch")),
              strings(mm.get("region")));
    }
    List<String> names = receiverNames(require(m, "receivers", node), receivers);
    boolean cont = m.containsKey("continue") && m.get("continue").bool();
    return new Route(name, match, names, cont, node.line());
  }

  private static List<String> receiverNames(YamlNode node, Set<String> defined) {
    List<YamlNode> items = node.isList() ? node.list() : List.of(node);
    if (items.isEmpty()) {
      throw node.error("must name at least one receiver");
    }
    Set<String> out = new LinkedHashSet<>();
    for (YamlNode item : items) {
      String name = item.text();
      if (!defined.contains(name)) {
        throw item.error("unknown receiver '" + name + "'; defined receivers: " + defined);
      }
      out.add(name);
    }
    return List.copyOf(out);
  }

  private static <E extends Enum<E>> Set<E> enums(YamlNode node, Class<E> type) {
    if (node == null || node.isNull()) {
      return Set.of();
    }
    Set<E> out = new HashSet<>();
    List<YamlNode> items = node.isList() ? node.list() : List.of(node);
    for (YamlNode item : items) {
      String v = item.text().trim().toUpperCase(Locale.ROOT).replace('-', '_');
      try {
        out.add(Enum.valueOf(type, v));
      } catch (IllegalArgumentException e) {
        throw item.error(
            "unknown value "
                + item.shown()
                + "; expected one of "
                + Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
      }
    }
    return out;
  }

  private Set<String> strings(YamlNode node) {
    if (node == null || node.isNull()) {
      return Set.of();
    }
    Set<String> out = new HashSet<>();
    for (YamlNode item : node.isList() ? node.list() : List.of(node)) {
      out.add(value(item));
    }
    return out;
  }

  private static YamlNode require(Map<String, YamlNode> m, String key, YamlNode parent) {
    YamlNode n = m.get(key);
    if (n == null || n.isNull()) {
      throw new RoutingConfigException(
          (parent.path().isEmpty() ? key : parent.path() + "." + key)
              + " is required (near line "
              + parent.line()
              + ")");
    }
    return n;
  }

  /** A scalar with {@code ${env:..}} and {@code ${file:..}} filled in. */
  private String value(YamlNode node) {
    return secrets.resolve(node.text(), node.where(), RoutingConfigException::new).trim();
  }

  // ------------------------------------------------------------------ receivers

  private Target receiver(String name, YamlNode node, Defaults defaults) {
    Map<String, YamlNode> raw = node.map();
    YamlNode channelNode = raw.get("channel");
    if (channelNode == null) {
      throw node.error("needs a channel, one of " + CHANNEL_KEYS.keySet());
    }
    String channel = channelNode.text().trim().toLowerCase(Locale.ROOT);
    Set<String> specific = CHANNEL_KEYS.get(channel);
    if (specific == null) {
      throw channelNode.error(
          "unknown channel " + channelNode.shown() + "; expected one of " + CHANNEL_KEYS.keySet());
    }
    Map<String, YamlNode> m = node.mapWithKeys(union(COMMON, specific));
    Settings s = new Settings(m, node);

    MessageLocale locale = m.containsKey("locale") ? locale(m.get("locale")) : defaults.locale();
    Optional<String> link =
        m.containsKey("link") ? Optional.of(link(m.get("link"))) : defaults.link();
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
      notifier = notifier(channel, s, templates, options);
    } catch (IllegalArgumentException e) {
      // The notifiers' own checks (mentions, action cards, addresses) name the setting.
      throw node.error(e.getMessage());
    }
    return new Target(name, notifier, rateLimit);
  }

  private Notifier notifier(
      String channel, Settings s, MessageTemplates templates, HttpOptions options) {
    switch (channel) {
      case ConsoleNotifier.CHANNEL:
        return ConsoleNotifier.stdout();
      case WebhookNotifier.CHANNEL:
        return WebhookNotifier.builder(s.url())
            .connectTimeout(options.connectTimeout())
            .requestTimeout(options.requestTimeout())
            .maxAttempts(options.retry().maxAttempts())
            .initialBackoff(options.retry().initialBackoff())
            .maxBackoff(options.retry().maxBackoff())
            .build();
      case WeComNotifier.CHANNEL:
        return new WeComNotifier(
            s.url(),
            templates,
            s.choice("msgtype", WeComNotifier.MsgType.MARKDOWN, WeComNotifier.MsgType.class),
            s.mentions(),
            options);
      case DingTalkNotifier.CHANNEL:
        return new DingTalkNotifier(
            s.url(),
            s.optional("secret"),
            templates,
            s.choice("format", DingTalkNotifier.Format.MARKDOWN, DingTalkNotifier.Format.class),
            s.mentions(),
            options);
      case FeishuNotifier.CHANNEL:
        return new FeishuNotifier(s.url(), s.optional("secret"), templates, s.mentions(), options);
      case SlackNotifier.CHANNEL:
        return new SlackNotifier(s.url(), templates, options);
      case TeamsNotifier.CHANNEL:
        return new TeamsNotifier(s.url(), templates, options);
      case EmailNotifier.CHANNEL:
        return email(s, templates, options);
      default:
        throw new IllegalStateException("unreachable: channel " + channel);
    }
  }

  private Notifier email(Settings s, MessageTemplates templates, HttpOptions options) {
    EmailNotifier.Security security =
        s.choice("security", EmailNotifier.Security.STARTTLS, EmailNotifier.Security.class);
    int defaultPort = security == EmailNotifier.Security.TLS ? 465 : 587;
    EmailNotifier.Smtp smtp =
        new EmailNotifier.Smtp(
            s.required("host"),
            s.has("port") ? s.node("port").intIn(1, 65535) : defaultPort,
            security,
            s.optional("username"),
            s.optional("password"),
            options.connectTimeout(),
            s.millis("read-timeout-ms", options.requestTimeout()),
            s.millis("write-timeout-ms", options.requestTimeout()),
            s.optional("ssl-trust"),
            !s.has("ssl-check-server-identity") || s.node("ssl-check-server-identity").bool());
    return new EmailNotifier(
        smtp,
        s.required("from"),
        s.has("to") ? s.list("to") : List.of(),
        s.has("to-agent") && s.node("to-agent").bool(),
        s.optional("subject-prefix").orElse("[LapseWatch] "),
        templates,
        options);
  }

  private HttpOptions httpOptions(Settings s) {
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

  private static MessageLocale locale(YamlNode n) {
    try {
      return MessageLocale.parse(n.text());
    } catch (IllegalArgumentException e) {
      throw n.error(e.getMessage());
    }
  }

  private static String link(YamlNode n) {
    try {
      MessageTemplates.validateLinkTemplate(n.text().trim());
      return n.text().trim();
    } catch (IllegalArgumentException e) {
      throw n.error(e.getMessage());
    }
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> s = new HashSet<>(a);
    s.addAll(b);
    return Set.copyOf(s);
  }

  /** One receiver's settings with typed, located accessors. */
  private final class Settings {
    private final Map<String, YamlNode> m;
    private final YamlNode receiver;

    Settings(Map<String, YamlNode> m, YamlNode receiver) {
      this.m = m;
      this.receiver = receiver;
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
      return value(m.get(key));
    }

    Optional<String> optional(String key) {
      return has(key) ? Optional.of(value(m.get(key))).filter(v -> !v.isEmpty()) : Optional.empty();
    }

    List<String> list(String key) {
      YamlNode n = m.get(key);
      List<String> out = new ArrayList<>();
      for (YamlNode item : n.isList() ? n.list() : List.of(n)) {
        out.add(value(item));
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
        if (("http".equals(u.getScheme()) || "https".equals(u.getScheme()))
            && u.getHost() != null) {
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
}
