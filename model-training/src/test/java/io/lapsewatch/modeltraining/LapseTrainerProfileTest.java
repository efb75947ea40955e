package io.lapsewatch.modeltraining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lapsewatch.featurestore.features.FeatureSchema;
import io.lapsewatch.featurestore.simulator.SimulationConfig;
import io.lapsewatch.featurestore.simulator.Simulator;
import io.lapsewatch.modeltraining.model.ChurnModel;
import io.lapsewatch.modeltraining.model.ModelMetadata;
import io.lapsewatch.modeltraining.model.ModelRegistry;
import io.lapsewatch.modeltraining.monitoring.FeatureBins;
import io.lapsewatch.modeltraining.monitoring.ReferenceProfile;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LapseTrainerProfileTest {

  @Test
  void trainedModelCarriesTheReferenceProfileOfItsTestTermsAtTheLeadTime(@TempDir Path dir)
      throws Exception {
    TrainingSetBuilder builder = new TrainingSetBuilder(60, LapseTrainer.MONITORING_LEAD_DAYS);
    new Simulator(SimulationConfig.of(600, 400, 11)).run(builder::accept);
    List<TrainingExample> examples = builder.examples();

    LapseTrainer.Result result = LapseTrainer.train(examples, new ModelRegistry(dir));
    ModelMetadata read = ModelMetadata.read(result.dir().resolve(ChurnModel.METADATA_FILE));
    ReferenceProfile profile = read.referenceProfile();

    assertThat(profile).isEqualTo(result.metadata().referenceProfile());
    assertThat(profile.leadDays()).isEqualTo(30);
    List<TrainingExample> test =
        examples.subList(
            (int) Math.round(examples.size() * (1 - LapseTrainer.TEST_SHARE)), examples.size());
    assertThat(profile.rows())
        .isEqualTo((int) test.stream().filter(x -> x.cutoffDays() == 30).count());
    assertThat(profile.features())
        .extracting(FeatureBins::name)
        .containsExactlyElementsOf(FeatureSchema.keys());
    for (FeatureBins f : profile.features()) {
      assertThat(Arrays.stream(f.proportions()).sum()).as(f.name()).isCloseTo(1, within(1e-9));
    }
    assertThat(Arrays.stream(profile.score().proportions()).sum()).isCloseTo(1, within(1e-9));
    // The profile covers the cut-off-30 half of the test terms, so its AUC is near the whole's.
    assertThat(profile.auc()).isCloseTo(read.metrics().get("auc_roc"), within(0.08));
  }

  @Test
  void withoutTheLeadCutoffTheMostCommonCutoffIsProfiled() {
    List<TrainingExample> test = new java.util.ArrayList<>();
    for (int i = 0; i < 20; i++) {
      test.add(example(i < 15 ? 60 : 90, i));
    }
    double[] scores = new double[20];
    boolean[] lapsed = new boolean[20];
    for (int i = 0; i < 20; i++) {
      scores[i] = i / 20.0;
      lapsed[i] = i % 3 == 0;
    }
    ReferenceProfile profile = LapseTrainer.referenceProfile(test, scores, lapsed);
    assertThat(profile.leadDays()).isEqualTo(60);
    assertThat(profile.rows()).isEqualTo(15);
  }

  private static TrainingExample example(int cutoff, int i) {
    return new TrainingExample(
        "ph" + i, "pol" + i, 20_000, cutoff, 0L, new double[FeatureSchema.size()], i % 3 == 0);
  }
}
