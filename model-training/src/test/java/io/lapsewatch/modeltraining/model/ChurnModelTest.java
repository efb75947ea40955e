package io.lapsewatch.modeltraining.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lapsewatch.featurestore.features.FeatureSchema;
import io.lapsewatch.featurestore.features.PolicyholderState;
import io.lapsewatch.featurestore.scenarios.Scenarios;
import io.lapsewatch.featurestore.simulator.SimulationConfig;
import io.lapsewatch.featurestore.simulator.Simulator;
import io.lapsewatch.modeltraining.Evaluation;
import io.lapsewatch.modeltraining.LapseTrainer;
import io.lapsewatch.modeltraining.TrainingExample;
import io.lapsewatch.modeltraining.TrainingSetBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trains the baseline model once on a simulated year and checks what the job relies on. */
class ChurnModelTest {
  @TempDir static Path registryRoot;

  private static List<TrainingExample> examples;
  private static LapseTrainer.Result trained;
  private static ChurnModel model;

  @BeforeAll
  static void trainOnASimulatedYear() throws IOException {
    TrainingSetBuilder builder = new TrainingSetBuilder(60, 30);
    new Simulator(SimulationConfig.of(1_500, 365, 2024L)).run(builder::accept);
    examples = builder.examples();
    trained = LapseTrainer.train(examples, new ModelRegistry(registryRoot));
    model = ChurnModel.load(trained.dir());
  }

  private static List<TrainingExample> testSlice() {
    return examples.subList(
        trained.metadata().trainingRows(),
        trained.metadata().trainingRows() + trained.metadata().testRows());
  }

  private static double logit(double p) {
    return Math.log(p / (1 - p));
  }

  /** Copies a saved version into another registry, under another name. */
  private static Path copyVersion(Path targetRoot, String name) throws IOException {
    Path target = targetRoot.resolve(name);
    Files.createDirectories(target);
    for (String file : List.of(ChurnModel.MODEL_FILE, ChurnModel.METADATA_FILE)) {
      Files.copy(trained.dir().resolve(file), target.resolve(file));
    }
    return target;
  }

  @Test
  void trainingUsesEveryLabelledExample() {
    ModelMetadata m = trained.metadata();

    assertThat(examples).hasSizeGreaterThan(1_000);
    assertThat(examples).anyMatch(TrainingExample::lapsed).anyMatch(x -> !x.lapsed());
    assertThat(m.trainingRows() + m.testRows()).isEqualTo(examples.size());
    assertThat(m.featureSchemaHash()).isEqualTo(FeatureSchema.hash());
    assertThat(m.features()).isEqualTo(FeatureSchema.keys());
    assertThat(m.metrics().get("auc_roc")).as("better than chance").isGreaterThan(0.6);
  }

  @Test
  void reloadedModelScoresExactlyAsTrained() {
    double[] scores = LapseTrainer.score(model, testSlice());
    boolean[] lapsed = new boolean[scores.length];
    for (int i = 0; i < lapsed.length; i++) {
      lapsed[i] = testSlice().get(i).lapsed();
    }

    // The metrics were computed by the in-memory model before it was saved.
    assertThat(Evaluation.summary(scores, lapsed)).isEqualTo(trained.metadata().metrics());
  }

  @Test
  void reloadKeepsProvenanceAndMetadata() throws IOException {
    ChurnModel again = ChurnModel.load(trained.dir());

    assertThat(model.tribuoModel().getProvenance().toString())
        .isEqualTo(trained.metadata().provenance());
    assertThat(again.tribuoModel().getProvenance()).isEqualTo(model.tribuoModel().getProvenance());
    // JSON has one number type: a long hyperparameter reads back as an int, so compare those
    // as the JSON the registry stores.
    assertThat(model.metadata())
        .usingRecursiveComparison()
        .ignoringFields("hyperparameters")
        .isEqualTo(trained.metadata());
    assertThat(ModelMetadata.MAPPER.writeValueAsString(model.metadata()))
        .isEqualTo(ModelMetadata.MAPPER.writeValueAsString(trained.metadata()));
    assertThat(model.version()).isEqualTo(trained.version());
    for (TrainingExample x : examples.subList(0, 50)) {
      assertThat(again.score(x.features())).isEqualTo(model.score(x.features()));
    }
  }

  @Test
  void fastLinearScoreEqualsTribuoPrediction() {
    for (TrainingExample x : examples.subList(0, 200)) {
      double s = model.score(x.features());
      assertThat(s).isBetween(0.0, 1.0);
      assertThat(s).isCloseTo(model.tribuoScore(x.features()), within(1e-9));
    }
  }

