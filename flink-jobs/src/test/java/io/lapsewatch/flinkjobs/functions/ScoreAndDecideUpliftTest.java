package io.lapsewatch.flinkjobs.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.Arm;
import io.lapsewatch.alertcontract.RetentionAction;
import io.lapsewatch.alertcontract.policy.HoldoutArm;
import io.lapsewatch.featurestore.events.PolicyEvent;
import io.lapsewatch.featurestore.features.FeatureSchema;
import io.lapsewatch.featurestore.features.FeatureVector;
import io.lapsewatch.featurestore.features.PolicyholderState;
import io.lapsewatch.featurestore.scenarios.Scenarios;
import io.lapsewatch.featurestore.simulator.SimulationConfig;
import io.lapsewatch.flinkjobs.decision.Ranking;
import io.lapsewatch.flinkjobs.decision.UpliftDecisionSettings;
import io.lapsewatch.flinkjobs.decision.UpliftModelSource;
import io.lapsewatch.flinkjobs.decision.UpliftModels;
import io.lapsewatch.flinkjobs.functions.ScoreAndDecide.DecisionOverrides;
import io.lapsewatch.modeltraining.TrainCommand;
import io.lapsewatch.modeltraining.model.ModelRegistry;
import io.lapsewatch.modeltraining.trainers.TrainerKind;
import io.lapsewatch.modeltraining.uplift.TwoModelLearner;
import io.lapsewatch.modeltraining.uplift.UpliftDataset;
import io.lapsewatch.modeltraining.uplift.UpliftExample;
import io.lapsewatch.modeltraining.uplift.UpliftModelStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scoring with an uplift model saved by {@link UpliftModelStore}: treated alerts carry the estimate
 * and are marked ranked by uplift only once the gate opens; holdout alerts are untouched.
 */
class ScoreAndDecideUpliftTest {
  private static final LocalDate RENEWAL = LocalDate.of(2025, 9, 1);
  private static final int HOLDOUT_ROWS = 300;

  @TempDir static Path dir;
  static Path registry;

  @BeforeAll
  static void trainAndSaveModels() throws Exception {
    registry = dir.resolve("models");
    String churn =
        TrainCommand.trainOnSimulation(
                SimulationConfig.of(1500, 365, 8), registry, TrainerKind.LR, true)
            .version();
    Files.writeString(registry.resolve(ModelRegistry.CURRENT), churn + "\n");
    new UpliftModelStore(registry).save(TwoModelLearner.DEFAULT.train(offerRows()));
  }

  /** Random features; contact helps when the first feature is high. */
  private static UpliftDataset offerRows() {
    List<String> names = FeatureSchema.keys();
    SplittableRandom r = new SplittableRandom(16);
    List<UpliftExample> rows = new ArrayList<>();
    for (int i = 0; i < 2 * HOLDOUT_ROWS; i++) {
      double[] x = new double[names.size()];
      for (int j = 0; j < x.length; j++) {
        x[j] = r.nextDouble();
      }
      boolean treated = i % 2 == 0;
      boolean renewed = r.nextDouble() < 0.5 + (treated ? 0.4 * x[0] - 0.1 : 0);
      rows.add(new UpliftExample(x, treated, renewed, 1000));
    }
    return new UpliftDataset("offer", names, rows);
  }

  private ScoreAndDecide decide;

  private KeyedOneInputStreamOperatorTestHarness<String, FeatureVector, Alert> harness(
      int minHoldoutOutcomes) throws Exception {
    decide =
        new ScoreAndDecide(
                ModelSourceSpec.folder(registry.toString()),
                null,
                100,
                new DecisionOverrides(0.5, 5000, 90, 14, new HoldoutArm(0.5, "uplift-test")))
            .withUplift(
                new UpliftDecisionSettings(
                    Ranking.UPLIFT, 5, 40, minHoldoutOutcomes, registry.toString()),
                UpliftModelSource.folder(registry.toString()));
    KeyedOneInputStreamOperatorTestHarness<String, FeatureVector, Alert> h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(decide),
            v -> v.policyholderId,
            Types.STRING,
            new TestingMetrics().environment());
    h.setProcessingTime(0);
    h.open();
    return h;
  }

  private static FeatureVector atRisk(String holder) {
    List<PolicyEvent> events = Scenarios.atRisk(holder, 1000, RENEWAL);
    PolicyholderState s = new PolicyholderState();
    events.forEach(s::apply);
    return s.vector(holder, events.get(events.size() - 1).occurredAt);
  }

  private static List<Alert> alertsFor(
      KeyedOneInputStreamOperatorTestHarness<String, FeatureVector, Alert> h) throws Exception {
    for (int i = 0; i < 12; i++) {
      h.processElement(new StreamRecord<>(atRisk("PH-U" + i), 1));
    }
    return h.extractOutputValues();
  }

  @Test
  void theGateOpensAtTheMinimumOfHoldoutOutcomesTheModelWasTrainedOn() throws Exception {
    try (var h = harness(HOLDOUT_ROWS)) {
      List<Alert> out = alertsFor(h);

      assertThat(decide.upliftModels().active(RetentionAction.RENEWAL_OFFER)).isTrue();
      List<Alert> treatedOffers =
          out.stream()
              .filter(a -> a.arm == Arm.TREATED && a.action == RetentionAction.RENEWAL_OFFER)
              .toList();
      assertThat(treatedOffers).isNotEmpty();
      for (Alert a : treatedOffers) {
        assertThat(a.uplift).isBetween(-1.0, 1.0);
        assertThat(a.expectedValue).isCloseTo(a.uplift * a.annualPremium - 5, within(1e-9));
        assertThat(a.rankedBy).isEqualTo(UpliftModels.RANKED_BY_UPLIFT);
      }
      assertThat(out.stream().filter(a -> a.arm == Arm.HOLDOUT))
          .as("holdout alerts are untouched")
          .isNotEmpty()
          .allSatisfy(
              a -> {
                assertThat(a.uplift).isNull();
                assertThat(a.rankedBy).isNull();
              });
    }
  }

  @Test
  void belowTheMinimumTheEstimateIsShadowOnlyAndTheRiskRankingDecides() throws Exception {
    try (var h = harness(HOLDOUT_ROWS + 1)) {
      List<Alert> out = alertsFor(h);

      assertThat(decide.upliftModels().active(RetentionAction.RENEWAL_OFFER)).isFalse();
      assertThat(out.stream().filter(a -> a.arm == Arm.TREATED && a.uplift != null))
          .isNotEmpty()
          .allSatisfy(a -> assertThat(a.rankedBy).isNull());
    }
  }
}
