package io.lapsewatch.cli;

import io.lapsewatch.events.EventCodec;
import io.lapsewatch.events.Events;
import io.lapsewatch.events.PolicyEvent;
import io.lapsewatch.features.Feature;
import io.lapsewatch.features.FeatureSchema;
import io.lapsewatch.store.RedisFeatureStore;
import io.lapsewatch.store.RedisSettings;
import io.lapsewatch.store.StoredFeatures;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** {@code features schema | show ID | erase ID}. */
final class FeaturesCommand {
  private FeaturesCommand() {}

  static int run(Args a, PrintStream out) throws Exception {
    List<String> words = a.positional();
    String verb = words.isEmpty() ? "" : words.get(0);
    switch (verb) {
      case "schema":
        a.rejectUnknown();
        out.print(FeatureSchema.describe());
        return 0;
      case "show":
        return show(id(words), a, out);
      case "erase":
        return erase(id(words), a, out);
      default:
        throw new IllegalArgumentException(
            "usage: lapsewatch features (schema | show ID | erase ID)");
    }
  }

  private static String id(List<String> words) {
    if (words.size() != 2) {
      throw new IllegalArgumentException("give exactly one policyholder id");
    }
    return words.get(1);
  }

  private static RedisSettings redis(Args a) {
    return RedisSettings.parse(
        a.string(
            "redis-url",
            Optional.ofNullable(System.getenv("LAPSEWATCH_REDIS_URL"))
                .orElse("redis://127.0.0.1:6379")),
        System.getenv("LAPSEWATCH_REDIS_PASSWORD"),
        false);
  }

  static int show(String id, Args a, PrintStream out) {
    RedisSettings settings = redis(a);
    a.rejectUnknown();
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

  static int erase(String id, Args a, PrintStream out) {
    RedisSettings settings = redis(a);
    String bootstrap =
        a.string("bootstrap-servers", System.getenv("LAPSEWATCH_KAFKA_BOOTSTRAP_SERVERS"));
    String topic = a.string("topic", "policy-events");
    a.rejectUnknown();
    boolean deleted;
    try (RedisFeatureStore store = RedisFeatureStore.open(settings)) {
      deleted = store.erase(id);
    }
    out.println((deleted ? "deleted" : "nothing stored for") + " " + id + " in " + settings);
    if (bootstrap == null) {
      out.println(
          "no --bootstrap-servers given: the job was not told; its state keeps the policyholder"
              + " until you send the erase event");
      return 1;
    }
    PolicyEvent e =
        Events.erased("erase-" + id + "-" + System.currentTimeMillis(), id, Instant.now());
    try (KafkaProducer<byte[], byte[]> producer = SimulateCommand.producer(bootstrap)) {
      producer.send(
          new ProducerRecord<>(topic, id.getBytes(StandardCharsets.UTF_8), EventCodec.toBytes(e)));
    }
    out.println(
        "sent "
            + e.type
            + " to "
            + topic
            + ": the job forgets "
            + id
            + " and deletes the vector again");
    return 0;
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
