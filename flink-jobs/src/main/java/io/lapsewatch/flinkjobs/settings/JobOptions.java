package io.lapsewatch.flinkjobs.settings;

import static org.apache.flink.configuration.ConfigOptions.key;

import io.lapsewatch.alertcontract.settings.KafkaPassThrough;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;

/**
 * Every setting of the scoring job: key, type, default and description in one declaration each.
 * {@link io.lapsewatch.flinkjobs.JobSettings} reads them; docs/settings.md is generated from them
 * ({@link SettingsReference}). Kafka client settings go under {@link KafkaPassThrough#PREFIX}.
 */
public final class JobOptions {
  private JobOptions() {}

  public static final ConfigOption<String> BOOTSTRAP_SERVERS =
      key("kafka.bootstrap-servers")
          .stringType()
          .noDefaultValue()
          .withDescription("Kafka brokers, host:port[,host:port...] (required).");

  public static final ConfigOption<String> GROUP_ID =
      key("kafka.group-id")
          .stringType()
          .defaultValue("lapsewatch-scoring")
          .withDescription("Consumer group of the job's events source.");

  public static final ConfigOption<String> EVENTS_TOPIC =
      key("events.topic")
          .stringType()
          .defaultValue("policy-events")
          .withDescription("Topic of policyholder events the job reads.");

  public static final ConfigOption<String> DEAD_LETTER_TOPIC =
      key("events.dlq-topic")
          .stringType()
          .defaultValue("policy-events-dlq")
          .withDescription("Topic for events that cannot be used (malformed, invalid, too late).");

  public static final ConfigOption<Boolean> BOUNDED =
      key("events.bounded")
          .booleanType()
          .defaultValue(false)
          .withDescription(
              "true: stop at the offsets current when the job starts (replays, demo, tests).");

  public static final ConfigOption<Long> MAX_OUT_OF_ORDERNESS_MS =
      key("events.max-out-of-orderness-ms")
          .longType()
          .defaultValue(1000L)
          .withDescription(
              "How far out of event-time order events may arrive and still count, 0..604800000"
                  + " ms.");

  // Three days: a producer's retries (seconds to minutes) and a nightly batch load that ran a
  // day or a weekend late are still applied in their place; older events go to the dead-letter
  // topic. The price is state: each policyholder with events in the last three days keeps its
  // features from before them (docs/performance.md measures it).
  public static final ConfigOption<Long> ALLOWED_LATENESS_MS =
      key("events.allowed-lateness-ms")
          .longType()
          .defaultValue(259_200_000L)
          .withDescription(
              "How far behind the watermark an event may arrive and still update features and"
                  + " outcomes in its place, 0..604800000 ms; older ones are dead-lettered as"
                  + " too_late.");

  public static final ConfigOption<Long> IDLE_TIMEOUT_MS =
      key("events.idle-timeout-ms")
          .longType()
          .defaultValue(300_000L)
          .withDescription(
              "How long a Kafka partition may stay silent before the watermark moves on without"
                  + " it, at least 1000 ms.");

  public static final ConfigOption<String> MILESTONE_DAYS =
      key("features.milestone-days")
          .stringType()
          .defaultValue("90,60,30,14,7")
          .withDescription(
              "Days before a renewal at which features are refreshed and re-scored:"
                  + " comma-separated, each 1..365.");

  public static final ConfigOption<String> ALERTS_TOPIC =
      key("alerts.topic")
          .stringType()
          .defaultValue("retention-alerts")
          .withDescription("Topic the retention alerts are written to.");

  public static final ConfigOption<String> REDIS_URL =
      key("redis.url")
          .stringType()
          .noDefaultValue()
          .withDescription(
              "Feature store (required): redis://host:port, rediss:// for TLS,"
                  + " redis://user:pass@host:port; several host:port separated by commas ="
                  + " Redis Cluster.");

  public static final ConfigOption<String> REDIS_PASSWORD =
      key("redis.password")
          .stringType()
          .noDefaultValue()
          .withDescription("Redis password; better given as LAPSEWATCH_REDIS_PASSWORD.");

  public static final ConfigOption<Boolean> REDIS_CLUSTER =
      key("redis.cluster")
          .booleanType()
          .defaultValue(false)
          .withDescription("Force Redis Cluster mode with a single seed node.");

