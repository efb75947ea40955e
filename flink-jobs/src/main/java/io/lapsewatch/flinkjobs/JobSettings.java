package io.lapsewatch.flinkjobs;

import static io.lapsewatch.flinkjobs.settings.JobOptions.*;

import io.lapsewatch.alertcontract.policy.HoldoutArm;
import io.lapsewatch.alertcontract.settings.KafkaPassThrough;
import io.lapsewatch.alertcontract.settings.SecretResolver;
import io.lapsewatch.featurestore.store.RedisSettings;
import io.lapsewatch.flinkjobs.contact.ContactRuleSettings;
import io.lapsewatch.flinkjobs.contact.QuietHours;
import io.lapsewatch.flinkjobs.functions.ModelSourceSpec;
import io.lapsewatch.flinkjobs.functions.ScoreAndDecide.DecisionOverrides;
import io.lapsewatch.flinkjobs.settings.JobArgs;
import io.lapsewatch.flinkjobs.settings.JobOptions;
import io.lapsewatch.flinkjobs.settings.ModelSourceKind;
import io.lapsewatch.flinkjobs.settings.SettingValues;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Configuration of the scoring job: the {@link JobOptions} read once into typed values, from {@code
 * --key value} arguments and {@code LAPSEWATCH_*} environment variables (e.g. {@code
 * LAPSEWATCH_REDIS_PASSWORD} for {@code redis.password}). Every value is checked here; an error
 * names the key and the bad value (never the value of a secret). {@code kafka.properties.*} values
 * may hold {@code ${env:NAME}} and {@code ${file:/path}} placeholders, filled in here.
 */
public final class JobSettings implements Serializable {
  private static final long serialVersionUID = 2L;
  private static final int WEEK_MS = 7 * 24 * 3600 * 1000;

  private final String shown;
  private final Properties kafkaProperties;
  private final String bootstrapServers;
  private final String groupId;
  private final String eventsTopic;
  private final String deadLetterTopic;
  private final String alertsTopic;
  private final String outcomesTopic;
  private final String shadowTopic;
  private final boolean bounded;
  private final long maxOutOfOrdernessMs;
  private final long allowedLatenessMs;
  private final long idleTimeoutMs;
  private final int[] milestoneDays;
  private final RedisSettings redis;
  private final String modelRegistry;
  private final ModelSourceKind modelSource;
  private final long modelCheckIntervalMs;
  private final String challengerVersion;
  private final DecisionOverrides decision;
  private final io.lapsewatch.flinkjobs.decision.FeatureFreshness freshness;
  private final io.lapsewatch.flinkjobs.decision.UpliftDecisionSettings upliftDecision;
  private final boolean upliftModelsPresent;
  private final Map<String, Integer> dailyCapacity;
  private final ContactRuleSettings contactRules;
  private final io.lapsewatch.journeys.plan.JourneyPlans journeys;
  private final int parallelism;
  private final long checkpointIntervalMs;
  private final String checkpointDir;
  private final int featureBatchSize;
  private final long featureMaxDelayMs;
  private final io.lapsewatch.flinkjobs.monitoring.MonitoringSettings monitoring;

