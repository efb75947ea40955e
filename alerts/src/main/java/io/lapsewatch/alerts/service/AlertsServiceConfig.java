package io.lapsewatch.alerts.service;

import io.lapsewatch.alertcontract.settings.DeclaredSetting;
import io.lapsewatch.alertcontract.settings.KafkaPassThrough;
import io.lapsewatch.alertcontract.settings.SecretKeys;
import io.lapsewatch.alertcontract.settings.SecretResolver;
import io.lapsewatch.alerts.metrics.HttpLimits;
import io.lapsewatch.retentiondesk.RetentionDeskConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Validated configuration of the alerts service, read from string keys (a properties file, then
 * {@code LAPSEWATCH_*} environment overrides). Each part of the service gets its own slice.
 */
public final class AlertsServiceConfig {
  public static final String BOOTSTRAP_SERVERS = "kafka.bootstrap-servers";

  /**
   * Prefix of Kafka client settings passed through verbatim, e.g. {@code
   * kafka.properties.security.protocol}: the same as the scoring job's.
   */
  public static final String KAFKA_PROPERTIES_PREFIX = KafkaPassThrough.PREFIX;

  /** The prefix before {@link #KAFKA_PROPERTIES_PREFIX}; a key under it is refused by name. */
  private static final String OLD_KAFKA_CLIENT_PREFIX = "kafka.client.";

  public static final String TOPIC = "alerts.topic";
  public static final String GROUP_ID = "alerts.group-id";
  public static final String DEAD_LETTER_TOPIC = "alerts.dead-letter-topic";
  public static final String MAX_POLL_RECORDS = "alerts.max-poll-records";
  public static final String CONSOLE_ENABLED = "console.enabled";
  public static final String WEBHOOK_URL = "webhook.url";
  public static final String WEBHOOK_CONNECT_TIMEOUT_MS = "webhook.connect-timeout-ms";
  public static final String WEBHOOK_TIMEOUT_MS = "webhook.timeout-ms";
  public static final String WEBHOOK_MAX_ATTEMPTS = "webhook.max-attempts";
  public static final String WEBHOOK_INITIAL_BACKOFF_MS = "webhook.initial-backoff-ms";
  public static final String WEBHOOK_MAX_BACKOFF_MS = "webhook.max-backoff-ms";
  public static final String METRICS_HOST = "metrics.host";
  public static final String METRICS_PORT = "metrics.port";
  public static final String METRICS_HEADER_TIMEOUT_MS = "metrics.header-timeout-ms";
  public static final String METRICS_READ_TIMEOUT_MS = "metrics.read-timeout-ms";
  public static final String METRICS_IDLE_TIMEOUT_MS = "metrics.idle-timeout-ms";
  public static final String METRICS_MAX_CONNECTIONS = "metrics.max-connections";
  public static final String ROUTING_FILE = "routing.file";
  public static final String ROUTING_RELOAD_INTERVAL_MS = "routing.reload-interval-ms";
  public static final String REDIS_URL = "redis.url";
  public static final String REDIS_PASSWORD = "redis.password";
  public static final String REDIS_PASSWORD_FILE = "redis.password-file";
  public static final String LOG_LEASE_MS = "notification-log.lease-ms";
  public static final String LOG_TTL_HOURS = "notification-log.ttl-hours";
  public static final String LOG_KEY_PREFIX = "notification-log.key-prefix";
  public static final String DELIVERY_MAX_ATTEMPTS = "delivery.max-attempts";
  public static final String DELIVERY_INITIAL_BACKOFF_MS = "delivery.initial-backoff-ms";
  public static final String DELIVERY_MAX_BACKOFF_MS = "delivery.max-backoff-ms";
  public static final String DELIVERY_CONNECT_TIMEOUT_MS = "delivery.connect-timeout-ms";
  public static final String DELIVERY_TIMEOUT_MS = "delivery.timeout-ms";
  public static final String DELIVERY_GIVE_UP_AFTER_MS = "delivery.give-up-after-ms";
  public static final String OUTCOMES_ENABLED = "outcomes.enabled";
  public static final String OUTCOMES_TOPIC = "outcomes.topic";
  public static final String OUTCOMES_WINDOW_DAYS = "outcomes.window-days";
  public static final String ACTIONS_ENABLED = "actions.enabled";
  public static final String ACTIONS_TOPIC = "actions.topic";

