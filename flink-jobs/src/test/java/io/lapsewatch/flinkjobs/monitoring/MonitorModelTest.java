package io.lapsewatch.flinkjobs.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lapsewatch.featurestore.features.FeatureSchema;
import io.lapsewatch.flinkjobs.JobCounters;
import io.lapsewatch.flinkjobs.functions.TestingMetrics;
import io.lapsewatch.modeltraining.monitoring.ModelHealth;
import io.lapsewatch.modeltraining.monitoring.MonitoredTerm;
import io.lapsewatch.modeltraining.monitoring.ReferenceProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The model's health over a rolling window, on Flink's operator test harness. */
class MonitorModelTest {
  private static final long DAY = 86_400_000L;
  private static final int FIRST_DAY = 20_000;
  private static final int FEATURES = FeatureSchema.size();
  private static final ReferenceProfile PROFILE = reference();

  /** 2000 training terms: features uniform in 0..10, lapse with the (calibrated) score. */
  private static ReferenceProfile reference() {
    Random r = new Random(7);
    List<double[]> rows = new ArrayList<>();
    double[] scores = new double[2000];
    boolean[] lapsed = new boolean[2000];
    for (int i = 0; i < scores.length; i++) {
      rows.add(row(r, 0));
      scores[i] = r.nextDouble();
      lapsed[i] = r.nextDouble() < scores[i];
    }
    return ReferenceProfile.build(30, rows, scores, lapsed);
  }

  private static double[] row(Random r, double shiftOfFirst) {
    double[] v = new double[FEATURES];
    for (int f = 0; f < FEATURES; f++) {
      v[f] = Math.floor(r.nextDouble() * 10);
    }
    v[0] += shiftOfFirst;
    return v;
  }

  private TestingMetrics metrics;
  private final Random random = new Random(11);

  private OneInputStreamOperatorTestHarness<MonitoredTerm, Void> harness(
      ReferenceProfiles profiles, OperatorSubtaskState restored) throws Exception {
    metrics = new TestingMetrics();
    OneInputStreamOperatorTestHarness<MonitoredTerm, Void> h =
        new OneInputStreamOperatorTestHarness<>(
            new ProcessOperator<>(new MonitorModel(profiles, 30, 50)), metrics.environment());
    if (restored != null) {
      h.initializeState(restored);
    }
    h.open();
    return h;
  }

  private static ReferenceProfiles withProfile() {
    return version -> "m1".equals(version) ? Optional.of(PROFILE) : Optional.empty();
  }

  /** {@code n} terms scored on {@code day} by m1, the first feature shifted by {@code shift}. */
  private void scoredOn(
      OneInputStreamOperatorTestHarness<MonitoredTerm, Void> h, int day, int n, double shift)
      throws Exception {
    for (int i = 0; i < n; i++) {
      long asOf = day * DAY;
      MonitoredTerm t =
          MonitoredTerm.scored(
              "PH" + day + "-" + i,
              "P" + day + "-" + i,
              day + 30,
              asOf,
              "m1",
              random.nextDouble(),
              row(random, shift));
      h.processElement(new StreamRecord<>(t, asOf));
    }
  }

  /** {@code n} ended terms on {@code day}, each lapsed with its score (a calibrated model). */
  private void endedOn(OneInputStreamOperatorTestHarness<MonitoredTerm, Void> h, int day, int n)
      throws Exception {
    for (int i = 0; i < n; i++) {
      double score = random.nextDouble();
      MonitoredTerm t =
          MonitoredTerm.scored(
                  "PE" + day + "-" + i,
                  "E" + day + "-" + i,
                  day,
                  (day - 30) * DAY,
                  "m1",
                  score,
                  row(random, 0))
              .ended(
                  random.nextDouble() < score ? MonitoredTerm.LAPSED : MonitoredTerm.RENEWED, day);
      h.processElement(new StreamRecord<>(t, day * DAY));
    }
  }

  private static MonitorModel function(OneInputStreamOperatorTestHarness<MonitoredTerm, Void> h) {
    return (MonitorModel) ((ProcessOperator<?, ?>) h.getOneInputOperator()).getUserFunction();
  }

