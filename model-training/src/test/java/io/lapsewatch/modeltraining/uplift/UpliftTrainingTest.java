package io.lapsewatch.modeltraining.uplift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lapsewatch.modeltraining.uplift.AlertedTermHistory.TermKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UpliftTrainingTest {
  /** A synthetic world, its rows' terms and their true effects. */
  record World(UpliftDataset data, List<TermKey> terms, TrueEffects truth) {}

  static World world(int n, long seed) {
    SyntheticUpliftWorld w = SyntheticUpliftWorld.draw(n, 0.5, seed);
    List<TermKey> terms = new ArrayList<>();
    Map<TermKey, Double> effects = new HashMap<>();
    for (int i = 0; i < n; i++) {
      TermKey k = new TermKey("PH-" + i, "POL-" + i, 20_000);
      terms.add(k);
      effects.put(k, w.trueEffect()[i]);
    }
    return new World(w.data(), terms, TrueEffects.of(Map.of("offer", effects)));
  }

  @Test
  void selectsOnTheTrainingPartAndEvaluatesOnTheHeldOutQuarter() {
    World w = world(4_000, 3);
    UpliftTraining.ActionResult r =
        UpliftTraining.run(
            w.data(), w.terms(), UpliftTraining.candidates("quick", 1), 3, 1, w.truth());
    assertThat(r.selection().scores()).hasSize(5);
    assertThat(r.trainingRows() + r.heldOut().rows()).isEqualTo(4_000);
    assertThat(r.heldOut().rows()).isBetween(990, 1010);
    assertThat(r.truthRows()).isEqualTo(r.heldOut().rows());
    assertThat(r.heldOut().qiniCoefficient()).isGreaterThan(0.05);
    assertThat(r.trueEffectCorrelation()).isGreaterThan(0.5);
    assertThat(r.perfectQini().get(r.perfectQini().size() - 1).value())
        .isCloseTo(
            r.heldOut().qiniCurve().get(r.heldOut().qiniCurve().size() - 1).value(),
            org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void unknownCandidateSetsAreRefusedNamingTheValue() {
    assertThatThrownBy(() -> UpliftTraining.candidates("fast", 1))
        .hasMessageContaining("'fast'")
        .hasMessageContaining("quick or full");
    assertThat(UpliftTraining.candidates("full", 1)).hasSize(10);
  }
}
