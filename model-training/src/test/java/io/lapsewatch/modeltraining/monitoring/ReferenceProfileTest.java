package io.lapsewatch.modeltraining.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReferenceProfileTest {

  @Test
  void quantileBinsHoldATenthEach() {
    double[] values = new double[1000];
    for (int i = 0; i < values.length; i++) {
      values[i] = i;
    }
    FeatureBins bins = FeatureBins.of("days_since_last_login", values, 10);
    assertThat(bins.upperEdges()).containsExactly(99, 199, 299, 399, 499, 599, 699, 799, 899);
    assertThat(bins.proportions()).containsOnly(new double[] {0.1}, within(1e-9));
    assertThat(bins.bin(99)).isEqualTo(0);
    assertThat(bins.bin(99.5)).isEqualTo(1);
    assertThat(bins.bin(-5)).isEqualTo(0);
    assertThat(bins.bin(1e9)).isEqualTo(9);
    assertThat(bins.bin(Double.NaN)).isEqualTo(9);
  }

  @Test
  void constantFeatureGetsOneBinAndAnEmptyOpenBin() {
    double[] values = new double[50];
    Arrays.fill(values, 3.0);
    FeatureBins bins = FeatureBins.of("payment_method_changed", values, 10);
    assertThat(bins.upperEdges()).containsExactly(3.0);
    assertThat(bins.proportions()).containsExactly(1.0, 0.0);
  }

  @Test
  void discreteFeatureGetsOneBinPerValue() {
    double[] values = new double[100];
    for (int i = 70; i < 100; i++) {
      values[i] = 1;
    }
    FeatureBins bins = FeatureBins.of("missed_payment", values, 10);
    assertThat(bins.upperEdges()).containsExactly(0.0, 1.0);
    assertThat(bins.proportions()[0]).isCloseTo(0.7, within(1e-9));
    assertThat(bins.proportions()[1]).isCloseTo(0.3, within(1e-9));
    assertThat(bins.proportions()[2]).isZero();
  }

  @Test
  void edgesAndProportionsMustAgree() {
    assertThatThrownBy(() -> new FeatureBins("tenure", new double[] {1, 2}, new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tenure")
        .hasMessageContaining("2 upper edges need 3 proportions, got 1");
  }

  @Test
  void profileRoundTripsThroughJacksonAndJavaSerialization() throws Exception {
    ReferenceProfile profile = sample();
    ObjectMapper mapper = new ObjectMapper();
    String json = mapper.writeValueAsString(profile);
    assertThat(mapper.readValue(json, ReferenceProfile.class)).isEqualTo(profile);

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(profile);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertThat(in.readObject()).isEqualTo(profile);
    }
  }

  @Test
  void profileCarriesLapseRateAucAndProportionsSummingToOne() {
    ReferenceProfile profile = sample();
    assertThat(profile.rows()).isEqualTo(500);
    assertThat(profile.features()).extracting(FeatureBins::name).containsExactly("a", "b");
    for (FeatureBins f : profile.features()) {
      assertThat(Arrays.stream(f.proportions()).sum()).isCloseTo(1, within(1e-9));
    }
    assertThat(profile.auc()).isBetween(0.5, 1.0);
    assertThat(profile.lapseRate()).isBetween(0.0, 1.0);
  }

  @Test
  void profileRejectsMismatchedInput() {
    assertThatThrownBy(
            () ->
                ReferenceProfile.build(
                    30, List.of("a"), List.of(new double[] {1}), new double[2], new boolean[1], 10))
        .hasMessageContaining("1 terms, 2 scores, 1 outcomes");
  }

  static ReferenceProfile sample() {
    Random random = new Random(3);
    List<double[]> rows = new ArrayList<>();
    double[] scores = new double[500];
    boolean[] lapsed = new boolean[500];
    for (int i = 0; i < 500; i++) {
      double a = random.nextGaussian();
      rows.add(new double[] {a, random.nextInt(3)});
      scores[i] = 1 / (1 + Math.exp(-a));
      lapsed[i] = random.nextDouble() < scores[i];
    }
    return ReferenceProfile.build(30, List.of("a", "b"), rows, scores, lapsed, 10);
  }
}
