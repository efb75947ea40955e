package io.lapsewatch.retentiondesk;

import io.lapsewatch.alertcontract.policy.AlertPolicy;
import io.lapsewatch.alertcontract.settings.DeclaredSetting;
import io.lapsewatch.alertcontract.settings.KafkaPassThrough;
import io.lapsewatch.alertcontract.settings.SecretResolver;
import io.lapsewatch.featurestore.events.Ids;
import io.lapsewatch.featurestore.store.RedisSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Validated settings of the retention desk, read from the same properties file and {@code
 * LAPSEWATCH_*} environment variables as the alerts service: its own keys under {@code desk.}, and
 * the shared Kafka, Redis and alerts-topic keys, so both read the same brokers, Redis and alerts.
 */
public final class RetentionDeskConfig {
  public static final String ENABLED = "desk.enabled";
  public static final String CASE_EVENTS_TOPIC = "desk.case-events-topic";
  public static final String POLICY_EVENTS_TOPIC = "desk.policy-events-topic";
  public static final String GROUP_ID = "desk.group-id";
  public static final String INSTANCE_ID = "desk.instance-id";
  public static final String SENIOR_POOL = "desk.senior-pool";
  public static final String GRACE_PERIOD_HOURS = "desk.grace-period-hours";
  public static final String EXPIRY_INTERVAL_MS = "desk.expiry-interval-ms";
  public static final String CATCH_UP_TIMEOUT_MS = "desk.catch-up-timeout-ms";
  public static final String KEY_PREFIX = "desk.key-prefix";
  public static final String PUBLIC_URL = "desk.public-url";
  public static final String LINK_SECRET = "desk.link-secret";
  public static final String ROLES_FILE = "desk.roles-file";
  public static final String TIME_ZONE = "desk.time-zone";
  public static final String SLA_HIGH_VALUE_WITHIN = "desk.sla.high-value.contact-within-hours";
  public static final String SLA_HIGH_VALUE_BEFORE =
      "desk.sla.high-value.contact-days-before-deadline";
  public static final String SLA_STANDARD_WITHIN = "desk.sla.standard.contact-within-hours";
  public static final String SLA_STANDARD_BEFORE = "desk.sla.standard.contact-days-before-deadline";
  public static final String SENIOR_POOL_AFTER_HOURS = "desk.escalation.senior-pool-after-hours";

  /** Shared with the alerts service. */
  public static final String BOOTSTRAP_SERVERS = "kafka.bootstrap-servers";

  public static final String ALERTS_TOPIC = "alerts.topic";
  public static final String REDIS_URL = "redis.url";
  public static final String REDIS_PASSWORD = "redis.password";
  public static final String REDIS_PASSWORD_FILE = "redis.password-file";

  private static final List<DeclaredSetting> DECLARED = new ArrayList<>();
  private static final Map<String, String> DEFAULTS = new LinkedHashMap<>();
  private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

  private static void declare(String key, String defaultValue, String description) {
    DEFAULTS.put(key, defaultValue);
    DECLARED.add(new DeclaredSetting(key, defaultValue, description));
  }