  /**
   * Settings of the removed {@code POST /callbacks} endpoint; a key naming them is refused,
   * pointing at the retention desk that replaced it.
   */
  private static final List<String> REMOVED_CALLBACK_KEYS =
      List.of("callbacks.", "actions.callback-token");

  /** Every key this class reads, with its default (null = required or optional without one). */
  private static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

  /** Every key this class reads, with its default and meaning (docs/settings.md). */
  private static final List<DeclaredSetting> DECLARED = new ArrayList<>();

  private static void declare(String key, String defaultValue, String description) {
    DEFAULTS.put(key, defaultValue);
    DECLARED.add(new DeclaredSetting(key, defaultValue, description));
  }

  static {
    declare(BOOTSTRAP_SERVERS, null, "Kafka brokers, host:port[,host:port...] (required).");
    declare(TOPIC, "retention-alerts", "Topic the alerts are read from.");
    declare(GROUP_ID, "lapsewatch-alerts", "Consumer group; offsets are committed under it.");
    declare(
        DEAD_LETTER_TOPIC,
        "retention-alerts-dlq",
        "Where unreadable and undeliverable alerts go; must differ from alerts.topic.");
    // Small batches: a batch is committed only when all of it is delivered, and slow webhooks
    // must not push a batch past max.poll.interval.ms (5 minutes).
    declare(
        MAX_POLL_RECORDS,
        "50",
        "Batch size, 1..10000; a batch is committed only once all of it is delivered.");
    declare(CONSOLE_ENABLED, "true", "Print each alert to stdout (without a routing file).");
    declare(
        WEBHOOK_URL,
        null,
        "Generic JSON webhook (without a routing file), http or https; treated as a secret.");
    declare(
        WEBHOOK_CONNECT_TIMEOUT_MS,
        "5000",
        "TCP/TLS connect timeout of the webhook, 1..600000 ms.");
    declare(
        WEBHOOK_TIMEOUT_MS,
        "10000",
        "Time for one webhook request to get its response, 1..600000 ms.");
    declare(WEBHOOK_MAX_ATTEMPTS, "5", "Tries per alert, the first included, 1..20.");
    declare(
        WEBHOOK_INITIAL_BACKOFF_MS,
        "500",
        "Backoff before the second try, doubling each time, 1..600000 ms.");
    declare(
        WEBHOOK_MAX_BACKOFF_MS,
        "30000",
        "Longest wait between tries (Retry-After included), >= the initial backoff.");
    // Loopback by default: metrics are not meant for the open network unless asked for.
    declare(
        METRICS_HOST,
        "127.0.0.1",
        "Address of /metrics, /-/healthy and the retention desk's pages (/desk/); set 0.0.0.0 to"
            + " expose.");
    declare(METRICS_PORT, "9464", "Port of the HTTP endpoints, 0..65535; 0 picks a free one.");
    // Limits of the HTTP port (metrics, health, desk pages) so slow clients cannot starve it; the
    // reasons for each default are in HttpLimits.defaults().
    HttpLimits http = HttpLimits.defaults();
    declare(
        METRICS_HEADER_TIMEOUT_MS,
        Long.toString(http.headerTimeout().toMillis()),
        "A request's line and headers must arrive in full within this long (from the"
            + " connection's opening, or the first byte of a later request on it), else the"
            + " connection is closed, 100..600000 ms.");
    declare(
        METRICS_READ_TIMEOUT_MS,
        Long.toString(http.readTimeout().toMillis()),
        "A body read or response write that makes no progress this long fails, 100..600000 ms.");
    declare(
        METRICS_IDLE_TIMEOUT_MS,
        Long.toString(http.idleTimeout().toMillis()),
        "A connection with no request in progress and no traffic this long is closed (longer"
            + " than a 15 s scrape interval, so scrapes reuse their connection), 100..3600000 ms.");
    declare(
        METRICS_MAX_CONNECTIONS,
        Integer.toString(http.maxConnections()),
        "Connections held at most, 1..100000; beyond it new ones wait in the accept backlog"
            + " and the held ones time out after metrics.header-timeout-ms of silence.");
    // Without a routing file every alert goes to the console and webhook notifiers above.
    declare(
        ROUTING_FILE,
        null,
        "YAML routing rules; without it every alert goes to the console and webhook notifiers.");
    declare(
        ROUTING_RELOAD_INTERVAL_MS,
        "5000",
        "How often the routing file is checked for changes, 100..3600000 ms; a change is loaded once"
            + " two checks in a row see the same file.");
    // The same Redis (and keys) as the scoring job's feature store; without it the notification
    // log lives in memory and replays after a restart are not deduplicated.
    declare(
        REDIS_URL,
        null,
        "Redis of the notification log (redis:// or rediss://); unset = in memory. Treated as a secret.");
    declare(REDIS_PASSWORD, null, "Redis password; never logged.");
    declare(
        REDIS_PASSWORD_FILE,
        null,
        "A file holding the Redis password (a mounted secret); not with redis.password.");
    // Longer than the slowest delivery (retries included) so a live claim never expires; a
    // crash mid-send delays that alert by at most this much.
    declare(
        LOG_LEASE_MS,
        "120000",
        "How long a claim protects a delivery in progress, 1000..3600000 ms; longer than the slowest delivery.");
    // 90 days: alerts are raised at most 90 days before renewal, so a replay cannot be older.
    declare(
        LOG_TTL_HOURS,
        "2160",
        "How long a delivery is remembered (2160 = 90 days), 1..9600 hours.");
    declare(LOG_KEY_PREFIX, "lw:notif:v1:", "Redis key prefix of the notification log.");
    declare(
        DELIVERY_MAX_ATTEMPTS,
        "5",
        "Tries per message for routed receivers (a receiver may override), 1..20.");
    declare(
        DELIVERY_INITIAL_BACKOFF_MS,
        "500",
        "Backoff before the second try, doubling with jitter, 1..600000 ms.");
    declare(
        DELIVERY_MAX_BACKOFF_MS,
        "30000",
        "Longest wait between tries (Retry-After included), >= the initial backoff.");
    declare(
        DELIVERY_CONNECT_TIMEOUT_MS, "5000", "TCP/TLS connect timeout (SMTP too), 1..600000 ms.");
    declare(
        DELIVERY_TIMEOUT_MS,
        "10000",
        "Time for one request to get its response (SMTP read/write too), 1..600000 ms.");
    // A receiver that keeps failing transiently (5xx, 429, refused connections) is retried this
    // long before its alerts are dead-lettered: outages of a few minutes deliver late, not never.
    declare(
        DELIVERY_GIVE_UP_AFTER_MS,
        "300000",
        "How long a receiver that keeps failing transiently (5xx, 429, refused connection, SMTP"
            + " down) is retried, in rounds of delivery.max-attempts with pauses of 1 s doubling"
            + " to 15 s, before its alerts are dead-lettered; applies to webhook.* too,"
            + " 0..3600000 ms. 0 dead-letters after the first round. Answers retrying cannot fix"
            + " (404, bad signature) are dead-lettered at once. The consumer's"
            + " max.poll.interval.ms is raised by this much.");
    declare(OUTCOMES_ENABLED, "false", "Read outcomes.topic into the recovery-rate metrics.");
    declare(
        OUTCOMES_TOPIC,
        "retention-outcomes",
        "Outcome topic written by the scoring job; must differ from alerts.topic.");
    declare(OUTCOMES_WINDOW_DAYS, "30", "Rolling window of the recovery rate, 1..365 days.");
    declare(
        ACTIONS_ENABLED, "false", "Write one action record per treated alert to actions.topic.");
    declare(ACTIONS_TOPIC, "retention-actions", "Where renewal offers and callback tasks go.");
  }

