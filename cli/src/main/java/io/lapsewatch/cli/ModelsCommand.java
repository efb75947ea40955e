package io.lapsewatch.cli;

import io.lapsewatch.featurestore.store.RedisSettings;
import io.lapsewatch.modeltraining.model.ModelMetadata;
import io.lapsewatch.modeltraining.model.ModelRegistry;
import io.lapsewatch.modeltraining.model.RedisModelStore;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code models list [--registry DIR]} and {@code models publish VERSION [--registry DIR]
 * [--redis-url URL]}.
 */
final class ModelsCommand {
  private ModelsCommand() {}

  static void run(ModelsOptions a, PrintStream out) throws Exception {
    ModelRegistry registry = new ModelRegistry(a.registry);
    String redisUrl = a.redis();
    List<String> words = a.words;
    String verb = words.isEmpty() ? "list" : words.get(0);
    switch (verb) {
      case "list" -> {
        String current = registry.current().orElse("");
        for (String v : registry.versions()) {
          ModelMetadata m = ModelMetadata.read(registry.versionDir(v).resolve("metadata.json"));
          out.printf(
              "%s %s  %s  AUC %.3f  threshold %.3f  schema %s%n",
              v.equals(current) ? "*" : " ",
              v,
              m.trainer(),
              m.metrics().getOrDefault("auc_roc", Double.NaN),
              m.threshold(),
              m.featureSchemaVersion());
        }
      }
      case "publish" -> {
        if (words.size() != 2) {
          throw new IllegalArgumentException("usage: models publish VERSION [--registry DIR]");
        }
        registry.publish(words.get(1));
        out.println("published " + words.get(1) + " in " + registry.root());
        if (redisUrl != null) {
          RedisSettings settings =
              RedisSettings.parse(redisUrl, System.getenv("LAPSEWATCH_REDIS_PASSWORD"), false);
          try (RedisModelStore store = RedisModelStore.open(settings)) {
            store.publish(registry, words.get(1));
          }
          out.println(
              "published "
                  + words.get(1)
                  + " in "
                  + settings
                  + " (jobs with model.source=redis swap to it)");
        }
      }
      default ->
          throw new IllegalArgumentException(
              "unknown models command '" + verb + "' (list, publish)");
    }
  }
}