  static {
    declare(
        ENABLED,
        "true",
        "Run the retention desk (cases from treated alerts) next to the alerts service; it runs"
            + " only when redis.url is set too.");
    declare(
        CASE_EVENTS_TOPIC,
        "retention-case-events",
        "Topic of every case change, keyed by case id: the audit trail the Redis state is"
            + " projected from.");
    declare(
        POLICY_EVENTS_TOPIC,
        "policy-events",
        "Topic results are reported to as CALLBACK_COMPLETED or OFFER_SENT events.");
    declare(
        GROUP_ID,
        "lapsewatch-desk",
        "Consumer group of the alert reader that opens cases (offsets commit with the cases).");
    declare(
        INSTANCE_ID,
        null,
        "This instance's id (names its Kafka transactions); unique per running instance and"
            + " stable across its restarts. Default: the host name.");
    declare(
        SENIOR_POOL,
        AlertPolicy.SENIOR_AGENT_POOL,
        "Owner of cases whose policy has no agent (orphans). The default is the id the scoring job"
            + " gives orphaned high-value callbacks, so their cases land in the pool.");
    declare(
        GRACE_PERIOD_HOURS,
        "48",
        "How long after its deadline an unfinished case expires, 0..8760 hours.");
    declare(
        EXPIRY_INTERVAL_MS, "60000", "How often overdue cases are looked for, 100..86400000 ms.");
    declare(
        CATCH_UP_TIMEOUT_MS,
        "10000",
        "How long a result waits for the projection to reach the topic's end, 100..600000 ms.");
    declare(KEY_PREFIX, "lw:desk:v2:", "Redis key prefix of the case projection.");
    declare(
        PUBLIC_URL,
        "http://127.0.0.1:9464",
        "Base URL agents' phones reach the service's pages at (the case links in messages start"
            + " with it): http(s)://host[:port][/path], no query.");
    declare(
        LINK_SECRET,
        null,
        "Server secret (at least 32 bytes) that signs case links and page forms; required when the"
            + " desk runs. Give it as ${env:NAME} or ${file:/path}, not inline.");
    declare(
        ROLES_FILE,
        null,
        "YAML file of the desk's users: agents, branch leads and admins with their branch and"
            + " login token hash (see docs/operations.md). Without it only case links work.");
    declare(
        TIME_ZONE,
        "Asia/Shanghai",
        "Time zone the pages show times in and read entered times in (the agents' zone), e.g."
            + " Asia/Shanghai or Europe/Berlin.");
    declare(
        SLA_HIGH_VALUE_WITHIN,
        "48",
        "Service level of HIGH_VALUE cases: someone must reach the policyholder within this many"
            + " hours of the case opening, 1..8760; else the case escalates to the branch lead.");
    declare(
        SLA_HIGH_VALUE_BEFORE,
        "5",
        "Service level of HIGH_VALUE cases: contact at least this many days before the deadline,"
            + " 0..365 (whichever of the two limits comes first applies).");
    declare(
        SLA_STANDARD_WITHIN,
        "120",
        "Service level of STANDARD cases: contact within this many hours of opening, 1..8760.");
    declare(
        SLA_STANDARD_BEFORE,
        "2",
        "Service level of STANDARD cases: contact at least this many days before the deadline,"
            + " 0..365.");
    declare(
        SENIOR_POOL_AFTER_HOURS,
        "24",
        "Hours after the branch lead was told (escalation level 1) that a case still not contacted"
            + " moves to the senior pool (level 2), 1..8760.");
  }

  private final boolean enabled;
  private final String bootstrapServers;
  private final Map<String, String> kafkaClientProperties;
  private final String alertsTopic;
  private final String caseEventsTopic;
  private final String policyEventsTopic;
  private final String groupId;
  private final String instanceId;
  private final String seniorPool;
  private final Duration gracePeriod;
  private final Duration expiryInterval;
  private final Duration catchUpTimeout;
  private final String keyPrefix;
  private final Optional<RedisSettings> redis;
  private final URI publicUrl;
  private final Optional<byte[]> linkSecret;
  private final Optional<Path> rolesFile;
  private final ZoneId timeZone;
  private final Escalations escalations;

