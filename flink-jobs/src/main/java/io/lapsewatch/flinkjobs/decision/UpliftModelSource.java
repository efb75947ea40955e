package io.lapsewatch.flinkjobs.decision;

import io.lapsewatch.modeltraining.uplift.UpliftModel;
import io.lapsewatch.modeltraining.uplift.UpliftModelStore;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Where the job finds an action's uplift models: the newest version and how to load one. */
public interface UpliftModelSource extends Serializable {
  /** The newest version of {@code action}'s models, if any. */
  Optional<String> latestVersion(String action) throws IOException;

  UpliftModel load(String action, String version) throws IOException;

  /** The models {@code lapsewatch uplift train} saves under {@code <registry>/uplift/<action>/}. */
  static UpliftModelSource folder(String registry) {
    return new Folder(registry);
  }

  /** The registry folder; the store is made per call, so only the path is shipped with the job. */
  record Folder(String registry) implements UpliftModelSource {
    @Override
    public Optional<String> latestVersion(String action) throws IOException {
      List<String> versions = new UpliftModelStore(Path.of(registry)).versions(action);
      return versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(versions.size() - 1));
    }

    @Override
    public UpliftModel load(String action, String version) throws IOException {
      return UpliftModelStore.load(
          new UpliftModelStore(Path.of(registry)).actionDir(action).resolve(version));
    }
  }
}