  /** Key prefixes this service owns: an unknown key under them is a typo, not someone else's. */
  private static final List<String> OWN_PREFIXES =
      List.of(
          "kafka.",
          "alerts.",
          "webhook.",
          "console.",
          "metrics.",
          "routing.",
          "notification-log.",
          "delivery.",
          "outcomes.",
          "actions.");

  /** Keys outside the own prefixes that this service reads (shared with the scoring job). */
  private static final List<String> SHARED_KEYS =
      List.of(REDIS_URL, REDIS_PASSWORD, REDIS_PASSWORD_FILE);

  private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
  private static final Pattern HOST_PORT = Pattern.compile("[^\\s:,]+:(\\d{1,5})");

  /** Where the service reads alerts and writes dead letters. */
  public record KafkaSettings(
      String bootstrapServers,
      String topic,
      String groupId,
      String deadLetterTopic,
      int maxPollRecords,
      Map<String, String> clientProperties) {}

  /** The generic JSON webhook; present only when {@code webhook.url} is set. */
  public record WebhookSettings(
      URI url,
      Duration connectTimeout,
      Duration requestTimeout,
      int maxAttempts,
      Duration initialBackoff,
      Duration maxBackoff) {
    @Override
    public String toString() {
      // The URL is the credential for most chat webhooks.
      return "WebhookSettings[url=<redacted>, requestTimeout=" + requestTimeout + "]";
    }
  }