  private RetentionDeskConfig(Map<String, String> s, Map<String, String> env) {
    for (String key : s.keySet()) {
      if (key.startsWith("desk.") && !DEFAULTS.containsKey(key)) {
        throw new IllegalArgumentException(
            "unknown configuration key '" + key + "'; known desk keys: " + DEFAULTS.keySet());
      }
    }
    enabled = bool(s, ENABLED);
    bootstrapServers = s.get(BOOTSTRAP_SERVERS);
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException(
          "'" + BOOTSTRAP_SERVERS + "' is required: the Kafka brokers, host:port[,host:port...]");
    }
    kafkaClientProperties = KafkaPassThrough.extract(s, new SecretResolver(env));
    alertsTopic = topic(s, ALERTS_TOPIC, "retention-alerts");
    caseEventsTopic = topic(s, CASE_EVENTS_TOPIC, null);
    policyEventsTopic = topic(s, POLICY_EVENTS_TOPIC, null);
    if (caseEventsTopic.equals(alertsTopic) || caseEventsTopic.equals(policyEventsTopic)) {
      throw new IllegalArgumentException(
          "'"
              + CASE_EVENTS_TOPIC
              + "' is "
              + caseEventsTopic
              + ", the same as the alerts or policy-events topic; case events need their own");
    }
    groupId = id(GROUP_ID, value(s, GROUP_ID));
    String instance = value(s, INSTANCE_ID);
    instanceId = id(INSTANCE_ID, instance == null ? hostName() : instance);
    seniorPool = id(SENIOR_POOL, value(s, SENIOR_POOL));
    gracePeriod = Duration.ofHours(range(s, GRACE_PERIOD_HOURS, 0, 8760));
    expiryInterval = Duration.ofMillis(range(s, EXPIRY_INTERVAL_MS, 100, 86_400_000));
    catchUpTimeout = Duration.ofMillis(range(s, CATCH_UP_TIMEOUT_MS, 100, 600_000));
    keyPrefix = value(s, KEY_PREFIX);
    if (keyPrefix.isBlank() || keyPrefix.chars().anyMatch(c -> c <= ' ' || c >= 127)) {
      throw new IllegalArgumentException(
          "'" + KEY_PREFIX + "' must be printable ASCII without spaces, was '" + keyPrefix + "'");
    }
    String url = s.get(REDIS_URL);
    if (url == null || url.isBlank()) {
      redis = Optional.empty();
    } else {
      redis = Optional.of(RedisSettings.parse(url, password(s), false));
    }
    publicUrl = publicUrl(value(s, PUBLIC_URL));
    linkSecret = linkSecret(s, new SecretResolver(env));
    String roles = value(s, ROLES_FILE);
    rolesFile = roles == null || roles.isBlank() ? Optional.empty() : Optional.of(Path.of(roles));
    timeZone = zone(value(s, TIME_ZONE));
    escalations =
        new Escalations(
            new ServiceLevel(
                Duration.ofHours(range(s, SLA_HIGH_VALUE_WITHIN, 1, 8760)),
                Duration.ofDays(range(s, SLA_HIGH_VALUE_BEFORE, 0, 365))),
            new ServiceLevel(
                Duration.ofHours(range(s, SLA_STANDARD_WITHIN, 1, 8760)),
                Duration.ofDays(range(s, SLA_STANDARD_BEFORE, 0, 365))),
            Duration.ofHours(range(s, SENIOR_POOL_AFTER_HOURS, 1, 8760)));
    if (runnable() && linkSecret.isEmpty()) {
      throw new IllegalArgumentException(
          "'"
              + LINK_SECRET
              + "' is required when the retention desk runs: it signs the case links in messages;"
              + " set "
              + ENABLED
              + "=false to run without the desk");
    }
  }

  private static URI publicUrl(String v) {
    try {
      URI u = new URI(v);
      boolean web = "http".equals(u.getScheme()) || "https".equals(u.getScheme());
      if (web && u.getHost() != null && u.getRawQuery() == null && u.getRawFragment() == null) {
        String s = u.toString();
        return URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
      }
    } catch (URISyntaxException e) {
      // Reported below.
    }
    throw new IllegalArgumentException(
        "'"
            + PUBLIC_URL
            + "' must be http(s)://host[:port][/path] without a query, was '"
            + v
            + "'");
  }

  private static ZoneId zone(String v) {
    try {
      return ZoneId.of(v);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          "'" + TIME_ZONE + "' must be a time-zone id such as Asia/Shanghai, was '" + v + "'");
    }
  }

  private static Optional<byte[]> linkSecret(Map<String, String> s, SecretResolver secrets) {
    String inline = s.get(LINK_SECRET);
    if (inline == null || inline.isBlank()) {
      return Optional.empty();
    }
    String secret = secrets.resolveSetting(inline.trim(), LINK_SECRET);
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    if (bytes.length < CaseLinks.MIN_SECRET_BYTES) {
      // The value is a secret: name the key and the length, never the value.
      throw new IllegalArgumentException(
          "'"
              + LINK_SECRET
              + "' must hold at least "
              + CaseLinks.MIN_SECRET_BYTES
              + " bytes, had "
              + bytes.length);
    }
    return Optional.of(bytes);
  }

  /** Reads and validates {@code settings}; keys of other components are ignored. */
  public static RetentionDeskConfig from(Map<String, String> settings, Map<String, String> env) {
    return new RetentionDeskConfig(settings, env);
  }

  /**
   * Reads a properties file (may be null: environment only), then lets {@code LAPSEWATCH_*}
   * variables override it, as the alerts service does.
   */
  public static RetentionDeskConfig load(Path propertiesFile, Map<String, String> env)
      throws IOException {
    Map<String, String> settings = new LinkedHashMap<>();
    if (propertiesFile != null) {
      Properties p = new Properties();
      try (var in = Files.newBufferedReader(propertiesFile, StandardCharsets.UTF_8)) {
        p.load(in);
      }
      for (String name : p.stringPropertyNames()) {
        settings.put(name, p.getProperty(name));
      }
    }
    List<String> keys = new ArrayList<>(DEFAULTS.keySet());
    keys.addAll(
        List.of(BOOTSTRAP_SERVERS, ALERTS_TOPIC, REDIS_URL, REDIS_PASSWORD, REDIS_PASSWORD_FILE));
    for (String key : keys) {
      String v = env.get(environmentName(key));
      if (v != null) {
        settings.put(key, v);
      }
    }
    return from(settings, env);
  }

  /** {@code desk.grace-period-hours} → {@code LAPSEWATCH_DESK_GRACE_PERIOD_HOURS}. */
  public static String environmentName(String key) {
    return "LAPSEWATCH_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** The desk's own settings with defaults and meaning, in declaration order. */
  public static List<DeclaredSetting> declared() {
    return Collections.unmodifiableList(DECLARED);
  }

  private static String value(Map<String, String> s, String key) {
    String v = s.get(key);
    return v == null ? DEFAULTS.get(key) : v.trim();
  }

  private static boolean bool(Map<String, String> s, String key) {
    String v = value(s, key);
    if (!v.equals("true") && !v.equals("false")) {
      throw new IllegalArgumentException("'" + key + "' must be true or false, was '" + v + "'");
    }
    return Boolean.parseBoolean(v);
  }

  private static long range(Map<String, String> s, String key, long min, long max) {
    String v = value(s, key);
    try {
      long n = Long.parseLong(v);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // Reported below with the range.
    }
    throw new IllegalArgumentException(
        "'" + key + "' must be a whole number in " + min + ".." + max + ", was '" + v + "'");
  }

  private static String topic(Map<String, String> s, String key, String fallback) {
    String v = s.containsKey(key) ? s.get(key).trim() : DEFAULTS.getOrDefault(key, fallback);
    if (v == null || !TOPIC_NAME.matcher(v).matches()) {
      throw new IllegalArgumentException(
          "'" + key + "' must be a Kafka topic name ([a-zA-Z0-9._-]{1,249}), was '" + v + "'");
    }
    return v;
  }

  private static String id(String key, String v) {
    if (!Ids.isValid(v)) {
      throw new IllegalArgumentException(
          "'" + key + "' must be an id (" + Ids.RULE + "), was '" + v + "'");
    }
    return v;
  }

  private static String password(Map<String, String> s) {
    String password = s.get(REDIS_PASSWORD);
    String file = s.get(REDIS_PASSWORD_FILE);
    if (password != null && file != null) {
      throw new IllegalArgumentException(
          "set '" + REDIS_PASSWORD + "' or '" + REDIS_PASSWORD_FILE + "', not both");
    }
    if (file == null) {
      return password;
    }
    try {
      return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read '" + REDIS_PASSWORD_FILE + "' " + file, e);
    }
  }

  private static String hostName() {
    try {
      String h = InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "-");
      return h.isEmpty() ? "desk" : h;
    } catch (IOException e) {
      return "desk";
    }
  }

  /** True when the desk should run: enabled, and Redis configured for its state. */
  public boolean runnable() {
    return enabled && redis.isPresent();
  }

  public boolean enabled() {
    return enabled;
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** Kafka client properties from {@code kafka.properties.*}, secrets resolved. */
  public Map<String, String> kafkaClientProperties() {
    return kafkaClientProperties;
  }

  public String alertsTopic() {
    return alertsTopic;
  }

  public String caseEventsTopic() {
    return caseEventsTopic;
  }

  public String policyEventsTopic() {
    return policyEventsTopic;
  }

  public String groupId() {
    return groupId;
  }

  public String instanceId() {
    return instanceId;
  }

  public String seniorPool() {
    return seniorPool;
  }

  public Duration gracePeriod() {
    return gracePeriod;
  }

  public Duration expiryInterval() {
    return expiryInterval;
  }

  public Duration catchUpTimeout() {
    return catchUpTimeout;
  }

  public String keyPrefix() {
    return keyPrefix;
  }

  /** Base URL of the service's pages as agents reach them, without a trailing slash. */
  public URI publicUrl() {
    return publicUrl;
  }

  /** The secret signing case links and forms; present whenever the desk is runnable. */
  public Optional<byte[]> linkSecret() {
    return linkSecret.map(byte[]::clone);
  }

  /**
   * The link secret, for the pages that sign with it.
   *
   * @throws IllegalArgumentException naming the setting when it is not set
   */
  public byte[] requireLinkSecret() {
    return linkSecret()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "the desk's pages sign links, forms and sessions with '"
                        + LINK_SECRET
                        + "'; set it"));
  }

  /** The users file, if set. */
  public Optional<Path> rolesFile() {
    return rolesFile;
  }

  /** The zone the pages show and read times in. */
  public ZoneId timeZone() {
    return timeZone;
  }

  /** The service levels per tier and the escalation chain's timing. */
  public Escalations escalations() {
    return escalations;
  }

  /** Case links signed with this desk's secret, or empty when no secret is set. */
  public Optional<CaseLinks> caseLinks(java.time.Clock clock) {
    return linkSecret.map(secret -> new CaseLinks(secret, gracePeriod, clock));
  }

  /** Redis of the projection; empty when {@code redis.url} is unset. */
  public Optional<RedisSettings> redis() {
    return redis;
  }

  @Override
  public String toString() {
    // No Redis URL or Kafka client properties: both may hold credentials.
    return "RetentionDeskConfig{enabled="
        + enabled
        + ", topics="
        + alertsTopic
        + "->"
        + caseEventsTopic
        + "/"
        + policyEventsTopic
        + ", instance="
        + instanceId
        + ", seniorPool="
        + seniorPool
        + ", grace="
        + gracePeriod
        + "}";
  }
}
