package io.lapsewatch.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CapacityChoiceTest {
  /** Ten candidates: two persuadables, a sleeping dog among the riskiest, the rest unmoved. */
  private static final double[] TRUE_EFFECT = {0, 0, -1, 0, 1, 0, 1, 0, 0, 0};

  /** Risk puts the lost causes and the sleeping dog first. */
  private static final double[] RISK = {0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05};

  /** An uplift model that found the persuadables and ranks the sleeping dog last. */
  private static final double[] UPLIFT = {0.0, 0.01, -0.2, 0.02, 0.3, 0.0, 0.25, 0.0, 0.0, 0.0};

  @Test
  void capacityIsTheShareOfCandidatesRoundedUp() {
    assertThat(CapacityChoice.contacts(10, 0.3)).isEqualTo(3);
    assertThat(CapacityChoice.contacts(7, 0.3)).isEqualTo(3);
    assertThat(CapacityChoice.contacts(2, 0.1)).isEqualTo(1);
    assertThat(CapacityChoice.contacts(0, 0.3)).isZero();
  }

  @Test
  void savesCountTheTrueEffectsOfTheChosenPer1000Contacts() {
    // Top 3 by risk: effects 0, 0, -1 -> -1 per 3 contacts.
    assertThat(CapacityChoice.savesPer1000(RISK, TRUE_EFFECT, 0.3))
        .isCloseTo(-1000.0 / 3, within(1e-9));
    // Top 3 by uplift: 1, 1, 0 -> 2 per 3 contacts.
    assertThat(CapacityChoice.savesPer1000(UPLIFT, TRUE_EFFECT, 0.3))
        .isCloseTo(2000.0 / 3, within(1e-9));
    // Everyone contacted: the mean effect, whatever the ranking.
    assertThat(CapacityChoice.savesPer1000(RISK, TRUE_EFFECT, 1.0)).isCloseTo(100, within(1e-9));
  }

  @Test
  void equalScoresKeepInputOrder() {
    assertThat(CapacityChoice.top(new double[] {0.5, 0.7, 0.5, 0.5}, 3)).containsExactly(1, 0, 2);
  }

  @Test
  void randomScoresAreSeededAndDifferBySeed() {
    assertThat(CapacityChoice.randomScores(5, 3))
        .containsExactly(CapacityChoice.randomScores(5, 3));
    assertThat(CapacityChoice.randomScores(5, 3)).isNotEqualTo(CapacityChoice.randomScores(5, 4));
  }

  @Test
  void badInputIsRefusedWithTheValue() {
    assertThatThrownBy(() -> CapacityChoice.contacts(10, 1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1.5");
    assertThatThrownBy(() -> CapacityChoice.savesPer1000(new double[2], new double[3], 0.3))
        .hasMessageContaining("2 scores but 3 true effects");
    assertThatThrownBy(() -> CapacityChoice.top(new double[] {0.1, Double.NaN}, 1))
        .hasMessageContaining("candidate 1 is NaN");
  }
}
