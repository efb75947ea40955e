package io.lapsewatch.modeltraining.trainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TrainerKindTest {

  @Test
  void flagsParseCaseInsensitively() {
    assertThat(TrainerKind.parse("lr")).isEqualTo(TrainerKind.LR);
    assertThat(TrainerKind.parse(" GBT ")).isEqualTo(TrainerKind.GBT);
    assertThat(TrainerKind.parse("rf")).isEqualTo(TrainerKind.RF);
  }

  @Test
  void unknownFlagListsTheChoices() {
    assertThatThrownBy(() -> TrainerKind.parse("svm"))
        .hasMessageContaining("--trainer 'svm'")
        .hasMessageContaining("lr, gbt, rf");
  }

  @Test
  void defaultsAreTheDocumentedOnesAndInTheirOwnGrid() {
    for (TrainerKind k : TrainerKind.values()) {
      Hyperparameters d = k.defaults();
      assertThat(d.kind()).isEqualTo(k);
      assertThat(d.grid()).isNotEmpty().allSatisfy(p -> assertThat(p.kind()).isEqualTo(k));
      assertThat(d.grid()).contains(d);
    }
    assertThat(GradientBoostingParams.DEFAULT.asMap())
        .containsKeys(
            "rounds", "eta", "maxDepth", "minChildWeight", "subsample", "colsample", "lambda");
  }

  @Test
  void onlyLogisticRegressionStandardises() {
    assertThat(TrainerKind.LR.defaults().encoderOptions().standardise()).isTrue();
    assertThat(TrainerKind.GBT.defaults().encoderOptions().standardise()).isFalse();
    assertThat(TrainerKind.RF.defaults().encoderOptions().standardise()).isFalse();
  }
}