  /** Address and limits of the {@code /metrics}, {@code /-/healthy} and desk pages' port. */
  public record MetricsSettings(String host, int port, HttpLimits limits) {
    /** With the default limits. */
    public MetricsSettings(String host, int port) {
      this(host, port, HttpLimits.defaults());
    }
  }

  /** The routing file and how often to look for changes. */
  public record RoutingSettings(Path file, Duration reloadInterval) {}

  /**
   * The notification log: Redis (when {@code redis.url} is set) or memory, the claim lease, how
   * long deliveries are remembered, and the key prefix.
   */
  public record NotificationLogSettings(
      Optional<String> redisUrl,
      Optional<String> redisPassword,
      Duration lease,
      Duration ttl,
      String keyPrefix) {
    @Override
    public String toString() {
      return "NotificationLogSettings[redis="
          + (redisUrl.isPresent() ? "configured" : "none")
          + ", lease="
          + lease
          + ", ttl="
          + ttl
          + "]";
    }
  }

  /** Transport defaults for the receivers of the routing file (each may override them). */
  public record DeliverySettings(
      int maxAttempts,
      Duration initialBackoff,
      Duration maxBackoff,
      Duration connectTimeout,
      Duration requestTimeout,
      Duration giveUpAfter) {}

  /** The outcome consumer feeding recovery-rate metrics. */
  public record OutcomeSettings(boolean enabled, String topic, int windowDays) {}

  /** The retention-actions writer. */
  public record ActionSettings(boolean enabled, String topic) {}

  private final KafkaSettings kafka;
  private final Optional<WebhookSettings> webhook;
  private final MetricsSettings metrics;
  private final boolean consoleEnabled;
  private final Optional<RoutingSettings> routing;
  private final NotificationLogSettings notificationLog;
  private final DeliverySettings delivery;
  private final OutcomeSettings outcomes;
  private final ActionSettings actions;
  private final RetentionDeskConfig desk;
  private final Map<String, String> environment;

  private AlertsServiceConfig(
      KafkaSettings kafka,
      Optional<WebhookSettings> webhook,
      MetricsSettings metrics,
      boolean consoleEnabled,
      Optional<RoutingSettings> routing,
      NotificationLogSettings notificationLog,
      DeliverySettings delivery,
      OutcomeSettings outcomes,
      ActionSettings actions,
      RetentionDeskConfig desk,
      Map<String, String> environment) {
    this.kafka = kafka;
    this.webhook = webhook;
    this.metrics = metrics;
    this.consoleEnabled = consoleEnabled;
    this.routing = routing;
    this.notificationLog = notificationLog;
    this.delivery = delivery;
    this.outcomes = outcomes;
    this.actions = actions;
    this.desk = desk;
    this.environment = Map.copyOf(environment);
  }

