package io.lapsewatch.flinkjobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.RetentionAction;
import io.lapsewatch.alertcontract.policy.HoldoutArm;
import io.lapsewatch.featurestore.events.Events;
import io.lapsewatch.featurestore.events.PolicyEvent;
import io.lapsewatch.featurestore.features.FeatureVector;
import io.lapsewatch.featurestore.features.PolicyholderState;
import io.lapsewatch.featurestore.scenarios.Scenarios;
import io.lapsewatch.featurestore.simulator.SimulationConfig;
import io.lapsewatch.flinkjobs.JobCounters;
import io.lapsewatch.flinkjobs.decision.FeatureFreshness;
import io.lapsewatch.flinkjobs.functions.ScoreAndDecide.DecisionOverrides;
import io.lapsewatch.modeltraining.TrainCommand;
import io.lapsewatch.modeltraining.trainers.TrainerKind;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fresh features or no alert: every alert carries its feature age, stale ones are held back. */
class ScoreAndDecideFreshnessTest {
  private static final LocalDate RENEWAL = LocalDate.of(2025, 9, 1);
  private static final long DAY_MS = 86_400_000L;
  private static final String HOLDER = "PH-FRESH";

  @TempDir static Path dir;
  static Path registry;

  @BeforeAll
  static void trainOneModel() throws Exception {
    registry = dir.resolve("models");
    TrainCommand.trainOnSimulation(
        SimulationConfig.of(1500, 365, 8), registry, TrainerKind.LR, true);
  }

  private ScoreAndDecide function;

  private KeyedOneInputStreamOperatorTestHarness<String, FeatureVector, Alert> harness(
      FeatureFreshness freshness) throws Exception {
    DecisionOverrides d = new DecisionOverrides(0.5, 5000, 90, 14, HoldoutArm.none());
    function =
        new ScoreAndDecide(ModelSourceSpec.folder(registry.toString()), null, 100, d)
            .withFreshness(freshness);
    KeyedOneInputStreamOperatorTestHarness<String, FeatureVector, Alert> h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(function), v -> v.policyholderId, Types.STRING);
    h.setProcessingTime(0);
    h.open();
    return h;
  }

  /** The at-risk history (its last event 40 days before renewal) in a state. */
  private static PolicyholderState atRisk() {
    PolicyholderState s = new PolicyholderState();
    Scenarios.atRisk(HOLDER, 1000, RENEWAL).forEach(s::apply);
    return s;
  }

  private static long daysBeforeRenewal(int days) {
    return RENEWAL.minusDays(days).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }

  private static long heldAccumulator(
      KeyedOneInputStreamOperatorTestHarness<String, FeatureVector, Alert> h) {
    var acc =
        h.getEnvironment()
            .getAccumulatorRegistry()
            .getUserMap()
            .get(JobCounters.ALERTS_HELD_STALE_FEATURES);
    return acc == null ? 0 : ((Number) acc.getLocalValue()).longValue();
  }

  @Test
  void everyAlertCarriesTheAgeOfItsNewestEvent() throws Exception {
    try (var h = harness(new FeatureFreshness(60))) {
      PolicyholderState s = atRisk();
      // A milestone 30 days before renewal: the newest event was 10 days and some hours earlier.
      FeatureVector v = s.vector(HOLDER, daysBeforeRenewal(30));
      h.processElement(new StreamRecord<>(v, 1));

      List<Alert> out = h.extractOutputValues();
      assertThat(out).hasSize(1);
      assertThat(out.get(0).featureAgeSeconds)
          .isEqualTo((v.asOf - v.newestEventAt) / 1000)
          .isBetween(9 * 86_400L, 10 * 86_400L);
      assertThat(function.staleFeatureMetrics().count(out.get(0).action)).isZero();
    }
  }

  @Test
  void staleFeaturesAreHeldBackAndCountedAndAFreshVectorStillAlerts() throws Exception {
    try (var h = harness(new FeatureFreshness(7))) {
      PolicyholderState s = atRisk();
      // 25 days before renewal the newest event is 15 days old: over the 7-day limit.
      h.processElement(new StreamRecord<>(s.vector(HOLDER, daysBeforeRenewal(25)), 1));

      assertThat(h.extractOutputValues()).isEmpty();
      long held =
          function.staleFeatureMetrics().count(RetentionAction.AGENT_CALLBACK)
              + function.staleFeatureMetrics().count(RetentionAction.RENEWAL_OFFER);
      assertThat(held).isEqualTo(1);
      assertThat(heldAccumulator(h)).isEqualTo(1);

      // A new event arrives: the same term, now with fresh evidence, is alerted (the held
      // alert was not recorded as decided, so no cooldown stops it).
      long at = daysBeforeRenewal(24) + 10 * 3_600_000L;
      PolicyEvent enquiry =
          Events.serviceContact(
              HOLDER + "-late", HOLDER, java.time.Instant.ofEpochMilli(at), "CANCELLATION_ENQUIRY");
      s.apply(enquiry);
      h.processElement(new StreamRecord<>(s.vector(HOLDER, at), 2));

      List<Alert> out = h.extractOutputValues();
      assertThat(out).hasSize(1);
      assertThat(out.get(0).featureAgeSeconds).isZero();
      assertThat(out.get(0).reasons).isNotEmpty();
      assertThat(heldAccumulator(h)).isEqualTo(1);
    }
  }

  @Test
  void noLimitLetsStaleFeaturesAlertWithTheirAge() throws Exception {
    try (var h = harness(FeatureFreshness.unlimited())) {
      FeatureVector v = atRisk().vector(HOLDER, daysBeforeRenewal(25));
      h.processElement(new StreamRecord<>(v, 1));

      assertThat(h.extractOutputValues())
          .singleElement()
          .satisfies(a -> assertThat(a.featureAgeSeconds).isGreaterThan(14 * 86_400L));
    }
  }

  @Test
  void aVectorWithoutAKnownNewestEventIsNeitherAgedNorHeld() throws Exception {
    try (var h = harness(new FeatureFreshness(1))) {
      FeatureVector v = atRisk().vector(HOLDER, daysBeforeRenewal(25));
      v.newestEventAt = FeatureVector.NO_EVENT;
      h.processElement(new StreamRecord<>(v, 1));

      assertThat(h.extractOutputValues())
          .singleElement()
          .satisfies(a -> assertThat(a.featureAgeSeconds).isNull());
    }
  }
}
