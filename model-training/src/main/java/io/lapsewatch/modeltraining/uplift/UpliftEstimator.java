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

  /**
   * The params of a learner built on one base classifier: {@code base} (its kind) and each of its
   * settings as {@code base.<name>}.
   */
  static java.util.Map<String, Object> onBase(
      io.lapsewatch.modeltraining.trainers.Hyperparameters base) {
    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("base", base.kind().flag());
    base.asMap().forEach((k, v) -> m.put("base." + k, v));
    return m;
  }
}
