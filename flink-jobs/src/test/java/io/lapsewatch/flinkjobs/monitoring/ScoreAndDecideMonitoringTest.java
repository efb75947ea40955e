package io.lapsewatch.flinkjobs.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.policy.HoldoutArm;
import io.lapsewatch.featurestore.events.PolicyEvent;
import io.lapsewatch.featurestore.features.FeatureVector;
import io.lapsewatch.featurestore.features.PolicyholderState;
import io.lapsewatch.featurestore.scenarios.Scenarios;
import io.lapsewatch.featurestore.simulator.SimulationConfig;
import io.lapsewatch.flinkjobs.functions.ModelSourceSpec;
import io.lapsewatch.flinkjobs.functions.ScoreAndDecide;
import io.lapsewatch.flinkjobs.functions.ScoreAndDecide.DecisionOverrides;
import io.lapsewatch.modeltraining.TrainCommand;
import io.lapsewatch.modeltraining.model.ChurnModel;
import io.lapsewatch.modeltraining.model.ModelRegistry;
import io.lapsewatch.modeltraining.monitoring.MonitoredTerm;
import io.lapsewatch.modeltraining.trainers.TrainerKind;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ScoreAndDecide reports each term's score at the monitoring lead time, and nothing else. */
class ScoreAndDecideMonitoringTest {
  private static final long DAY = 86_400_000L;
  private static final LocalDate RENEWAL = LocalDate.of(2025, 9, 1);

  @TempDir static Path dir;
  static Path registry;
  static String trained;

  @BeforeAll
  static void trainOneModel() throws Exception {
    registry = dir.resolve("models");
    trained =
        TrainCommand.trainOnSimulation(
                SimulationConfig.of(1500, 365, 8), registry, TrainerKind.LR, true)
            .version();
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, FeatureVector, Alert> harness(
      ScoreAndDecide decide) throws Exception {
    KeyedOneInputStreamOperatorTestHarness<String, FeatureVector, Alert> h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(decide), v -> v.policyholderId, Types.STRING);
    h.setProcessingTime(0);
    h.open();
    return h;
  }

  private static ScoreAndDecide decide() {
    return new ScoreAndDecide(
        ModelSourceSpec.folder(registry.toString()),
        null,
        60_000,
        new DecisionOverrides(0.5, 5000, 90, 14, HoldoutArm.none()));
  }

  private static FeatureVector atRisk(String holder, long asOf) {
    List<PolicyEvent> events = Scenarios.atRisk(holder, 1000, RENEWAL);
    PolicyholderState s = new PolicyholderState();
    events.forEach(s::apply);
    return s.vector(holder, asOf);
  }

  private static long daysBefore(int days) {
    return RENEWAL.minusDays(days).toEpochDay() * DAY;
  }

  @Test
  void theVectorAtTheLeadTimeIsReportedWithItsCalibratedScoreFeaturesAndModel() throws Exception {
    try (var h = harness(decide().withMonitoring(30))) {
      FeatureVector atLead = atRisk("PH1", daysBefore(30));
      h.processElement(new StreamRecord<>(atLead, atLead.asOf));
      h.processElement(new StreamRecord<>(atRisk("PH2", daysBefore(60)), daysBefore(60)));
      h.processElement(
          new StreamRecord<>(atRisk("PH3", daysBefore(30) + 3_600_000L), daysBefore(30)));

      ChurnModel model = ChurnModel.load(new ModelRegistry(registry).versionDir(trained));
      assertThat(h.getSideOutput(ScoreAndDecide.MONITORED))
          .extracting(StreamRecord::getValue)
          .singleElement()
          .satisfies(
              (MonitoredTerm t) -> {
                assertThat(t.policyholderId).isEqualTo("PH1");
                assertThat(t.policyId).isEqualTo("PH1-P1");
                assertThat(t.renewalDate).isEqualTo((int) RENEWAL.toEpochDay());
                assertThat(t.asOf).isEqualTo(daysBefore(30));
                assertThat(t.modelVersion).isEqualTo(trained);
                assertThat(t.score).isEqualTo(model.score(atLead.values));
                assertThat(t.features).containsExactly(atLead.values).isNotSameAs(atLead.values);
                assertThat(t.isEnded()).isFalse();
              });
      assertThat(h.extractOutputValues()).as("the decision goes on as before").isNotEmpty();
    }
  }

  @Test
  void theReferenceProfileOfAVersionIsReadFromItsMetadata() throws Exception {
    ReferenceProfiles profiles =
        ReferenceProfiles.from(ModelSourceSpec.folder(registry.toString()));

    assertThat(profiles.of(trained))
        .hasValueSatisfying(
            p -> {
              assertThat(p.leadDays()).isEqualTo(30);
              assertThat(p.features())
                  .hasSize(io.lapsewatch.featurestore.features.FeatureSchema.size());
            });
  }

  @Test
  void nothingIsReportedWithoutMonitoring() throws Exception {
    try (var h = harness(decide())) {
      h.processElement(new StreamRecord<>(atRisk("PH1", daysBefore(30)), daysBefore(30)));

      assertThat(h.getSideOutput(ScoreAndDecide.MONITORED)).isNull();
    }
  }
}