  /**
   * Reads and validates {@code settings}; keys outside this service's prefixes are ignored, so a
   * properties file may be shared with other components.
   *
   * @throws IllegalArgumentException naming the first bad key and (unless secret) its value
   */
  public static AlertsServiceConfig from(Map<String, String> settings) {
    return from(settings, System.getenv());
  }

  /**
   * Like {@link #from(Map)}, with {@code environment} for the routing file's {@code ${env:...}}
   * secrets (tests pass their own).
   */
  public static AlertsServiceConfig from(
      Map<String, String> settings, Map<String, String> environment) {
    for (String key : settings.keySet()) {
      if (REMOVED_CALLBACK_KEYS.stream().anyMatch(key::startsWith)) {
        // A silently ignored token would leave an agents' app posting into a 404.
        throw new IllegalArgumentException(
            "'"
                + key
                + "': POST /callbacks and its token are gone; agents record results on the"
                + " retention desk's case pages (the signed link in every message, see"
                + " docs/operations.md). Remove the setting; the desk runs when "
                + RetentionDeskConfig.REDIS_URL
                + " and "
                + RetentionDeskConfig.LINK_SECRET
                + " are set");
      }
      if (key.startsWith(OLD_KAFKA_CLIENT_PREFIX)) {
        // One prefix for the job and the service; a silently ignored security setting would
        // connect without TLS or SASL.
        throw new IllegalArgumentException(
            "'"
                + key
                + "': Kafka client settings now go under "
                + KAFKA_PROPERTIES_PREFIX
                + " (as for the scoring job); rename it to "
                + KAFKA_PROPERTIES_PREFIX
                + key.substring(OLD_KAFKA_CLIENT_PREFIX.length()));
      }
      boolean ours = OWN_PREFIXES.stream().anyMatch(key::startsWith) || SHARED_KEYS.contains(key);
      if (ours && !DEFAULTS.containsKey(key) && !KafkaPassThrough.isPassThrough(key)) {
        throw new IllegalArgumentException(
            "unknown configuration key '" + key + "'; known keys: " + DEFAULTS.keySet());
      }
    }
    KeyReader r = new KeyReader(settings);
    KafkaSettings kafka = kafka(r, settings, environment);
    OutcomeSettings outcomes =
        new OutcomeSettings(
            r.bool(OUTCOMES_ENABLED),
            r.topic(OUTCOMES_TOPIC),
            r.intIn(OUTCOMES_WINDOW_DAYS, 1, 365));
    if (outcomes.topic().equals(kafka.topic())) {
      throw new IllegalArgumentException(
          OUTCOMES_TOPIC + " must differ from " + TOPIC + ", both were '" + kafka.topic() + "'");
    }
    return new AlertsServiceConfig(
        kafka,
        webhook(r),
        metrics(r),
        r.bool(CONSOLE_ENABLED),
        routing(r),
        notificationLog(r),
        delivery(r),
        outcomes,
        new ActionSettings(r.bool(ACTIONS_ENABLED), r.topic(ACTIONS_TOPIC)),
        RetentionDeskConfig.from(settings, environment),
        environment);
  }

  private static KafkaSettings kafka(
      KeyReader r, Map<String, String> settings, Map<String, String> environment) {
    String bootstrap = r.required(BOOTSTRAP_SERVERS, "host:port[,host:port...]");
    for (String server : bootstrap.split(",")) {
      var m = HOST_PORT.matcher(server.trim());
      if (!m.matches()
          || Integer.parseInt(m.group(1)) < 1
          || Integer.parseInt(m.group(1)) > 65535) {
        throw r.invalid(BOOTSTRAP_SERVERS, "host:port[,host:port...]");
      }
    }
    String topic = r.topic(TOPIC);
    String deadLetterTopic = r.topic(DEAD_LETTER_TOPIC);
    if (topic.equals(deadLetterTopic)) {
      // Dead letters would be consumed again and again.
      throw new IllegalArgumentException(
          DEAD_LETTER_TOPIC + " must differ from " + TOPIC + ", both were '" + topic + "'");
    }
    String groupId = r.nonBlank(GROUP_ID);
    int maxPollRecords = r.intIn(MAX_POLL_RECORDS, 1, 10_000);
    // ${env:NAME} / ${file:/path} in client settings (e.g. sasl.jaas.config), as in the routing
    // file, so a JAAS password need not sit in the properties file.
    Map<String, String> client =
        KafkaPassThrough.extract(settings, new SecretResolver(environment));
    return new KafkaSettings(
        bootstrap.trim(), topic, groupId, deadLetterTopic, maxPollRecords, Map.copyOf(client));
  }

