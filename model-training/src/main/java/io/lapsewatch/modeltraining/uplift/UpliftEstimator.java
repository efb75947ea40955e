package io.lapsewatch.modeltraining.uplift;

import java.util.Map;

/** An immutable uplift estimator configuration: trains an {@link UpliftModel} on one action. */
public interface UpliftEstimator {

  /** Short name of the method, e.g. {@code two-model}. */
  String name();

  /** Settings, including the base learner's, in a stable order. */
  Map<String, Object> params();

  /** Trains on both arms of {@code data}; fails if an arm is empty. */
  UpliftModel train(UpliftDataset data);

  /** One line for progress output and reports. */
  default String describe() {
    StringBuilder sb = new StringBuilder(name());
    params()
        .forEach(
            (k, v) -> {
              if (!k.endsWith("seed")) {
                sb.append(' ').append(k).append('=').append(v);
              }
            });
    return sb.toString();
  }
}
