package io.lapsewatch.flinkjobs.functions;

import io.lapsewatch.featurestore.store.RedisSettings;
import io.lapsewatch.modeltraining.model.ModelRegistry;
import io.lapsewatch.modeltraining.model.ModelSource;
import io.lapsewatch.modeltraining.model.RedisModelStore;
import java.io.Serializable;
import java.nio.file.Path;

/**
 * Serializable description of where the job reads models; the source itself (files, a Redis
 * connection) is opened in the task, never shipped with the job graph.
 */
public record ModelSourceSpec(String registryFolder, RedisSettings redis) implements Serializable {
  public static ModelSourceSpec folder(String path) {
    return new ModelSourceSpec(path, null);
  }

  public static ModelSourceSpec redis(RedisSettings settings) {
    return new ModelSourceSpec(null, settings);
  }

  public ModelSource open() {
    return redis != null
        ? RedisModelStore.open(redis)
        : ModelSource.folder(new ModelRegistry(Path.of(registryFolder)));
  }

  @Override
  public String toString() {
    return redis != null ? "redis " + redis : "folder " + registryFolder;
  }
}