  private JobSettings(SettingValues v, Map<String, String> kafka) {
    bootstrapServers = v.required(BOOTSTRAP_SERVERS);
    String redisUrl = v.required(REDIS_URL);
    modelRegistry = v.required(MODEL_REGISTRY);
    if (!Files.isDirectory(Path.of(modelRegistry))) {
      throw v.bad(MODEL_REGISTRY, "must be a model registry folder (no such folder)");
    }
    groupId = v.nonBlank(GROUP_ID);
    eventsTopic = v.nonBlank(EVENTS_TOPIC);
    deadLetterTopic = v.nonBlank(DEAD_LETTER_TOPIC);
    alertsTopic = v.nonBlank(ALERTS_TOPIC);
    outcomesTopic = v.nonBlank(OUTCOMES_TOPIC);
    shadowTopic = v.nonBlank(SHADOW_TOPIC);
    bounded = v.get(BOUNDED);
    redis = redis(v, redisUrl, v.optional(REDIS_PASSWORD), v.get(REDIS_CLUSTER));
    maxOutOfOrdernessMs = v.longIn(MAX_OUT_OF_ORDERNESS_MS, 0, WEEK_MS);
    allowedLatenessMs = v.longIn(ALLOWED_LATENESS_MS, 0, WEEK_MS);
    idleTimeoutMs = v.longIn(IDLE_TIMEOUT_MS, 1000, Integer.MAX_VALUE);
    milestoneDays = milestoneDays(v);
    modelSource = v.get(MODEL_SOURCE);
    modelCheckIntervalMs = v.longIn(MODEL_CHECK_INTERVAL_MS, 100, Integer.MAX_VALUE);
    challengerVersion = v.optional(CHALLENGER);
    decision = decision(v);
    freshness =
        new io.lapsewatch.flinkjobs.decision.FeatureFreshness(
            v.intIn(MAX_FEATURE_AGE_DAYS, 0, 3650));
    upliftDecision = upliftDecision(v, modelRegistry);
    upliftModelsPresent = upliftModelsPresent(modelRegistry);
    if (upliftDecision.ranking() == io.lapsewatch.flinkjobs.decision.Ranking.UPLIFT
        && !upliftModelsPresent) {
      throw v.bad(
          RANKING,
          "needs an uplift model in "
              + Path.of(modelRegistry).resolve("uplift")
              + "/<offer|callback>/ (none found); run: lapsewatch uplift train --registry "
              + modelRegistry
              + " ..., or set decision.ranking risk");
    }
    dailyCapacity = dailyCapacity(v);
    contactRules = contactRules(v);
    journeys = journeys(v);
    parallelism = v.intIn(PARALLELISM, 1, 4096);
    checkpointIntervalMs = v.longIn(CHECKPOINT_INTERVAL_MS, 100, Integer.MAX_VALUE);
    checkpointDir = v.optional(CHECKPOINT_DIR);
    featureBatchSize = v.intIn(FEATURE_BATCH_SIZE, 1, 100_000);
    featureMaxDelayMs = v.longIn(FEATURE_MAX_DELAY_MS, 1, 60_000);
    monitoring = monitoring(v, milestoneDays);
    kafkaProperties = new Properties();
    kafkaProperties.putAll(kafka);
    shown = v.shown();
  }