  public static final ConfigOption<String> MODEL_REGISTRY =
      key("model.registry")
          .stringType()
          .noDefaultValue()
          .withDescription(
              "Folder with model versions and CURRENT (required; shared storage on a cluster).");

  public static final ConfigOption<ModelSourceKind> MODEL_SOURCE =
      key("model.source")
          .enumType(ModelSourceKind.class)
          .defaultValue(ModelSourceKind.FOLDER)
          .withDescription("Where published models are read: folder (model.registry) or redis.");

  public static final ConfigOption<Long> MODEL_CHECK_INTERVAL_MS =
      key("model.check-interval-ms")
          .longType()
          .defaultValue(10_000L)
          .withDescription("How often a newly published model is looked for, at least 100 ms.");

  public static final ConfigOption<String> CHALLENGER =
      key("model.challenger")
          .stringType()
          .noDefaultValue()
          .withDescription("A model version scored in shadow beside the published one.");

  public static final ConfigOption<String> SHADOW_TOPIC =
      key("shadow.topic")
          .stringType()
          .defaultValue("retention-shadow-scores")
          .withDescription(
              "Topic of the challenger's shadow scores (when model.challenger is set).");

  public static final ConfigOption<Double> THRESHOLD =
      key("decision.threshold")
          .doubleType()
          .noDefaultValue()
          .withDescription(
              "Lapse probability that makes a term at risk, in (0, 1); unset = the model's own.");

  public static final ConfigOption<Double> HIGH_VALUE_PREMIUM =
      key("decision.high-value-premium")
          .doubleType()
          .defaultValue(5000.0)
          .withDescription("Annual premium (positive) from which a policyholder is HIGH_VALUE.");

  public static final ConfigOption<Integer> HORIZON_DAYS =
      key("decision.horizon-days")
          .intType()
          .defaultValue(90)
          .withDescription("Alert terms renewing within this many days, 1..3650.");

  public static final ConfigOption<Integer> LEAD_TIME_DAYS =
      key("decision.lead-time-days")
          .intType()
          .defaultValue(14)
          .withDescription(
              "Deadline = renewal minus this many days, 0..decision.horizon-days - 1.");

  public static final ConfigOption<Integer> MAX_FEATURE_AGE_DAYS =
      key("decision.max-feature-age-days")
          .intType()
          .defaultValue(io.lapsewatch.flinkjobs.decision.FeatureFreshness.DEFAULT_MAX_AGE_DAYS)
          .withDescription(
              "Hold back an alert whose newest event behind the features is older than this many"
                  + " days (counted in lapsewatch_alerts_held_stale_features_total; not recorded"
                  + " as decided, so a fresher vector can still raise it), 0..3650; 0 = no limit."
                  + " 60: a policyholder pays (or misses) an instalment every month and is quoted"
                  + " 45 days before renewal, so even a silent at-risk one has an event within"
                  + " about 30 days; only a stalled feed goes past 60.");

  public static final ConfigOption<Double> HOLDOUT_SHARE =
      key("decision.holdout-share")
          .doubleType()
          .defaultValue(0.10)
          .withDescription(
              "Share of alert-worthy policyholders tracked but not acted on (holdout arm), in"
                  + " [0, 1).");

  public static final ConfigOption<Integer> CAPACITY_AGENT_CALLBACK =
      key("decision.capacity.agent-callback")
          .intType()
          .defaultValue(0)
          .withDescription(
              "Agent callbacks per event-time day the team can make, 0..10000000; 0 = unlimited.");

  public static final ConfigOption<Integer> CAPACITY_RENEWAL_OFFER =
      key("decision.capacity.renewal-offer")
          .intType()
          .defaultValue(0)
          .withDescription(
              "Renewal offers per event-time day the team can send, 0..10000000; 0 = unlimited.");

  public static final ConfigOption<io.lapsewatch.flinkjobs.decision.Ranking> RANKING =
      key("decision.ranking")
          .enumType(io.lapsewatch.flinkjobs.decision.Ranking.class)
          .defaultValue(io.lapsewatch.flinkjobs.decision.Ranking.RISK)
          .withDescription(
              "How treated alerts compete for capacity: risk (lapse probability x premium x save"
                  + " rate) or uplift (uplift x annual premium - contact cost, negative effects"
                  + " never contacted; needs models from lapsewatch uplift train under"
                  + " model.registry/uplift/, and stays on risk until the gate opens).");