  private static Optional<WebhookSettings> webhook(KeyReader r) {
    Optional<String> url = r.optional(WEBHOOK_URL);
    if (url.isEmpty()) {
      return Optional.empty();
    }
    int initialBackoff = r.intIn(WEBHOOK_INITIAL_BACKOFF_MS, 1, 600_000);
    int maxBackoff = r.intIn(WEBHOOK_MAX_BACKOFF_MS, 1, 600_000);
    requireAtLeast(WEBHOOK_MAX_BACKOFF_MS, maxBackoff, WEBHOOK_INITIAL_BACKOFF_MS, initialBackoff);
    return Optional.of(
        new WebhookSettings(
            r.httpUrl(WEBHOOK_URL, url.get()),
            Duration.ofMillis(r.intIn(WEBHOOK_CONNECT_TIMEOUT_MS, 1, 600_000)),
            Duration.ofMillis(r.intIn(WEBHOOK_TIMEOUT_MS, 1, 600_000)),
            r.intIn(WEBHOOK_MAX_ATTEMPTS, 1, 20),
            Duration.ofMillis(initialBackoff),
            Duration.ofMillis(maxBackoff)));
  }

  private static MetricsSettings metrics(KeyReader r) {
    return new MetricsSettings(
        r.nonBlank(METRICS_HOST),
        r.intIn(METRICS_PORT, 0, 65535),
        new HttpLimits(
            Duration.ofMillis(r.intIn(METRICS_HEADER_TIMEOUT_MS, 100, 600_000)),
            Duration.ofMillis(r.intIn(METRICS_READ_TIMEOUT_MS, 100, 600_000)),
            Duration.ofMillis(r.intIn(METRICS_IDLE_TIMEOUT_MS, 100, 3_600_000)),
            r.intIn(METRICS_MAX_CONNECTIONS, 1, 100_000)));
  }

  private static Optional<RoutingSettings> routing(KeyReader r) {
    return r.optional(ROUTING_FILE)
        .map(
            f ->
                new RoutingSettings(
                    Path.of(f),
                    Duration.ofMillis(r.intIn(ROUTING_RELOAD_INTERVAL_MS, 100, 3_600_000))));
  }

  private static NotificationLogSettings notificationLog(KeyReader r) {
    Optional<String> redisUrl = r.optional(REDIS_URL);
    if (redisUrl.isPresent()
        && !(redisUrl.get().startsWith("redis://") || redisUrl.get().startsWith("rediss://"))) {
      throw r.invalid(REDIS_URL, "a redis:// or rediss:// URL");
    }
    return new NotificationLogSettings(
        redisUrl,
        valueOrFile(r, REDIS_PASSWORD, REDIS_PASSWORD_FILE),
        Duration.ofMillis(r.intIn(LOG_LEASE_MS, 1000, 3_600_000)),
        Duration.ofHours(r.intIn(LOG_TTL_HOURS, 1, 24 * 400)),
        r.nonBlank(LOG_KEY_PREFIX));
  }

  private static DeliverySettings delivery(KeyReader r) {
    int initial = r.intIn(DELIVERY_INITIAL_BACKOFF_MS, 1, 600_000);
    int max = r.intIn(DELIVERY_MAX_BACKOFF_MS, 1, 600_000);
    requireAtLeast(DELIVERY_MAX_BACKOFF_MS, max, DELIVERY_INITIAL_BACKOFF_MS, initial);
    return new DeliverySettings(
        r.intIn(DELIVERY_MAX_ATTEMPTS, 1, 20),
        Duration.ofMillis(initial),
        Duration.ofMillis(max),
        Duration.ofMillis(r.intIn(DELIVERY_CONNECT_TIMEOUT_MS, 1, 600_000)),
        Duration.ofMillis(r.intIn(DELIVERY_TIMEOUT_MS, 1, 600_000)),
        Duration.ofMillis(r.intIn(DELIVERY_GIVE_UP_AFTER_MS, 0, 3_600_000)));
  }