  @Test
  void aWindowLikeTheReferenceShowsNoDriftAndTheExpectedPerformanceOfItsScores() throws Exception {
    try (var h = harness(withProfile(), null)) {
      scoredOn(h, FIRST_DAY, 100, 0);
      endedOn(h, FIRST_DAY, 100);
      assertThat((Double) metrics.gauge("lapsewatch_score_drift_psi"))
          .as("nothing until the first day is over")
          .isNaN();
      for (int d = 1; d < 5; d++) {
        scoredOn(h, FIRST_DAY + d, 100, 0);
        endedOn(h, FIRST_DAY + d, 100);
      }

      scoredOn(h, FIRST_DAY + 5, 1, 0);

      ModelHealth health = function(h).health();
      assertThat(health.day()).as("the days before the new one").isEqualTo(FIRST_DAY + 4);
      assertThat(health.scoredTerms()).isEqualTo(500);
      assertThat(health.endedTerms()).isEqualTo(500);
      assertThat(health.featurePsi().values()).allSatisfy(psi -> assertThat(psi).isLessThan(0.1));
      assertThat((Double) metrics.gauge("lapsewatch_score_drift_psi")).isLessThan(0.1);
      assertThat((Double) metrics.gauge("lapsewatch_model_expected_lapse_rate"))
          .isCloseTo(0.5, within(0.05));
      assertThat((Double) metrics.gauge("lapsewatch_model_realized_auc"))
          .isCloseTo((Double) metrics.gauge("lapsewatch_model_expected_auc"), within(0.08));
      assertThat((Double) metrics.gauge("lapsewatch_model_realized_lapse_rate"))
          .isCloseTo(0.5, within(0.08));
    }
  }

  @Test
  void savedContactedTermsAreLeftOutOfTheRealizedFiguresAndCounted() throws Exception {
    try (var h = harness(withProfile(), null)) {
      scoredOn(h, FIRST_DAY, 300, 0);
      endedOn(h, FIRST_DAY, 300);
      // The programme contacted 200 high-risk terms and saved them all.
      for (int i = 0; i < 200; i++) {
        MonitoredTerm t =
            MonitoredTerm.scored(
                "PC" + i, "C" + i, FIRST_DAY, (FIRST_DAY - 30) * DAY, "m1", 0.9, row(random, 0));
        t.contacted = true;
        h.processElement(
            new StreamRecord<>(t.ended(MonitoredTerm.RENEWED, FIRST_DAY), FIRST_DAY * DAY));
      }
      scoredOn(h, FIRST_DAY + 1, 1, 0);

      ModelHealth health = function(h).health();
      assertThat(health.endedTerms()).isEqualTo(500);
      assertThat(health.endedContacted()).isEqualTo(200);
      assertThat((Double) metrics.gauge("lapsewatch_model_realized_lapse_rate"))
          .isCloseTo(
              (Double) metrics.gauge("lapsewatch_model_ended_expected_lapse_rate"), within(0.08));
      assertThat((Double) metrics.gauge("lapsewatch_model_ended_expected_lapse_rate"))
          .isCloseTo(0.5, within(0.06));
      assertThat(ModelHealthFigures.of(health))
          .containsEntry("terms.ended_contacted", 200.0)
          .containsKey("ended_expected_lapse_rate");
    }
  }

  @Test
  void healthIsRecomputedOncePerEventTimeDayNotPerRecord() throws Exception {
    try (var h = harness(withProfile(), null)) {
      scoredOn(h, FIRST_DAY, 100, 0);
      scoredOn(h, FIRST_DAY + 1, 1, 0);
      ModelHealth first = function(h).health();

      scoredOn(h, FIRST_DAY + 1, 200, 0);

      assertThat(function(h).health()).isSameAs(first);
      scoredOn(h, FIRST_DAY + 2, 1, 0);
      assertThat(function(h).health().scoredTerms()).isEqualTo(301);
    }
  }