  // Defaults: an offer is a letter or message and a discount's handling (a few units of
  // currency); a callback is a quarter of an hour of an agent's time.
  public static final ConfigOption<Double> CONTACT_COST_RENEWAL_OFFER =
      key("decision.contact-cost.renewal-offer")
          .doubleType()
          .defaultValue(5.0)
          .withDescription(
              "Cost of one renewal offer in the premium's currency, 0..1000000, subtracted from"
                  + " the expected incremental value in the uplift ranking.");

  public static final ConfigOption<Double> CONTACT_COST_AGENT_CALLBACK =
      key("decision.contact-cost.agent-callback")
          .doubleType()
          .defaultValue(40.0)
          .withDescription(
              "Cost of one agent callback in the premium's currency, 0..1000000, subtracted from"
                  + " the expected incremental value in the uplift ranking.");

  public static final ConfigOption<Integer> UPLIFT_MIN_HOLDOUT_OUTCOMES =
      key("decision.uplift.min-holdout-outcomes")
          .intType()
          .defaultValue(500)
          .withDescription(
              "Holdout outcomes an action's uplift model must have been trained on before the"
                  + " uplift ranking decides for it, 0..100000000; below it the risk ranking"
                  + " decides and the uplift ranking runs as a shadow.");

  public static final ConfigOption<String> HOLDOUT_SALT =
      key("decision.holdout-salt")
          .stringType()
          .defaultValue("lapsewatch-holdout-v1")
          .withDescription(
              "Salt of the hash that assigns policyholders to the holdout arm; changing it"
                  + " reshuffles the arms.");

  public static final ConfigOption<Integer> CONTACT_MAX_PER_30_DAYS =
      key("contact.max-per-30-days")
          .intType()
          .defaultValue(3)
          .withDescription(
              "Alerts that go out per policyholder in any rolling 30 days of event time, 0..1000;"
                  + " 0 = unlimited. One over it is suppressed (counted with reason contact_cap).");

  public static final ConfigOption<String> CONTACT_QUIET_HOURS =
      key("contact.quiet-hours")
          .stringType()
          .defaultValue("21:00-08:00")
          .withDescription(
              "HH:mm-HH:mm in contact.time-zone when no renewal offer goes out: one due then is"
                  + " held to the end (agent callbacks are not held); empty = none.");

  public static final ConfigOption<String> CONTACT_TIME_ZONE =
      key("contact.time-zone")
          .stringType()
          .defaultValue("Asia/Shanghai")
          .withDescription("Time zone of contact.quiet-hours, a region id such as Asia/Shanghai.");

  public static final ConfigOption<String> JOURNEYS_FILE =
      key("journeys.file")
          .stringType()
          .noDefaultValue()
          .withDescription(
              "YAML file of versioned retention journey plans (docs/journeys.md), read and checked"
                  + " at start; unset = no journeys, each at-risk alert goes out once as decided.");

  public static final ConfigOption<String> OUTCOMES_TOPIC =
      key("outcomes.topic")
          .stringType()
          .defaultValue("retention-outcomes")
          .withDescription("Topic of retention outcomes (renewed or lapsed after an alert).");

  public static final ConfigOption<Boolean> MONITORING_ENABLED =
      key("monitoring.enabled")
          .booleanType()
          .defaultValue(true)
          .withDescription(
              "Monitor the model in production: each term's vector and score at"
                  + " monitoring.lead-days before renewal, and its outcome, go to"
                  + " monitoring.topic and into the drift and performance gauges.");

  // 30: the training snapshots' nearest cut-off (TrainingSetBuilder(60, 30)), so the live terms
  // are compared with the population the model's reference profile was built from.
  public static final ConfigOption<Integer> MONITORING_LEAD_DAYS =
      key("monitoring.lead-days")
          .intType()
          .defaultValue(30)
          .withDescription(
              "Days before renewal at which a term's vector and score are monitored; must be one"
                  + " of features.milestone-days (and the cut-off the model's reference profile"
                  + " was built at).");