  /** A secret given either inline ({@code key}) or as a file holding it ({@code fileKey}). */
  private static Optional<String> valueOrFile(KeyReader r, String key, String fileKey) {
    Optional<String> value = r.optional(key);
    Optional<String> file = r.optional(fileKey);
    if (file.isEmpty()) {
      return value;
    }
    if (value.isPresent()) {
      throw new IllegalArgumentException("set " + key + " or " + fileKey + ", not both");
    }
    try {
      return Optional.of(Files.readString(Path.of(file.get()), StandardCharsets.UTF_8).strip());
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          fileKey + " cannot be read: '" + file.get() + "' (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static void requireAtLeast(String key, int value, String lowerKey, int lower) {
    if (value < lower) {
      throw new IllegalArgumentException(
          key + " must be >= " + lowerKey + " (" + lower + "), was '" + value + "'");
    }
  }

  /** Reads a {@link Properties} object; see {@link #from(Map)}. */
  public static AlertsServiceConfig from(Properties properties) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String name : properties.stringPropertyNames()) {
      m.put(name, properties.getProperty(name));
    }
    return from(m);
  }

  /**
   * Reads a properties file (may be null: environment only), then lets {@code LAPSEWATCH_*}
   * variables in {@code env} override it (see {@link #environmentName(String)}).
   */
  public static AlertsServiceConfig load(Path propertiesFile, Map<String, String> env)
      throws IOException {
    Map<String, String> settings = new LinkedHashMap<>();
    if (propertiesFile != null) {
      Properties p = new Properties();
      try (java.io.Reader in = Files.newBufferedReader(propertiesFile, StandardCharsets.UTF_8)) {
        p.load(in);
      }
      for (String name : p.stringPropertyNames()) {
        settings.put(name, p.getProperty(name));
      }
    }
    return from(withEnvironment(settings, env), env);
  }

  /**
   * {@code settings} with every known key (the desk's {@code desk.*} keys too) overridden by its
   * environment variable, if set.
   */
  public static Map<String, String> withEnvironment(
      Map<String, String> settings, Map<String, String> env) {
    Map<String, String> merged = new LinkedHashMap<>(settings);
    List<String> keys = new ArrayList<>(DEFAULTS.keySet());
    RetentionDeskConfig.declared().forEach(d -> keys.add(d.key()));
    for (String key : keys) {
      String value = env.get(environmentName(key));
      if (value != null) {
        merged.put(key, value);
      }
    }
    return merged;
  }

  /**
   * The environment variable overriding {@code key}: {@code kafka.bootstrap-servers} → {@code
   * LAPSEWATCH_KAFKA_BOOTSTRAP_SERVERS}.
   */
  public static String environmentName(String key) {
    return "LAPSEWATCH_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** Every key with its default and description, in declaration order (docs/settings.md). */
  public static List<DeclaredSetting> declared() {
    return java.util.Collections.unmodifiableList(DECLARED);
  }

  /** Every key with its default ({@code null} when required or optional). */
  public static Map<String, String> defaults() {
    return java.util.Collections.unmodifiableMap(DEFAULTS);
  }

  /**
   * True for keys whose values must never appear in messages or logs: the rule shared with the
   * scoring job ({@link SecretKeys}): passwords, passphrases, private keys, tokens, secrets, JAAS
   * configs, {@code basic.auth.user.info}, and URLs (for chat webhooks the URL is the credential).
   */
  public static boolean isSecret(String key) {
    return SecretKeys.isSecret(key);
  }

  public KafkaSettings kafka() {
    return kafka;
  }

  public Optional<WebhookSettings> webhook() {
    return webhook;
  }

  public MetricsSettings metrics() {
    return metrics;
  }

  public boolean consoleEnabled() {
    return consoleEnabled;
  }

  /** The routing file, if one is configured. */
  public Optional<RoutingSettings> routing() {
    return routing;
  }

  public NotificationLogSettings notificationLog() {
    return notificationLog;
  }

  public DeliverySettings delivery() {
    return delivery;
  }

  public OutcomeSettings outcomes() {
    return outcomes;
  }

  public ActionSettings actions() {
    return actions;
  }

  /**
   * The retention desk's slice, read from the same settings: the service runs the desk when {@link
   * RetentionDeskConfig#runnable()}.
   */
  public RetentionDeskConfig desk() {
    return desk;
  }

  /** The environment the routing file's {@code ${env:...}} placeholders are read from. */
  public Map<String, String> environment() {
    return environment;
  }

  @Override
  public String toString() {
    Map<String, String> client = new TreeMap<>();
    kafka
        .clientProperties()
        .forEach(
            (k, v) ->
                client.put(k, SecretKeys.shown(KAFKA_PROPERTIES_PREFIX + k, v, "<redacted>")));
    return "AlertsServiceConfig{bootstrap="
        + kafka.bootstrapServers()
        + ", topic="
        + kafka.topic()
        + ", group="
        + kafka.groupId()
        + ", dlq="
        + kafka.deadLetterTopic()
        + ", client="
        + client
        + ", webhook="
        + (webhook.isPresent() ? "configured" : "none")
        + ", console="
        + consoleEnabled
        + ", metrics="
        + metrics.host()
        + ":"
        + metrics.port()
        + ", routing="
        + routing.map(x -> x.file().toString()).orElse("none")
        + ", notificationLog="
        + notificationLog
        + ", outcomes="
        + (outcomes.enabled() ? outcomes.topic() : "off")
        + ", actions="
        + actions
        + "}";
  }

  /** Reads one key at a time, applying defaults and producing uniform error messages. */
  private static final class KeyReader {
    private final Map<String, String> settings;

    KeyReader(Map<String, String> settings) {
      this.settings = settings;
    }

    Optional<String> optional(String key) {
      String v = settings.get(key);
      if (v == null || v.isBlank()) {
        v = DEFAULTS.get(key);
      }
      return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    String required(String key, String expected) {
      return optional(key)
          .orElseThrow(
              () ->
                  new IllegalArgumentException(
                      key
                          + " is required ("
                          + expected
                          + "); set it in the properties file or as "
                          + environmentName(key)));
    }

    String nonBlank(String key) {
      return required(key, "a non-blank value");
    }

    String topic(String key) {
      String v = nonBlank(key);
      if (!TOPIC_NAME.matcher(v).matches()) {
        throw invalid(key, "a Kafka topic name (letters, digits, '.', '_', '-')");
      }
      return v;
    }

    int intIn(String key, int min, int max) {
      String v = nonBlank(key);
      try {
        int n = Integer.parseInt(v);
        if (n >= min && n <= max) {
          return n;
        }
      } catch (NumberFormatException e) {
        // Reported below with the key and the accepted range.
      }
      throw invalid(key, min + ".." + max);
    }

    boolean bool(String key) {
      String v = nonBlank(key).toLowerCase(Locale.ROOT);
      if (v.equals("true") || v.equals("false")) {
        return Boolean.parseBoolean(v);
      }
      throw invalid(key, "true or false");
    }

    URI httpUrl(String key, String value) {
      try {
        URI uri = new URI(value);
        String scheme = uri.getScheme();
        if (("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
            && uri.getHost() != null) {
          return uri;
        }
      } catch (URISyntaxException e) {
        // Reported below; the parser's message would echo the URL.
      }
      throw invalid(key, "an absolute http:// or https:// URL");
    }

    /** "{key} must be {expected}, was '{value}'", with the value hidden for secret keys. */
    IllegalArgumentException invalid(String key, String expected) {
      String shown = isSecret(key) ? "<hidden>" : "'" + settings.getOrDefault(key, "") + "'";
      return new IllegalArgumentException(key + " must be " + expected + ", was " + shown);
    }
  }
}
