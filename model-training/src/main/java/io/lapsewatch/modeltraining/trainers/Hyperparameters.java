package io.lapsewatch.modeltraining.trainers;

import io.lapsewatch.modeltraining.tabular.EncoderOptions;
import java.util.List;
import java.util.Map;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;

/** One complete, immutable configuration of a trainer family, including its feature encoding. */
public sealed interface Hyperparameters
    permits LogisticRegressionParams, GradientBoostingParams, RandomForestParams {

  TrainerKind kind();

  /** How raw CSV columns are encoded for this configuration. */
  EncoderOptions encoderOptions();

  /**
   * A fresh Tribuo trainer for this configuration.
   *
   * @param trainingRows rows it will train on (some penalties are scaled by it)
   */
  Trainer<Label> newTrainer(int trainingRows);

  /** Name to value, for metadata, metrics.json and the report. */
  Map<String, Object> asMap();

  /** The configurations cross-validation compares first, defaults included. */
  List<Hyperparameters> grid();

  /**
   * Configurations to compare after the earlier stages, varying other settings around this (the
   * best so far); empty when the search is over. Searching a few settings at a time keeps the
   * number of cross-validated models linear rather than a product of every setting.
   *
   * @param stage 1 for the first refinement after {@link #grid()}
   */
  default List<Hyperparameters> refine(int stage) {
    return List.of();
  }

  /** A cheaper variant for cross-validation where it matters (fewer trees); else itself. */
  default Hyperparameters forCrossValidation() {
    return this;
  }

  /** The same configuration with another random seed. */
  Hyperparameters withSeed(long seed);

  /** A short one-line description for progress output. */
  default String describe() {
    StringBuilder sb = new StringBuilder(kind().flag());
    asMap()
        .forEach(
            (k, v) -> {
              if (!"seed".equals(k)) {
                sb.append(' ').append(k).append('=').append(v);
              }
            });
    return sb.toString();
  }
}
