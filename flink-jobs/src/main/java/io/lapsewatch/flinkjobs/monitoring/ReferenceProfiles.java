package io.lapsewatch.flinkjobs.monitoring;

import io.lapsewatch.flinkjobs.functions.ModelSourceSpec;
import io.lapsewatch.modeltraining.model.ModelSource;
import io.lapsewatch.modeltraining.monitoring.ReferenceProfile;
import java.io.Serializable;
import java.util.Optional;

/**
 * Where the monitoring operator finds a model version's reference profile. Serializable: it travels
 * with the job graph and opens its model source in the task.
 */
@FunctionalInterface
public interface ReferenceProfiles extends Serializable {
  /** The profile of {@code version}; empty for a model trained before profiles existed. */
  Optional<ReferenceProfile> of(String version) throws Exception;

  /** The profiles in the model metadata of the job's model source. */
  static ReferenceProfiles from(ModelSourceSpec models) {
    return version -> {
      try (ModelSource source = models.open()) {
        return Optional.ofNullable(source.load(version).metadata().referenceProfile());
      }
    };
  }
}
