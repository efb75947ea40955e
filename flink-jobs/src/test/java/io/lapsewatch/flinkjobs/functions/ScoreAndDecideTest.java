package io.lapsewatch.flinkjobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.Arm;
import io.lapsewatch.alertcontract.RetentionAction;
import io.lapsewatch.alertcontract.policy.HoldoutArm;
import io.lapsewatch.featurestore.events.PolicyEvent;
import io.lapsewatch.featurestore.features.FeatureVector;
import io.lapsewatch.featurestore.features.PolicyholderState;
import io.lapsewatch.featurestore.scenarios.Scenarios;
import io.lapsewatch.featurestore.simulator.SimulationConfig;
import io.lapsewatch.flinkjobs.functions.ScoreAndDecide.DecisionOverrides;
import io.lapsewatch.modeltraining.TrainCommand;
import io.lapsewatch.modeltraining.model.ModelRegistry;
import io.lapsewatch.modeltraining.trainers.TrainerKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scoring and the retention decision on Flink's harness: hot swaps, bad models, holdout. */
class ScoreAndDecideTest {
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

  /** A copy of the trained model under another version name. */
  private static String copyAs(String version) throws Exception {
    Path from = registry.resolve(trained);
    Path to = registry.resolve(version);
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : files.toList()) {
        Files.copy(f, to.resolve(f.getFileName()));
      }
    }
    ObjectMapper json = new ObjectMapper();
    ObjectNode meta = (ObjectNode) json.readTree(to.resolve("metadata.json").toFile());
    meta.put("version", version);
    json.writeValue(to.resolve("metadata.json").toFile(), meta);
    return version;
  }

  private static void point(String version) throws Exception {
    Files.writeString(registry.resolve(ModelRegistry.CURRENT), version + "\n");
  }

  /** How often the function looks for a newly published model, in harness processing time. */
  private static final long CHECK_MS = 100;

  private TestingMetrics metrics;

  private KeyedOneInputStreamOperatorTestHarness<String, FeatureVector, Alert> harness(
      HoldoutArm holdout) throws Exception {
    metrics = new TestingMetrics();
    DecisionOverrides d = new DecisionOverrides(0.5, 5000, 90, 14, holdout);
    KeyedOneInputStreamOperatorTestHarness<String, FeatureVector, Alert> h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(
                new ScoreAndDecide(ModelSourceSpec.folder(registry.toString()), null, CHECK_MS, d)),
            v -> v.policyholderId,
            Types.STRING,
            metrics.environment());
    // The harness clock starts at Long.MIN_VALUE; start at 0 so the refresh times read plainly.
    h.setProcessingTime(0);
    h.open();
    return h;
  }

  /** Scores a fresh at-risk policyholder and returns the model version its alert names. */
  private static String versionScoring(
      KeyedOneInputStreamOperatorTestHarness<String, FeatureVector, Alert> h, String holder)
      throws Exception {
    h.processElement(new StreamRecord<>(atRisk(holder), 1));
    List<Alert> out = h.extractOutputValues();
    assertThat(out).last().extracting(a -> a.policyholderId).isEqualTo(holder);
    return out.get(out.size() - 1).modelVersion;
  }

  private static FeatureVector atRisk(String holder) {
    List<PolicyEvent> events = Scenarios.atRisk(holder, 1000, RENEWAL);
    PolicyholderState s = new PolicyholderState();
    events.forEach(s::apply);
    return s.vector(holder, events.get(events.size() - 1).occurredAt);
  }

  @Test
  void swapsToANewlyPublishedModelWhenTheRefreshTimerFires() throws Exception {
    point(trained);
    String next = copyAs("m-next");
    try (var h = harness(HoldoutArm.none())) {
      assertThat(versionScoring(h, "PH-A")).isEqualTo(trained);

      point(next);
      h.setProcessingTime(CHECK_MS - 1);
      assertThat(versionScoring(h, "PH-B")).as("not looked yet").isEqualTo(trained);

      h.setProcessingTime(CHECK_MS);
      assertThat(versionScoring(h, "PH-C")).isEqualTo(next);
      assertThat(metrics.count("lapsewatch_model_swaps")).isEqualTo(1);
      assertThat(metrics.count("lapsewatch_model_load_failures")).isZero();
    }
  }

  @Test
  void theRefreshTimerReArmsAndKeepsNothingInKeyedState() throws Exception {
    point(trained);
    String later = copyAs("m-later");
    try (var h = harness(HoldoutArm.none())) {
      for (int i = 1; i <= 3; i++) {
        h.setProcessingTime(i * CHECK_MS);
        assertThat(h.getProcessingTimeService().getNumActiveTimers())
            .as("refresh timers pending after check " + i)
            .isEqualTo(1);
      }
      point(later);
      h.setProcessingTime(4 * CHECK_MS);
      assertThat(versionScoring(h, "PH-L")).isEqualTo(later);
      // One task-wide timer, not one per policyholder: keyed timers stay untouched.
      assertThat(h.numProcessingTimeTimers()).isZero();
      assertThat(h.numEventTimeTimers()).isZero();
    }
  }

  @Test
  void aCorruptPublishedModelLeavesTheCurrentOneServing() throws Exception {
    point(trained);
    String broken = copyAs("m-broken");
    Files.write(
        registry.resolve(broken).resolve("model.tribuo"),
        "not a model".getBytes(StandardCharsets.UTF_8));
    try (var h = harness(HoldoutArm.none())) {
      point(broken);
      for (int i = 1; i <= 5; i++) {
        h.setProcessingTime(i * CHECK_MS);
        assertThat(versionScoring(h, "PH-C" + i)).isEqualTo(trained);
      }
      assertThat(h.getProcessingTimeService().getNumActiveTimers())
          .as("a failed load keeps the refresh going")
          .isEqualTo(1);
      assertThat(metrics.count("lapsewatch_model_load_failures")).isEqualTo(5);
      assertThat(metrics.count("lapsewatch_model_swaps")).isZero();
      assertThat((Long) metrics.gauge("lapsewatch_model_age_seconds")).isNotNegative();
    }
  }

  @Test
  void heldOutPolicyholdersAreAlertedInTheHoldoutArm() throws Exception {
    point(trained);
    HoldoutArm holdout = new HoldoutArm(0.5, "test-salt");
    try (var h = harness(holdout)) {
      for (int i = 0; i < 40; i++) {
        h.processElement(new StreamRecord<>(atRisk("PH-H" + i), 4));
      }
      List<Alert> alerts = h.extractOutputValues();
      assertThat(alerts).hasSize(40);
      for (Alert a : alerts) {
        assertThat(a.arm).isEqualTo(holdout.of(a.policyholderId));
      }
      assertThat(alerts).anyMatch(a -> a.arm == Arm.HOLDOUT).anyMatch(a -> a.arm == Arm.TREATED);
    }
  }

  @Test
  void aTermIsNotAlertedTwiceInTheSameRiskBand() throws Exception {
    point(trained);
    try (var h = harness(HoldoutArm.none())) {
      FeatureVector v = atRisk("PH-D");
      h.processElement(new StreamRecord<>(v, 5));
      h.processElement(new StreamRecord<>(v, 6));
      assertThat(h.extractOutputValues()).hasSize(1);
    }
  }

  @Test
  void erasureForgetsTheAlertedTermsAndSendsOneMarkerPerAction() throws Exception {
    point(trained);
    try (var h = harness(HoldoutArm.none())) {
      FeatureVector v = atRisk("PH-E");
      h.processElement(new StreamRecord<>(v, 5));
      assertThat(h.numKeyedStateEntries()).isPositive();

      h.processElement(new StreamRecord<>(FeatureVector.erasure("PH-E", v.asOf + 1), 6));

      assertThat(h.extractOutputValues())
          .filteredOn(a -> a.erasure)
          .extracting(a -> a.action)
          .containsExactlyInAnyOrder(RetentionAction.values());
      assertThat(h.numKeyedStateEntries()).isZero();
      assertThat(h.numEventTimeTimers()).isZero();
      assertThat(h.numProcessingTimeTimers()).isZero();
    }
  }

  @Test
  void retirementForgetsTheAlertedTermsWithoutMarkers() throws Exception {
    point(trained);
    try (var h = harness(HoldoutArm.none())) {
      FeatureVector v = atRisk("PH-R");
      h.processElement(new StreamRecord<>(v, 5));

      h.processElement(new StreamRecord<>(FeatureVector.retirement("PH-R", v.asOf + 1), 6));

      assertThat(h.extractOutputValues()).singleElement().matches(a -> !a.erasure);
      assertThat(h.numKeyedStateEntries()).isZero();
    }
  }
}
