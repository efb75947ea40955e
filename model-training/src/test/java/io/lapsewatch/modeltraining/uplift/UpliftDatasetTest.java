package io.lapsewatch.modeltraining.uplift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UpliftDatasetTest {
  private static final List<String> NAMES = List.of("engagement", "tenure");

  private static UpliftExample row(boolean treated, boolean renewed) {
    return new UpliftExample(new double[] {0.5, 0.5}, treated, renewed, 900);
  }

  @Test
  void eachActionSharesTheHoldoutArm() {
    List<UpliftExample> holdout = List.of(row(false, true), row(false, false));
    Map<String, List<UpliftExample>> treated = new LinkedHashMap<>();
    treated.put("offer", List.of(row(true, true), row(true, true), row(true, false)));
    treated.put("callback", List.of(row(true, false)));

    Map<String, UpliftDataset> byAction = UpliftDataset.perAction(NAMES, holdout, treated);

    assertThat(byAction).containsOnlyKeys("offer", "callback");
    UpliftDataset offer = byAction.get("offer");
    assertThat(offer.treatedCount()).isEqualTo(3);
    assertThat(offer.controlCount()).isEqualTo(2);
    assertThat(offer.treatedShare()).isEqualTo(0.6);
    assertThat(offer.observedUplift()).isCloseTo(2.0 / 3 - 0.5, offset(1e-12));
    assertThat(byAction.get("callback").controlCount()).isEqualTo(2);
    assertThat(byAction.get("callback").renewalRate(true)).isEqualTo(0.0);
  }

  @Test
  void rowsInTheWrongArmAreRefused() {
    assertThatThrownBy(() -> UpliftDataset.perAction(NAMES, List.of(row(true, true)), Map.of()))
        .hasMessageContaining("holdout row is marked treated");
    assertThatThrownBy(
            () ->
                UpliftDataset.perAction(
                    NAMES, List.of(), Map.of("offer", List.of(row(false, true)))))
        .hasMessageContaining("action 'offer' is not marked treated");
  }

  @Test
  void badRowsAreRefusedNamingTheRowAndFeature() {
    assertThatThrownBy(
            () ->
                new UpliftDataset(
                    "offer", NAMES, List.of(new UpliftExample(new double[] {1}, true, true))))
        .hasMessageContaining("row 0 of 'offer' has 1 features, expected 2");
    assertThatThrownBy(
            () ->
                new UpliftDataset(
                    "offer",
                    NAMES,
                    List.of(
                        row(true, true),
                        new UpliftExample(new double[] {1, Double.NaN}, true, true))))
        .hasMessageContaining("row 1 feature 'tenure' is NaN");
    assertThatThrownBy(() -> new UpliftDataset("offer", List.of("a", "a"), List.of()))
        .hasMessageContaining("'a' is not");
    assertThatThrownBy(() -> new UpliftExample(new double[] {1}, true, true, -5))
        .hasMessageContaining("got -5.0");
  }

  @Test
  void examplesAreImmutable() {
    double[] x = {0.1, 0.2};
    UpliftExample e = new UpliftExample(x, true, false);
    x[0] = 9;
    e.features()[1] = 9;

    assertThat(e.features()).containsExactly(0.1, 0.2);
    assertThat(e).isEqualTo(new UpliftExample(new double[] {0.1, 0.2}, true, false, 0));
  }

  @Test
  void selectAndArmKeepTheActionAndNames() {
    UpliftDataset d =
        new UpliftDataset(
            "offer", NAMES, List.of(row(true, true), row(false, true), row(true, false)));

    assertThat(d.select(new int[] {2, 0}).examples())
        .containsExactly(row(true, false), row(true, true));
    assertThat(d.arm(false).size()).isEqualTo(1);
    assertThat(d.arm(false).featureNames()).isEqualTo(NAMES);
    assertThatThrownBy(() -> d.requireBothArms(2))
        .hasMessageContaining("at least 2 rows in each arm; got 2 treated and 1 holdout");
  }
}