  public static final ConfigOption<Integer> MONITORING_WINDOW_DAYS =
      key("monitoring.window-days")
          .intType()
          .defaultValue(30)
          .withDescription(
              "Event-time days of monitored terms the drift and performance gauges cover,"
                  + " 1..365.");

  public static final ConfigOption<Integer> MONITORING_MIN_TERMS =
      key("monitoring.min-terms")
          .intType()
          .defaultValue(200)
          .withDescription(
              "Terms the window must hold before a drift or performance figure is computed"
                  + " (NaN until then), 1..10000000.");

  public static final ConfigOption<String> MONITORING_TOPIC =
      key("monitoring.topic")
          .stringType()
          .defaultValue("lapsewatch.model-monitoring")
          .withDescription(
              "Topic of monitored terms (MonitoredTerm JSON): scored at the lead time, then"
                  + " again once ended with the outcome (when monitoring.enabled).");

  public static final ConfigOption<Integer> PARALLELISM =
      key("job.parallelism")
          .intType()
          .defaultValue(2)
          .withDescription("Parallelism of the job, 1..4096.");

  // A minute, as operations.md recommends for production: each checkpoint costs the keyed chain
  // a burst of work (a synchronous snapshot, then the whole heap state serialized on the same
  // cores), which the event-to-alert tail pays for every time. A failure replays up to a minute
  // of events (seconds of catch-up), whose repeats the alerts service drops.
  public static final ConfigOption<Long> CHECKPOINT_INTERVAL_MS =
      key("checkpoint.interval-ms")
          .longType()
          .defaultValue(60_000L)
          .withDescription("Checkpoint interval, at least 100 ms.");

  public static final ConfigOption<String> CHECKPOINT_DIR =
      key("checkpoint.dir")
          .stringType()
          .noDefaultValue()
          .withDescription(
              "Where checkpoints go (file:///..., s3://...); unset = JobManager memory, for small"
                  + " state only.");

  // A second of updates per write: during a replay or catch-up most policyholders change
  // several times a second and only their newest vector is written (e2e 1.3-1.6x the 2000/200
  // ms it replaces); live, Redis is at most about a second behind the job.
  public static final ConfigOption<Integer> FEATURE_BATCH_SIZE =
      key("feature-store.batch-size")
          .intType()
          .defaultValue(10_000)
          .withDescription(
              "Policyholders per Redis pipeline write, 1..100000 (also flushed at every"
                  + " checkpoint).");

  public static final ConfigOption<Long> FEATURE_MAX_DELAY_MS =
      key("feature-store.max-delay-ms")
          .longType()
          .defaultValue(1000L)
          .withDescription("Longest a feature update waits for its Redis write, 1..60000 ms.");

  /** Every option above, by key (reflection, so a new declaration cannot be left out). */
  public static final List<ConfigOption<?>> ALL = declared();

  private static List<ConfigOption<?>> declared() {
    List<ConfigOption<?>> all = new ArrayList<>();
    for (Field f : JobOptions.class.getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == ConfigOption.class) {
        try {
          all.add((ConfigOption<?>) f.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    all.sort(java.util.Comparator.comparing(ConfigOption::key));
    return Collections.unmodifiableList(all);
  }

  /** The option named {@code key}, or null. */
  public static ConfigOption<?> byKey(String key) {
    for (ConfigOption<?> o : ALL) {
      if (o.key().equals(key)) {
        return o;
      }
    }
    return null;
  }

  /** The accepted values of an enum option, as written in settings: {@code folder, redis}. */
  public static String enumValues(ConfigOption<?> option) {
    Class<?> c = valueClass(option);
    return String.join(
        ", ", java.util.Arrays.stream(c.getEnumConstants()).map(Object::toString).toList());
  }

  /** The value type of {@code option} as the reference shows it (String, Integer, ...). */
  public static String typeName(ConfigOption<?> option) {
    Class<?> c = valueClass(option);
    return c.isEnum() ? "Enum" : c.getSimpleName();
  }

  private static Class<?> valueClass(ConfigOption<?> option) {
    for (Field f : JobOptions.class.getDeclaredFields()) {
      try {
        if (f.getType() == ConfigOption.class && f.get(null) == option) {
          var t = (java.lang.reflect.ParameterizedType) f.getGenericType();
          return (Class<?>) t.getActualTypeArguments()[0];
        }
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalArgumentException("not a job option: " + option.key());
  }
}