  /** Settings from arguments, then environment variables for keys not given as arguments. */
  public static JobSettings fromArgs(String[] args, Map<String, String> env) {
    return of(JobArgs.parse(args, env), env);
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
    Map<String, String> own = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : given.entrySet()) {
      String k = e.getKey();
      if (KafkaPassThrough.isPassThrough(k)) {
        continue;
      }
      if (JobOptions.byKey(k) == null) {
        // A typo would otherwise leave its default in force without a word.
        throw new IllegalArgumentException(
            "unknown setting '"
                + k
                + "'; known: "
                + String.join(", ", JobOptions.ALL.stream().map(o -> o.key()).toList())
                + ", and "
                + KafkaPassThrough.PREFIX
                + "* for Kafka clients");
      }
      own.put(k, e.getValue());
    }
    // Kafka secrets (sasl.jaas.config, ssl.*.password) from the environment or a mounted file, so
    // they need not be program arguments, which Flink shows in its UI. Resolved here, in the
    // process that runs main(): the values then travel inside the job graph like redis.password.
    Map<String, String> kafka = KafkaPassThrough.extract(given, new SecretResolver(env));
    return new JobSettings(new SettingValues(own, kafka), kafka);
  }

  private static RedisSettings redis(
      SettingValues v, String url, String password, boolean cluster) {
    if (!url.startsWith("redis://") && !url.startsWith("rediss://")) {
      // Checked here: the URL may carry user:password@, and a password may contain '@'.
      throw v.bad(REDIS_URL, "must start with redis:// or rediss://");
    }
    // Other problems are named by the node (host:port), which never includes the credentials.
    return RedisSettings.parse(url, password, cluster);
  }

  private static int[] milestoneDays(SettingValues v) {
    String raw = v.get(MILESTONE_DAYS);
    try {
      int[] days =
          Arrays.stream(raw.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
      if (Arrays.stream(days).allMatch(d -> d >= 1 && d <= 365)) {
        return days;
      }
    } catch (NumberFormatException e) {
      // Reported below with the key and the accepted form.
    }
    throw v.bad(MILESTONE_DAYS, "must be a comma-separated list of days in 1..365");
  }

  private static io.lapsewatch.flinkjobs.monitoring.MonitoringSettings monitoring(
      SettingValues v, int[] milestones) {
    boolean enabled = v.get(MONITORING_ENABLED);
    int lead = v.intIn(MONITORING_LEAD_DAYS, 1, 365);
    if (enabled && Arrays.stream(milestones).noneMatch(d -> d == lead)) {
      // Only milestone instants carry a vector for every term; another lead would monitor nothing.
      throw v.bad(
          MONITORING_LEAD_DAYS,
          "must be one of features.milestone-days "
              + Arrays.toString(milestones)
              + " (only there is every term re-scored)");
    }
    return new io.lapsewatch.flinkjobs.monitoring.MonitoringSettings(
        enabled,
        lead,
        v.intIn(MONITORING_WINDOW_DAYS, 1, 365),
        v.intIn(MONITORING_MIN_TERMS, 1, 10_000_000),
        v.nonBlank(MONITORING_TOPIC));
  }

  private static DecisionOverrides decision(SettingValues v) {
    Double threshold = v.get(THRESHOLD);
    if (threshold != null && !(threshold > 0 && threshold < 1)) {
      throw v.bad(THRESHOLD, "must be in (0, 1)");
    }
    double premium = v.get(HIGH_VALUE_PREMIUM);
    if (!(premium > 0)) {
      throw v.bad(HIGH_VALUE_PREMIUM, "must be positive");
    }
    int horizon = v.intIn(HORIZON_DAYS, 1, 3650);
    int leadTime = v.intIn(LEAD_TIME_DAYS, 0, horizon - 1);
    double share = v.get(HOLDOUT_SHARE);
    if (!(share >= 0 && share < 1)) {
      throw v.bad(HOLDOUT_SHARE, "must be in [0, 1)");
    }
    return new DecisionOverrides(
        threshold == null ? Double.NaN : threshold,
        premium,
        horizon,
        leadTime,
        new HoldoutArm(share, v.get(HOLDOUT_SALT)));
  }

  private static io.lapsewatch.flinkjobs.decision.UpliftDecisionSettings upliftDecision(
      SettingValues v, String registry) {
    return new io.lapsewatch.flinkjobs.decision.UpliftDecisionSettings(
        v.get(RANKING),
        cost(v, CONTACT_COST_RENEWAL_OFFER),
        cost(v, CONTACT_COST_AGENT_CALLBACK),
        v.intIn(UPLIFT_MIN_HOLDOUT_OUTCOMES, 0, 100_000_000),
        registry);
  }

  private static double cost(
      SettingValues v, org.apache.flink.configuration.ConfigOption<Double> o) {
    double c = v.get(o);
    if (!(c >= 0 && c <= 1_000_000)) {
      throw v.bad(o, "must be in 0..1000000");
    }
    return c;
  }

  /** Whether any action has a saved uplift model ({@code lapsewatch uplift train}). */
  private static boolean upliftModelsPresent(String registry) {
    io.lapsewatch.modeltraining.uplift.UpliftModelStore store =
        new io.lapsewatch.modeltraining.uplift.UpliftModelStore(Path.of(registry));
    try {
      for (io.lapsewatch.alertcontract.RetentionAction a :
          io.lapsewatch.alertcontract.RetentionAction.values()) {
        if (!store
            .versions(io.lapsewatch.flinkjobs.decision.UpliftDecisionSettings.modelName(a))
            .isEmpty()) {
          return true;
        }
      }
      return false;
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(
          "cannot read uplift models under " + store.actionDir("offer").getParent() + ": " + e, e);
    }
  }

  /** The journey plans, read and checked now so a bad file stops the start, not the job. */
  private static io.lapsewatch.journeys.plan.JourneyPlans journeys(SettingValues v) {
    String file = v.optional(JOURNEYS_FILE);
    if (file == null) {
      return io.lapsewatch.journeys.plan.JourneyPlans.none();
    }
    try {
      return io.lapsewatch.journeys.plan.PlanLoader.load(Path.of(file.trim()));
    } catch (io.lapsewatch.journeys.plan.PlanException e) {
      throw new IllegalArgumentException(JOURNEYS_FILE.key() + ": " + e.getMessage(), e);
    }
  }

  private static ContactRuleSettings contactRules(SettingValues v) {
    int max = v.intIn(CONTACT_MAX_PER_30_DAYS, 0, 1000);
    String zoneId = v.nonBlank(CONTACT_TIME_ZONE);
    java.time.ZoneId zone;
    try {
      zone = java.time.ZoneId.of(zoneId.trim());
    } catch (java.time.DateTimeException e) {
      throw v.bad(CONTACT_TIME_ZONE, "must be a time zone such as Asia/Shanghai");
    }
    try {
      return new ContactRuleSettings(max, QuietHours.parse(v.get(CONTACT_QUIET_HOURS), zone));
    } catch (IllegalArgumentException e) {
      throw v.bad(CONTACT_QUIET_HOURS, e.getMessage());
    }
  }

  private static Map<String, Integer> dailyCapacity(SettingValues v) {
    Map<String, Integer> m = new LinkedHashMap<>();
    int callbacks = v.intIn(CAPACITY_AGENT_CALLBACK, 0, 10_000_000);
    int offers = v.intIn(CAPACITY_RENEWAL_OFFER, 0, 10_000_000);
    if (callbacks > 0) {
      m.put("AGENT_CALLBACK", callbacks);
    }
    if (offers > 0) {
      m.put("RENEWAL_OFFER", offers);
    }
    return Map.copyOf(m);
  }

  /** Days before a renewal at which features are refreshed and re-scored. */
  public int[] milestoneDays() {
    return milestoneDays.clone();
  }

  /**
   * How long a Kafka partition may stay silent before the watermark moves on without it. Too short,
   * and a partition that is merely slow (a restart, a long GC) has its events arrive behind the
   * watermark as "too late"; too long, and an empty partition holds event time back.
   */
  public Duration idleTimeout() {
    return Duration.ofMillis(idleTimeoutMs);
  }

  /** Bound on how far out of event-time order events may arrive and still count. */
  public Duration maxOutOfOrderness() {
    return Duration.ofMillis(maxOutOfOrdernessMs);
  }

  /**
   * How far behind the watermark an event may arrive and still update features and outcomes in its
   * place; older ones are dead-lettered as {@code too_late}.
   */
  public long allowedLatenessMs() {
    return allowedLatenessMs;
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** Consumer group of the events source. */
  public String groupId() {
    return groupId;
  }

  public String eventsTopic() {
    return eventsTopic;
  }

  public String deadLetterTopic() {
    return deadLetterTopic;
  }

  public String alertsTopic() {
    return alertsTopic;
  }

  public String outcomesTopic() {
    return outcomesTopic;
  }

  /** Where the challenger's shadow scores go. */
  public String shadowTopic() {
    return shadowTopic;
  }

  /** Extra Kafka client properties ({@code kafka.properties.*}), e.g. SASL and TLS. */
  public Properties kafkaProperties() {
    Properties p = new Properties();
    p.putAll(kafkaProperties);
    return p;
  }

  public boolean bounded() {
    return bounded;
  }

  public RedisSettings redis() {
    return redis;
  }

  public String modelRegistry() {
    return modelRegistry;
  }

  /** Whether published models come from the registry folder or from Redis. */
  public ModelSourceKind modelSourceKind() {
    return modelSource;
  }

  /** Where published models are read: the registry folder, or Redis ({@code model.source}). */
  public ModelSourceSpec modelSource() {
    return modelSource == ModelSourceKind.REDIS
        ? ModelSourceSpec.redis(redis)
        : ModelSourceSpec.folder(modelRegistry);
  }

  /** A model version scored in shadow beside the published one, or null. */
  public String challengerVersion() {
    return challengerVersion;
  }

  /**
   * Alerts per event-time day each team can act on; teams with 0 (the default) are unlimited and
   * their alerts go out at once.
   */
  public Map<String, Integer> dailyCapacity() {
    return dailyCapacity;
  }

  /** Contact cap and quiet hours every alert is checked against before it goes out. */
  /** The journey plans (none when journeys.file is unset). */
  public io.lapsewatch.journeys.plan.JourneyPlans journeys() {
    return journeys;
  }

  public ContactRuleSettings contactRules() {
    return contactRules;
  }

  public long modelCheckIntervalMs() {
    return modelCheckIntervalMs;
  }

  /** How old the newest event behind an alert's features may be ({@code 0}: no limit). */
  public io.lapsewatch.flinkjobs.decision.FeatureFreshness freshness() {
    return freshness;
  }

  public DecisionOverrides decision() {
    return decision;
  }

  /** The ranking mode, contact costs and gate of deciding by uplift. */
  public io.lapsewatch.flinkjobs.decision.UpliftDecisionSettings upliftDecision() {
    return upliftDecision;
  }

  /**
   * Whether uplift models were found at start: then the job estimates uplift on treated alerts and
   * runs the capacity stage even without a capacity limit (the shadow comparison, and in the uplift
   * mode the refusal of negative effects).
   */
  public boolean upliftModelsPresent() {
    return upliftModelsPresent;
  }

  /** The holdout arm: share of alert-worthy policyholders tracked but not acted on. */
  public HoldoutArm holdout() {
    return decision.holdout();
  }

  public int parallelism() {
    return parallelism;
  }

  /**
   * Where checkpoints go ({@code file:///...}, {@code s3://...}); null means Flink's default, which
   * keeps them in JobManager memory and suits only small state.
   */
  public String checkpointDir() {
    return checkpointDir;
  }

  public long checkpointIntervalMs() {
    return checkpointIntervalMs;
  }

  public int featureBatchSize() {
    return featureBatchSize;
  }

  public long featureMaxDelayMs() {
    return featureMaxDelayMs;
  }

  /** Model monitoring: on or off, lead time, window, minimum terms and topic. */
  public io.lapsewatch.flinkjobs.monitoring.MonitoringSettings monitoring() {
    return monitoring;
  }

  /** Every setting in force, secret-looking ones (passwords, URLs, JAAS, keys) as {@code ***}. */
  @Override
  public String toString() {
    return shown;
  }
}
