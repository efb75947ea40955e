package io.lapsewatch.cli;

import io.lapsewatch.alertcontract.settings.SecretResolver;
import io.lapsewatch.featurestore.events.EventCodec;
import io.lapsewatch.featurestore.events.Events;
import io.lapsewatch.featurestore.events.PolicyEvent;
import io.lapsewatch.featurestore.features.Feature;
import io.lapsewatch.featurestore.store.RedisFeatureStore;
import io.lapsewatch.featurestore.store.RedisSettings;
import io.lapsewatch.featurestore.store.StoredFeatures;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** {@code features schema | show ID | erase ID}: what is stored for a policyholder, and erasure. */
final class FeaturesCommand {
  private FeaturesCommand() {}

  /** The Redis to read: the option, else LAPSEWATCH_REDIS_URL, else the local default. */
  static RedisSettings redis(String redisUrl) {
    return RedisSettings.parse(
        Optional.ofNullable(Environment.or(redisUrl, "LAPSEWATCH_REDIS_URL"))
            .orElse("redis://127.0.0.1:6379"),
        System.getenv("LAPSEWATCH_REDIS_PASSWORD"),
        false);
  }

  static int show(String id, String redisUrl, PrintStream out) {
    RedisSettings settings = redis(redisUrl);
    try (RedisFeatureStore store = RedisFeatureStore.open(settings)) {
      Optional<StoredFeatures> found = store.read(id);
      if (found.isEmpty()) {
        out.println("no features stored for " + id + " in " + settings);
        return 1;
      }
      StoredFeatures f = found.get();
      Instant asOf = Instant.ofEpochMilli(f.asOf());
      out.printf("policyholder %s, schema %s%n", id, f.schemaVersion());
      out.printf(
          "as of        %s (staleness %s)%n", asOf, human(Duration.between(asOf, Instant.now())));
      if (f.policyId() != null) {
        out.printf("renewing     %s on %s%n", f.policyId(), LocalDate.ofEpochDay(f.renewalDate()));
      }
      for (Feature feature : Feature.values()) {
        Double v = f.values().get(feature.key());
        out.printf(
            "  %-28s %12s  %s%n",
            feature.key(), v == null ? "-" : RedisFeatureStoreFormat.of(v), feature.unit());
      }
      return 0;
    }
  }

  /**
   * Right to erasure: deletes the stored features and sends the erase request the job acts on
   * (state, timers, outcome tracking, a tombstone for the alerts service). Exit 0 only when Kafka
   * acknowledged the request; Kafka settings as the job takes them ({@code --kafka.properties.*},
   * with {@code ${env:NAME}} and {@code ${file:/path}} placeholders).
   */
  static int erase(
      String id,
      String redisUrl,
      String bootstrap,
      String topic,
      Map<String, String> kafkaProperties,
      PrintStream out) {
    RedisSettings settings = redis(redisUrl);
    Properties kafka = kafkaProperties(kafkaProperties);
    if (bootstrap == null) {
      throw new IllegalArgumentException(
          "option --bootstrap-servers (or LAPSEWATCH_KAFKA_BOOTSTRAP_SERVERS) is required: without"
              + " it the job is never told, and keeps the policyholder in its state");
    }
    boolean deleted;
    try (RedisFeatureStore store = RedisFeatureStore.open(settings)) {
      deleted = store.erase(id);
    }
    out.println((deleted ? "deleted" : "nothing stored for") + " " + id + " in " + settings);
    PolicyEvent e =
        Events.erased("erase-" + id + "-" + System.currentTimeMillis(), id, Instant.now());
    kafka.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (KafkaProducer<byte[], byte[]> producer = acknowledgedProducer(kafka)) {
      producer
          .send(
              new ProducerRecord<>(
                  topic, id.getBytes(StandardCharsets.UTF_8), EventCodec.toBytes(e)))
          .get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException | KafkaException ex) {
      Throwable cause = ex instanceof ExecutionException ? ex.getCause() : ex;
      out.println(
          "error: the erase request for "
              + id
              + " was NOT acknowledged by Kafka at "
              + bootstrap
              + " (topic "
              + topic
              + "): "
              + cause
              + "; the job still holds the policyholder. Run the command again.");
      return 1;
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      return 1;
    }
    out.println(
        "sent "
            + e.type
            + " to "
            + topic
            + " (acknowledged): the job forgets "
            + id
            + " in its state, stops tracking its alerts and tells the alerts service");
    return 0;
  }

  /** How long the erase request may take to be acknowledged by every in-sync replica. */
  private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

  static Properties kafkaProperties(Map<String, String> given) {
    SecretResolver secrets = new SecretResolver(System.getenv());
    Properties p = new Properties();
    given.forEach((k, v) -> p.setProperty(k, secrets.resolveSetting(v, "kafka.properties." + k)));
    return p;
  }

  private static KafkaProducer<byte[], byte[]> acknowledgedProducer(Properties given) {
    Properties p = new Properties();
    p.putAll(given);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, "15000");
    p.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
    p.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
    return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static String human(Duration d) {
    long days = d.toDays();
    return days > 0
        ? days + " days"
        : d.toHours() > 0 ? d.toHours() + " hours" : d.toMinutes() + " minutes";
  }

  /** Numbers as the store writes them: whole numbers without a fraction. */
  private static final class RedisFeatureStoreFormat {
    static String of(double d) {
      return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
  }
}