  @Test
  void explanationListsTheStrongestPushesTowardsLapseFirst() {
    double[] mean = model.metadata().mean();
    // The average policyholder sits at the bias: every standardised feature is zero.
    double bias = logit(model.score(mean));
    for (TrainingExample x : examples.subList(0, 200)) {
      List<ChurnModel.Contribution> top = model.explain(x.features(), 3);
      List<ChurnModel.Contribution> all = model.explain(x.features(), FeatureSchema.size());

      assertThat(top).hasSizeLessThanOrEqualTo(3);
      assertThat(all).startsWith(top.toArray(new ChurnModel.Contribution[0]));
      assertThat(all).allSatisfy(c -> assertThat(c.logOdds()).isPositive());
      for (int i = 1; i < all.size(); i++) {
        assertThat(all.get(i).logOdds()).isLessThanOrEqualTo(all.get(i - 1).logOdds());
      }
      for (ChurnModel.Contribution c : all) {
        int j = FeatureSchema.keys().indexOf(c.feature());
        assertThat(c.value()).isEqualTo(x.features()[j]);
      }
      // Contributions of all features add up to logit(score) - bias; leaving out the
      // negative ones can only make the sum larger.
      double positive = all.stream().mapToDouble(ChurnModel.Contribution::logOdds).sum();
      assertThat(positive).isGreaterThanOrEqualTo(logit(model.score(x.features())) - bias - 1e-9);
    }
  }

  @Test
  void atRiskPolicyholderScoresHigherThanAHealthyOne() {
    LocalDate renewal = LocalDate.of(2026, 3, 31);
    long asOf = renewal.minusDays(30).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
    PolicyholderState risk = new PolicyholderState();
    PolicyholderState healthy = new PolicyholderState();
    Scenarios.atRisk("PH-R", 1500, renewal).forEach(risk::apply);
    Scenarios.healthy("PH-H", 1500, renewal).forEach(healthy::apply);

    double riskScore = model.score(risk.vector("PH-R", asOf).values);
    double healthyScore = model.score(healthy.vector("PH-H", asOf).values);

    assertThat(riskScore).isGreaterThan(healthyScore);
    assertThat(model.explain(risk.vector("PH-R", asOf).values, 5)).isNotEmpty();
  }

  @Test
  void modelTrainedOnAnotherSchemaIsRefusedNamingBothHashes(@TempDir Path other)
      throws IOException {
    Path dir = copyVersion(other, "m-other-schema");
    ObjectMapper json = new ObjectMapper();
    Path metaFile = dir.resolve(ChurnModel.METADATA_FILE);
    ObjectNode meta = (ObjectNode) json.readTree(metaFile.toFile());
    meta.put("featureSchemaHash", "0123456789abcdef");
    json.writeValue(metaFile.toFile(), meta);

    assertThatThrownBy(() -> ChurnModel.load(dir))
        .isInstanceOf(FeatureSchemaMismatchException.class)
        .hasMessageContaining("0123456789abcdef")
        .hasMessageContaining(FeatureSchema.hash());

    ModelRegistry registry = new ModelRegistry(other);
    assertThatThrownBy(() -> registry.publish("m-other-schema"))
        .isInstanceOf(FeatureSchemaMismatchException.class);
    assertThat(registry.current()).as("nothing published").isEmpty();
  }

  @Test
  void folderWithoutAModelIsRefusedNamingIt(@TempDir Path empty) {
    assertThatThrownBy(() -> ChurnModel.load(empty))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(empty.toString());
  }

  @Test
  void publishingAnUnknownVersionFailsNamingIt(@TempDir Path root) throws IOException {
    ModelRegistry registry = new ModelRegistry(root);

    assertThatThrownBy(() -> registry.publish("m20990101-000000-nope"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("m20990101-000000-nope");
    assertThat(registry.current()).isEmpty();
  }

  @Test
  void currentFollowsPublish(@TempDir Path root) throws IOException {
    ModelRegistry registry = new ModelRegistry(root);
    copyVersion(root, "m20250101-000000-aaaaaa");
    copyVersion(root, "m20250201-000000-bbbbbb");
    assertThat(registry.current()).isEmpty();
    assertThatThrownBy(registry::loadCurrent).hasMessageContaining("no published model");

    registry.publish("m20250201-000000-bbbbbb");
    assertThat(registry.current()).contains("m20250201-000000-bbbbbb");

    registry.publish("m20250101-000000-aaaaaa");
    assertThat(registry.current()).contains("m20250101-000000-aaaaaa");
    assertThat(registry.versions())
        .containsExactly("m20250101-000000-aaaaaa", "m20250201-000000-bbbbbb");
    assertThat(registry.loadCurrent().version()).isEqualTo(trained.version());
    try (Stream<Path> files = Files.list(root)) {
      assertThat(files.map(p -> p.getFileName().toString())).doesNotContain("CURRENT.tmp");
    }
  }

  @Test
  void trainerRefusesTooFewExamples(@TempDir Path root) {
    assertThatThrownBy(() -> LapseTrainer.train(examples.subList(0, 10), new ModelRegistry(root)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("10");
  }

  @Test
  void metadataRecordsTheThresholdForTheAlertShare() {
    // Chosen on the held-out calibration slice (the latest part of the training period), never
    // on the test period.
    int trainRows = trained.metadata().trainingRows();
    int from = (int) Math.round(trainRows * (1 - LapseTrainer.CALIBRATION_SHARE));
    double[] scores = LapseTrainer.score(model, examples.subList(from, trainRows));

    assertThat(model.threshold())
        .isEqualTo(Evaluation.topShareThreshold(scores, LapseTrainer.ALERT_SHARE));
    assertThat(model.metadata().thresholdRule()).contains("calibration");
    Map<String, Object> hyper = model.metadata().hyperparameters();
    assertThat(hyper).containsEntry("epochs", LapseTrainer.EPOCHS);
  }
}