  @Test
  void aShiftedFeatureShowsDriftUnderItsOwnName() throws Exception {
    try (var h = harness(withProfile(), null)) {
      for (int d = 0; d < 3; d++) {
        scoredOn(h, FIRST_DAY + d, 100, 5);
      }
      scoredOn(h, FIRST_DAY + 3, 1, 5);

      Map<String, Double> psi = function(h).health().featurePsi();
      String shifted = FeatureSchema.keys().get(0);
      assertThat(psi.get(shifted)).isGreaterThan(0.2);
      assertThat(psi.get(FeatureSchema.keys().get(1))).isLessThan(0.1);
    }
  }

  @Test
  void termsLeaveTheWindowAfterItsDays() throws Exception {
    try (var h = harness(withProfile(), null)) {
      scoredOn(h, FIRST_DAY, 100, 0);
      scoredOn(h, FIRST_DAY + 40, 60, 0);
      scoredOn(h, FIRST_DAY + 41, 1, 0);

      assertThat(function(h).health().scoredTerms()).isEqualTo(60);
    }
  }

  @Test
  void aModelWithoutReferenceProfileLeavesTheFiguresNaNAndIsCountedOnce() throws Exception {
    try (var h = harness(version -> Optional.empty(), null)) {
      for (int d = 0; d < 4; d++) {
        scoredOn(h, FIRST_DAY + d, 60, 0);
      }

      assertThat((Double) metrics.gauge("lapsewatch_score_drift_psi")).isNaN();
      assertThat((Double) metrics.gauge("lapsewatch_model_expected_auc")).isNaN();
      assertThat(metrics.count("lapsewatch_model_reference_missing")).isEqualTo(1);
    }
  }

  @Test
  void aProfileThatCannotBeReadIsCountedNotAFailure() throws Exception {
    ReferenceProfiles broken =
        version -> {
          throw new java.io.IOException("metadata.json unreadable");
        };
    try (var h = harness(broken, null)) {
      scoredOn(h, FIRST_DAY, 60, 0);
      scoredOn(h, FIRST_DAY + 1, 60, 0);

      assertThat((Double) metrics.gauge("lapsewatch_model_realized_auc")).isNaN();
      assertThat(metrics.count("lapsewatch_model_reference_missing")).isEqualTo(1);
    }
  }

  @Test
  void theWindowSurvivesACheckpointAndRestore() throws Exception {
    OperatorSubtaskState snapshot;
    try (var h = harness(withProfile(), null)) {
      scoredOn(h, FIRST_DAY, 100, 0);
      endedOn(h, FIRST_DAY, 70);
      scoredOn(h, FIRST_DAY + 1, 30, 0);
      snapshot = h.snapshot(1L, 1L);
    }

    try (var h = harness(withProfile(), snapshot)) {
      scoredOn(h, FIRST_DAY + 2, 1, 0);

      ModelHealth health = function(h).health();
      assertThat(health.scoredTerms()).isEqualTo(130);
      assertThat(health.endedTerms()).isEqualTo(70);
      assertThat(health.day()).isEqualTo(FIRST_DAY + 1);
    }
  }

  @Test
  void theLastFiguresAreInTheModelHealthAccumulatorWhenTheInputEnds() throws Exception {
    var h = harness(withProfile(), null);
    scoredOn(h, FIRST_DAY, 100, 0);
    endedOn(h, FIRST_DAY, 100);
    h.close();

    Map<String, Double> figures =
        ((ModelHealthFigures)
                h.getEnvironment()
                    .getAccumulatorRegistry()
                    .getUserMap()
                    .get(JobCounters.MODEL_HEALTH))
            .getLocalValue();
    assertThat(figures.get("terms.scored")).isEqualTo(100.0);
    assertThat(figures.get("terms.ended")).isEqualTo(100.0);
    assertThat(figures.get("day")).isEqualTo((double) FIRST_DAY);
    assertThat(figures).containsKey("feature_psi." + FeatureSchema.keys().get(0));
    assertThat(figures.get("expected_auc")).isBetween(0.5, 1.0);
    assertThat(figures.get("calibration_observed.10"))
        .isGreaterThan(figures.get("calibration_observed.1"));
  }
}
