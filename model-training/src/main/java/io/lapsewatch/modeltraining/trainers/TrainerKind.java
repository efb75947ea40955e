package io.lapsewatch.modeltraining.trainers;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The model families {@code --trainer} chooses between. */
public enum TrainerKind {
  /** Logistic regression: Tribuo LinearSGDTrainer, log loss, AdaGrad-RDA with L2. */
  LR("lr", "logistic regression"),
  /** Gradient-boosted trees: Tribuo XGBoostClassificationTrainer. */
  GBT("gbt", "gradient-boosted trees (XGBoost)"),
  /** Random forest: Tribuo CART trees, bootstrap rows, random feature subsets per split. */
  RF("rf", "random forest (CART)");

  private final String flag;
  private final String description;

  TrainerKind(String flag, String description) {
    this.flag = flag;
    this.description = description;
  }

  public String flag() {
    return flag;
  }

  public String description() {
    return description;
  }

  /** Parses a {@code --trainer} value; the error lists the accepted values. */
  public static TrainerKind parse(String value) {
    String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    for (TrainerKind k : values()) {
      if (k.flag.equals(v)) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "--trainer '"
            + value
            + "' is not known; use one of "
            + Arrays.stream(values()).map(TrainerKind::flag).collect(Collectors.joining(", ")));
  }

  /** The documented defaults for this family. */
  public Hyperparameters defaults() {
    return switch (this) {
      case LR -> LogisticRegressionParams.DEFAULT;
      case GBT -> GradientBoostingParams.DEFAULT;
      case RF -> RandomForestParams.DEFAULT;
    };
  }
}
