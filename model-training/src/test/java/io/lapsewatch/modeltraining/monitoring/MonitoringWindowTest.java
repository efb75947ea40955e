package io.lapsewatch.modeltraining.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MonitoringWindowTest {
  static final long DAY_MS = 86_400_000L;
  static final int DAY0 = 20_000;

  static MonitoredTerm scoredOn(int day, double score, double... features) {
    return MonitoredTerm.scored(
        "ph-" + day, "pol-" + day, day + 30, day * DAY_MS + 3_600_000L, "v1", score, features);
  }

  @Test
  void evictsDaysThatLeaveTheWindow() {
    MonitoringWindow window = new MonitoringWindow(3);
    window.add(scoredOn(DAY0, 0.1, 0));
    window.add(scoredOn(DAY0 + 1, 0.2, 0));
    window.add(scoredOn(DAY0 + 1, 0.3, 0).ended(MonitoredTerm.RENEWED, DAY0 + 2));
    window.advanceTo(DAY0 + 2);
    assertThat(window.scoredTerms()).hasSize(2);
    assertThat(window.endedTerms()).hasSize(1);

    window.advanceTo(DAY0 + 3);
    assertThat(window.scoredTerms()).extracting(t -> t.score).containsExactly(0.2);
    assertThat(window.size()).isEqualTo(2);

    window.advanceTo(DAY0 + 5);
    assertThat(window.size()).isZero();

    assertThat(window.add(scoredOn(DAY0 + 2, 0.4, 0))).isFalse();
    assertThat(window.lateTerms()).isEqualTo(1);
    assertThat(window.size()).isZero();
  }

  @Test
  void holdsTermsDatedAheadUntilTheWindowReachesThem() {
    MonitoringWindow window = new MonitoringWindow(2);
    window.advanceTo(DAY0);
    window.add(scoredOn(DAY0 + 1, 0.5, 0));
    assertThat(window.scoredTerms()).isEmpty();
    window.advanceTo(DAY0 + 1);
    assertThat(window.scoredTerms()).hasSize(1);
    window.advanceTo(DAY0);
    assertThat(window.currentDay()).isEqualTo(DAY0 + 1);
  }

  @Test
  void healthShowsDriftAfterAShiftAndNaNBelowMinTerms() {
    ReferenceProfile profile = ReferenceProfileTest.sample();
    MonitoringWindow window = new MonitoringWindow(5);
    Random random = new Random(9);
    window.advanceTo(DAY0);
    assertThat(window.health(profile, 10).scorePsi()).isNaN();

    for (int i = 0; i < 500; i++) {
      double a = random.nextGaussian();
      window.add(scoredOn(DAY0, 1 / (1 + Math.exp(-a)), a, random.nextInt(3)));
    }
    ModelHealth before = window.health(profile, 10);
    assertThat(before.scoredTerms()).isEqualTo(500);
    assertThat(before.featurePsi().get("a")).isLessThan(0.1);
    assertThat(before.scorePsi()).isLessThan(0.1);
    assertThat(before.expectedLapseRate()).isCloseTo(0.5, within(0.05));
    assertThat(before.realizedAuc()).isNaN();

    window.advanceTo(DAY0 + 10);
    for (int i = 0; i < 500; i++) {
      double a = random.nextGaussian() + 1.5;
      window.add(scoredOn(DAY0 + 10, 1 / (1 + Math.exp(-a)), a, random.nextInt(3)));
    }
    ModelHealth after = window.health(profile, 10);
    assertThat(after.scoredTerms()).isEqualTo(500);
    assertThat(after.featurePsi().get("a")).isGreaterThan(0.5);
    assertThat(after.featurePsi().get("b")).isLessThan(0.1);
    assertThat(after.scorePsi()).isGreaterThan(0.5);
  }

  @Test
  void healthOfEndedTermsHasRealizedFiguresAndCalibration() {
    MonitoringWindow window = new MonitoringWindow(30);
    List<MonitoredTerm> terms = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      MonitoredTerm t = scoredOn(DAY0, i / 40.0, i, 0);
      terms.add(t.ended(i >= 20 ? MonitoredTerm.LAPSED : MonitoredTerm.RENEWED, DAY0 + 1));
    }
    terms.forEach(window::add);
    window.advanceTo(DAY0 + 1);
    ModelHealth health = window.health(ReferenceProfileTest.sample(), 10);
    assertThat(health.endedTerms()).isEqualTo(40);
    assertThat(health.endedContacted()).isZero();
    assertThat(health.endedExpectedLapseRate()).isCloseTo(39 / 80.0, within(1e-12));
    double[] endedScores = terms.stream().mapToDouble(t -> t.score).toArray();
    assertThat(health.endedExpectedAuc())
        .as("what the ended terms' own scores promise")
        .isEqualTo(ExpectedPerformance.auc(endedScores));
    assertThat(health.realizedAuc()).isEqualTo(1.0);
    assertThat(health.realizedLapseRate()).isEqualTo(0.5);
    assertThat(health.calibration().observed()[0]).isZero();
    assertThat(health.calibration().observed()[9]).isEqualTo(1.0);
    assertThat(health.scorePsi()).isNaN();
  }

  @Test
  void contactedTermsAreLeftOutOfRealizedFiguresAndCounted() {
    MonitoringWindow window = new MonitoringWindow(30);
    // 40 terms scored 0.6 left alone, 40 lapse: the model's 0.6 matches nothing but the uncontacted
    // terms' own realized rate is what counts. 30 contacted high-risk terms were saved (renewed).
    for (int i = 0; i < 40; i++) {
      window.add(scoredOn(DAY0, 0.6, i, 0).ended(i < 24 ? "LAPSED" : "RENEWED", DAY0 + 1));
    }
    for (int i = 0; i < 30; i++) {
      MonitoredTerm saved = scoredOn(DAY0, 0.9, i, 0);
      saved.contacted = true;
      window.add(saved.ended(MonitoredTerm.RENEWED, DAY0 + 1));
    }
    window.advanceTo(DAY0 + 1);
    ModelHealth health = window.health(ReferenceProfileTest.sample(), 10);
    assertThat(health.endedTerms()).isEqualTo(70);
    assertThat(health.endedContacted()).isEqualTo(30);
    assertThat(health.endedUncontacted()).isEqualTo(40);
    assertThat(health.realizedLapseRate()).isCloseTo(0.6, within(1e-12));
    assertThat(health.endedExpectedLapseRate()).isCloseTo(0.6, within(1e-12));
    assertThat(java.util.Arrays.stream(health.calibration().terms()).sum()).isEqualTo(40);
    assertThat(health.toString()).contains("endedContacted=30");
  }

  @Test
  void realizedFiguresNeedEnoughUncontactedTerms() {
    MonitoringWindow window = new MonitoringWindow(30);
    for (int i = 0; i < 20; i++) {
      MonitoredTerm t = scoredOn(DAY0, 0.5, i, 0);
      t.contacted = i >= 5;
      window.add(t.ended(i % 2 == 0 ? "LAPSED" : "RENEWED", DAY0 + 1));
    }
    window.advanceTo(DAY0 + 1);
    ModelHealth health = window.health(ReferenceProfileTest.sample(), 10);
    assertThat(health.endedTerms()).isEqualTo(20);
    assertThat(health.endedContacted()).isEqualTo(15);
    assertThat(health.realizedLapseRate()).isNaN();
    assertThat(health.endedExpectedLapseRate()).isNaN();
  }

  @Test
  void healthRejectsTermsOfAnotherSchema() {
    MonitoringWindow window = new MonitoringWindow(30);
    window.add(scoredOn(DAY0, 0.1, 1, 2, 3));
    assertThatThrownBy(() -> window.health(ReferenceProfileTest.sample(), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has 3 features, the reference profile has 2");
  }

  @Test
  void windowSurvivesJavaSerialization() throws Exception {
    MonitoringWindow window = new MonitoringWindow(7);
    window.add(scoredOn(DAY0, 0.1, 1, 2));
    window.advanceTo(DAY0);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(window);
    }
    MonitoringWindow back;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      back = (MonitoringWindow) in.readObject();
    }
    assertThat(back.scoredTerms()).containsExactlyElementsOf(window.scoredTerms());
    assertThat(back.currentDay()).isEqualTo(DAY0);
    assertThat(back.windowDays()).isEqualTo(7);
  }
}
