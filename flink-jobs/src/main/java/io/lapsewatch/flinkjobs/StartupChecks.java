package io.lapsewatch.flinkjobs;

import io.lapsewatch.featurestore.store.RedisConnections;
import io.lapsewatch.flinkjobs.settings.JobOptions;
import io.lapsewatch.flinkjobs.settings.ModelSourceKind;
import io.lapsewatch.modeltraining.model.ModelSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import redis.clients.jedis.UnifiedJedis;

/**
 * What the job needs from its infrastructure, checked once before it is submitted: Kafka answers
 * and has every topic the job reads or writes, Redis answers, and the registry's published model
 * loads. A job started without them would restart every few seconds forever, printing stack traces;
 * instead the first problem is one line that names the setting and its value.
 */
public final class StartupChecks {
  /** How long to wait for Kafka or Redis to answer before calling it unreachable. */
  static final long TIMEOUT_MS = 15_000;

  private StartupChecks() {}

  /** A problem found before starting: the message names the setting and value to fix. */
  public static final class Failed extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    Failed(String message) {
      super(message);
    }
  }

  /** Runs every check; throws {@link Failed} on the first problem. */
  public static void run(JobSettings s) {
    kafka(s);
    redis(s);
    model(s);
  }

  /** The topics the job uses, by the setting that names them. */
  static Map<String, String> topics(JobSettings s) {
    Map<String, String> t = new LinkedHashMap<>();
    t.put(JobOptions.EVENTS_TOPIC.key(), s.eventsTopic());
    t.put(JobOptions.DEAD_LETTER_TOPIC.key(), s.deadLetterTopic());
    t.put(JobOptions.ALERTS_TOPIC.key(), s.alertsTopic());
    t.put(JobOptions.OUTCOMES_TOPIC.key(), s.outcomesTopic());
    if (s.challengerVersion() != null) {
      t.put(JobOptions.SHADOW_TOPIC.key(), s.shadowTopic());
    }
    if (s.monitoring().enabled()) {
      t.put(JobOptions.MONITORING_TOPIC.key(), s.monitoring().topic());
    }
    return t;
  }

  static void kafka(JobSettings s) {
    Properties p = new Properties();
    p.putAll(s.kafkaProperties());
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS);
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS);
    Set<String> existing;
    try (Admin admin = Admin.create(p)) {
      existing = admin.listTopics().names().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new Failed(
          "kafka.bootstrap-servers: no Kafka broker answered at '"
              + s.bootstrapServers()
              + "' within "
              + TIMEOUT_MS / 1000
              + " s ("
              + rootMessage(e)
              + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Failed("interrupted while checking Kafka");
    } catch (org.apache.kafka.common.KafkaException e) {
      throw new Failed(
          "kafka.bootstrap-servers / kafka.properties.*: cannot connect to '"
              + s.bootstrapServers()
              + "': "
              + rootMessage(e));
    }
    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, String> t : topics(s).entrySet()) {
      if (!existing.contains(t.getValue())) {
        missing.add(t.getKey() + " '" + t.getValue() + "'");
      }
    }
    if (!missing.isEmpty()) {
      throw new Failed(
          "no such topic on "
              + s.bootstrapServers()
              + ": "
              + String.join(", ", missing)
              + " (create it, or point the setting at an existing topic)");
    }
  }

  static void redis(JobSettings s) {
    try (UnifiedJedis jedis = RedisConnections.open(s.redis())) {
      jedis.ping();
    } catch (RuntimeException e) {
      throw new Failed(
          "redis.url: Redis at '" + s.redis() + "' did not answer PING: " + rootMessage(e));
    }
  }

  static void model(JobSettings s) {
    String where =
        s.modelSourceKind() == ModelSourceKind.REDIS
            ? "model.source 'redis' at " + s.redis()
            : "model.registry '" + s.modelRegistry() + "'";
    try (ModelSource models = s.modelSource().open()) {
      String version =
          models
              .currentVersion()
              .orElseThrow(
                  () ->
                      new Failed(
                          where
                              + " has no published model (no CURRENT); run: lapsewatch models publish <version>"));
      models.load(version);
      if (s.challengerVersion() != null) {
        models.load(s.challengerVersion());
      }
    } catch (Failed e) {
      throw e;
    } catch (Exception e) {
      throw new Failed(where + ": the published model does not load: " + rootMessage(e));
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable c = e;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage());
  }
}
