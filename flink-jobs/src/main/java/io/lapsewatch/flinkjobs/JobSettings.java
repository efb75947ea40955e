package io.lapsewatch.flinkjobs;

import io.lapsewatch.alertcontract.settings.SecretResolver;
import io.lapsewatch.featurestore.store.RedisSettings;
import io.lapsewatch.flinkjobs.functions.ScoreAndDecide.DecisionOverrides;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Configuration of the scoring job, from {@code --key value} arguments and {@code LAPSEWATCH_*}
 * environment variables (e.g. {@code LAPSEWATCH_REDIS_PASSWORD} for {@code redis.password}). Every
 * value is checked at startup; an error names the key and the bad value (never the value of a
 * secret). {@code kafka.properties.*} values may hold {@code ${env:NAME}} and {@code ${file:/path}}
 * placeholders, filled in where the settings are read.
 */
public final class JobSettings implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Keys the job understands, with their defaults (null = required or optional without one). */
  static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

  static {
    DEFAULTS.put("kafka.bootstrap-servers", null);
    DEFAULTS.put("kafka.group-id", "lapsewatch-scoring");
    DEFAULTS.put("events.topic", "policy-events");
    DEFAULTS.put("events.dlq-topic", "policy-events-dlq");
    DEFAULTS.put("events.bounded", "false");
    DEFAULTS.put("events.max-out-of-orderness-ms", "1000");
    // Three days: a producer's retries (seconds to minutes) and a nightly batch load that ran a
    // day or a weekend late are still applied in their place; older events go to the dead-letter
    // topic. The price is state: each policyholder with events in the last three days keeps its
    // features from before them (docs/performance.md measures it).
    DEFAULTS.put("events.allowed-lateness-ms", "259200000");
    DEFAULTS.put("events.idle-timeout-ms", "300000");
    DEFAULTS.put("features.milestone-days", "90,60,30,14,7");
    DEFAULTS.put("alerts.topic", "retention-alerts");
    DEFAULTS.put("redis.url", null);
    DEFAULTS.put("redis.password", null);
    DEFAULTS.put("redis.cluster", "false");
    DEFAULTS.put("model.registry", null);
    DEFAULTS.put("model.source", "folder");
    DEFAULTS.put("model.check-interval-ms", "10000");
    DEFAULTS.put("model.challenger", null);
    DEFAULTS.put("shadow.topic", "retention-shadow-scores");
    DEFAULTS.put("decision.threshold", null);
    DEFAULTS.put("decision.high-value-premium", "5000");
    DEFAULTS.put("decision.horizon-days", "90");
    DEFAULTS.put("decision.lead-time-days", "14");
    DEFAULTS.put("decision.holdout-share", "0.10");
    DEFAULTS.put("decision.capacity.agent-callback", "0");
    DEFAULTS.put("decision.capacity.renewal-offer", "0");
    DEFAULTS.put("decision.holdout-salt", "lapsewatch-holdout-v1");
    DEFAULTS.put("outcomes.topic", "retention-outcomes");
    DEFAULTS.put("job.parallelism", "2");
    // A minute, as operations.md recommends for production: each checkpoint costs the keyed chain
    // a burst of work (a synchronous snapshot, then the whole heap state serialized on the same
    // cores), which the event-to-alert tail pays for every time. A failure replays up to a minute
    // of events (seconds of catch-up), whose repeats the alerts service drops.
    DEFAULTS.put("checkpoint.interval-ms", "60000");
    DEFAULTS.put("checkpoint.dir", null);
    // A second of updates per write: during a replay or catch-up most policyholders change
    // several times a second and only their newest vector is written (e2e 1.3-1.6x the 2000/200
    // ms it replaces); live, Redis is at most about a second behind the job.
    DEFAULTS.put("feature-store.batch-size", "10000");
    DEFAULTS.put("feature-store.max-delay-ms", "1000");
  }

  private final Map<String, String> values;
  private final Properties kafkaProperties;

  private JobSettings(Map<String, String> values, Properties kafkaProperties) {
    this.values = values;
    this.kafkaProperties = kafkaProperties;
    validate();
  }

  /** Settings from arguments, then environment variables for keys not given as arguments. */
  public static JobSettings fromArgs(String[] args, Map<String, String> env) {
    Map<String, String> given = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException(
            "arguments must be --key value pairs; '" + a + "' has no value");
      }
      given.put(a.substring(2), args[++i]);
    }
    for (Map.Entry<String, String> e : env.entrySet()) {
      if (e.getKey().startsWith("LAPSEWATCH_")) {
        String key = e.getKey().substring("LAPSEWATCH_".length()).toLowerCase(Locale.ROOT);
        String dotted = toKey(key);
        // Other LAPSEWATCH_* variables belong to other processes (the alerts service, the CLI).
        if (dotted != null) {
          given.putIfAbsent(dotted, e.getValue());
        }
      }
    }
    return of(given, env);
  }

  /** Settings from a map of keys to values (tests, the demo). */
  public static JobSettings of(Map<String, String> given) {
    return of(given, System.getenv());
  }

  /**
   * Settings from a map of keys to values, with {@code env} for {@code ${env:NAME}} placeholders in
   * {@code kafka.properties.*}.
   */
  public static JobSettings of(Map<String, String> given, Map<String, String> env) {
    Map<String, String> values = new LinkedHashMap<>();
    Properties kafka = new Properties();
    // Kafka secrets (sasl.jaas.config, ssl.*.password) from the environment or a mounted file, so
    // they need not be program arguments, which Flink shows in its UI. Resolved here, in the
    // process that runs main(): the values then travel inside the job graph like redis.password.
    SecretResolver secrets = new SecretResolver(env);
    for (Map.Entry<String, String> e : given.entrySet()) {
      String k = e.getKey();
      if (k.startsWith("kafka.properties.")) {
        kafka.setProperty(
            k.substring("kafka.properties.".length()), secrets.resolveSetting(e.getValue(), k));
      } else if (DEFAULTS.containsKey(k)) {
        values.put(k, e.getValue());
      } else {
        // A typo would otherwise leave its default in force without a word.
        throw new IllegalArgumentException(
            "unknown setting '"
                + k
                + "'; known: "
                + String.join(", ", DEFAULTS.keySet())
                + ", and kafka.properties.* for Kafka clients");
      }
    }
    for (Map.Entry<String, String> d : DEFAULTS.entrySet()) {
      if (d.getValue() != null) {
        values.putIfAbsent(d.getKey(), d.getValue());
      }
    }
    return new JobSettings(values, kafka);
  }

  /**
   * Maps an environment suffix like {@code redis_password} to a key like {@code redis.password}, or
   * null when no setting has that name.
   */
  private static String toKey(String envSuffix) {
    for (String k : DEFAULTS.keySet()) {
      if (k.replace('.', '_').replace('-', '_').equals(envSuffix)) {
        return k;
      }
    }
    return null;
  }

  private void validate() {
    require("kafka.bootstrap-servers");
    require("redis.url");
    String registry = require("model.registry");
    if (!Files.isDirectory(Path.of(registry))) {
      throw new IllegalArgumentException(
          "model.registry must be a model registry folder, was '"
              + registry
              + "' (no such folder)");
    }
    bool("events.bounded");
    bool("redis.cluster");
    redis();
    if (values.get("decision.threshold") != null) {
      double t = number("decision.threshold");
      if (!(t > 0 && t < 1)) {
        throw bad("decision.threshold", "must be in (0, 1)");
      }
    }
    positive("decision.high-value-premium");
    intIn("decision.horizon-days", 1, 3650);
    intIn("decision.lead-time-days", 0, intIn("decision.horizon-days", 1, 3650) - 1);
    intIn("job.parallelism", 1, 4096);
    intIn("checkpoint.interval-ms", 100, Integer.MAX_VALUE);
    intIn("feature-store.batch-size", 1, 100_000);
    intIn("feature-store.max-delay-ms", 1, 60_000);
    intIn("events.max-out-of-orderness-ms", 0, 7 * 24 * 3600 * 1000);
    allowedLatenessMs();
    milestoneDays();
    holdout();
    idleTimeout();
    dailyCapacity();
  }

  /** Days before a renewal at which features are refreshed and re-scored. */
  public int[] milestoneDays() {
    String v = values.get("features.milestone-days");
    try {
      int[] days =
          java.util.Arrays.stream(v.split(","))
              .map(String::trim)
              .mapToInt(Integer::parseInt)
              .toArray();
      for (int d : days) {
        if (d < 1 || d > 365) {
          throw new NumberFormatException();
        }
      }
      return days;
    } catch (NumberFormatException e) {
      throw bad("features.milestone-days", "must be a comma-separated list of days in 1..365");
    }
  }

  /**
   * How long a Kafka partition may stay silent before the watermark moves on without it. Too short,
   * and a partition that is merely slow (a restart, a long GC) has its events arrive behind the
   * watermark as "too late"; too long, and an empty partition holds event time back.
   */
  public java.time.Duration idleTimeout() {
    return java.time.Duration.ofMillis(intIn("events.idle-timeout-ms", 1000, Integer.MAX_VALUE));
  }

  /** Bound on how far out of event-time order events may arrive and still count. */
  public java.time.Duration maxOutOfOrderness() {
    return java.time.Duration.ofMillis(
        intIn("events.max-out-of-orderness-ms", 0, 7 * 24 * 3600 * 1000));
  }

  /**
   * How far behind the watermark an event may arrive and still update features and outcomes in its
   * place; older ones are dead-lettered as {@code too_late}.
   */
  public long allowedLatenessMs() {
    return intIn("events.allowed-lateness-ms", 0, 7 * 24 * 3600 * 1000);
  }

  private String require(String key) {
    String v = values.get(key);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException(
          "missing setting '"
              + key
              + "' (argument --"
              + key
              + " or environment LAPSEWATCH_"
              + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_')
              + ")");
    }
    return v;
  }

  private IllegalArgumentException bad(String key, String why) {
    String shown =
        key.contains("password") || key.contains("secret") || key.contains("token")
            ? "***"
            : values.get(key);
    return new IllegalArgumentException(key + " " + why + ", was '" + shown + "'");
  }

  private boolean bool(String key) {
    String v = values.get(key);
    if (!"true".equals(v) && !"false".equals(v)) {
      throw bad(key, "must be true or false");
    }
    return Boolean.parseBoolean(v);
  }

  private double number(String key) {
    try {
      return Double.parseDouble(values.get(key));
    } catch (NumberFormatException e) {
      throw bad(key, "must be a number");
    }
  }

  private double positive(String key) {
    double d = number(key);
    if (!(d > 0)) {
      throw bad(key, "must be positive");
    }
    return d;
  }

  private int intIn(String key, int min, int max) {
    int v;
    try {
      v = Integer.parseInt(values.get(key));
    } catch (NumberFormatException e) {
      throw bad(key, "must be a whole number");
    }
    if (v < min || v > max) {
      throw bad(key, "must be in " + min + ".." + max);
    }
    return v;
  }

  public String get(String key) {
    return values.get(key);
  }

  public String bootstrapServers() {
    return values.get("kafka.bootstrap-servers");
  }

  /** Extra Kafka client properties ({@code kafka.properties.*}), e.g. SASL and TLS. */
  public Properties kafkaProperties() {
    Properties p = new Properties();
    p.putAll(kafkaProperties);
    return p;
  }

  public boolean bounded() {
    return bool("events.bounded");
  }

  public RedisSettings redis() {
    try {
      return RedisSettings.parse(
          values.get("redis.url"), values.get("redis.password"), bool("redis.cluster"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  public String modelRegistry() {
    return values.get("model.registry");
  }

  /** Where published models are read: the registry folder, or Redis ({@code model.source}). */
  public io.lapsewatch.flinkjobs.functions.ModelSourceSpec modelSource() {
    return "redis".equals(values.get("model.source"))
        ? io.lapsewatch.flinkjobs.functions.ModelSourceSpec.redis(redis())
        : io.lapsewatch.flinkjobs.functions.ModelSourceSpec.folder(values.get("model.registry"));
  }

  /** A model version scored in shadow beside the published one, or null. */
  public String challengerVersion() {
    String v = values.get("model.challenger");
    return v == null || v.isBlank() ? null : v;
  }

  /**
   * Alerts per event-time day each team can act on; teams with 0 (the default) are unlimited and
   * their alerts go out at once.
   */
  public Map<String, Integer> dailyCapacity() {
    Map<String, Integer> m = new LinkedHashMap<>();
    int callbacks = intIn("decision.capacity.agent-callback", 0, 10_000_000);
    int offers = intIn("decision.capacity.renewal-offer", 0, 10_000_000);
    if (callbacks > 0) {
      m.put("AGENT_CALLBACK", callbacks);
    }
    if (offers > 0) {
      m.put("RENEWAL_OFFER", offers);
    }
    return m;
  }

  public long modelCheckIntervalMs() {
    return intIn("model.check-interval-ms", 100, Integer.MAX_VALUE);
  }

  public DecisionOverrides decision() {
    return new DecisionOverrides(
        values.get("decision.threshold") == null ? Double.NaN : number("decision.threshold"),
        positive("decision.high-value-premium"),
        intIn("decision.horizon-days", 1, 3650),
        intIn("decision.lead-time-days", 0, 3649),
        holdout());
  }

  /** The holdout arm: share of alert-worthy policyholders tracked but not acted on. */
  public io.lapsewatch.alertcontract.policy.HoldoutArm holdout() {
    double share = number("decision.holdout-share");
    if (!(share >= 0 && share < 1)) {
      throw bad("decision.holdout-share", "must be in [0, 1)");
    }
    return new io.lapsewatch.alertcontract.policy.HoldoutArm(
        share, values.get("decision.holdout-salt"));
  }

  public int parallelism() {
    return intIn("job.parallelism", 1, 4096);
  }

  /**
   * Where checkpoints go ({@code file:///...}, {@code s3://...}); unset means Flink's default,
   * which keeps them in JobManager memory and suits only small state.
   */
  public String checkpointDir() {
    return values.get("checkpoint.dir");
  }

  public long checkpointIntervalMs() {
    return intIn("checkpoint.interval-ms", 100, Integer.MAX_VALUE);
  }

  public int featureBatchSize() {
    return intIn("feature-store.batch-size", 1, 100_000);
  }

  public long featureMaxDelayMs() {
    return intIn("feature-store.max-delay-ms", 1, 60_000);
  }

  @Override
  public String toString() {
    Map<String, String> shown = new LinkedHashMap<>(values);
    shown.computeIfPresent("redis.password", (k, v) -> "***");
    // A password may also sit in the URL (redis://user:secret@host).
    shown.computeIfPresent("redis.url", (k, v) -> v.replaceAll("//[^@/]*@", "//***@"));
    shown.replaceAll(
        (k, v) ->
            k.contains("password") || k.contains("secret") || k.contains("token") ? "***" : v);
    return shown.toString();
  }
}
