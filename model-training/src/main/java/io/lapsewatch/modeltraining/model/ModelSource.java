package io.lapsewatch.modeltraining.model;

import java.io.IOException;
import java.util.Optional;

/** Where the serving job finds the published model: a registry folder or Redis. */
public interface ModelSource extends AutoCloseable {
  /** The version currently published, if any. Cheap: called every few seconds. */
  Optional<String> currentVersion() throws IOException;

  /** Loads one version; fails (and the caller keeps its model) when it is missing or corrupt. */
  ChurnModel load(String version) throws IOException;

  @Override
  default void close() {}

  /** A source over a registry folder on a shared file system. */
  static ModelSource folder(ModelRegistry registry) {
    return new ModelSource() {
      @Override
      public Optional<String> currentVersion() throws IOException {
        return registry.current();
      }

      @Override
      public ChurnModel load(String version) throws IOException {
        return ChurnModel.load(registry.versionDir(version));
      }
    };
  }
}
