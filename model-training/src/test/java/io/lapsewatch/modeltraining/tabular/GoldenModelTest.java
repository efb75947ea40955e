package io.lapsewatch.modeltraining.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lapsewatch.modeltraining.calibration.PlattScaling;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A small logistic regression saved by an earlier build must keep scoring the same rows the same
 * way. If this fails after a deliberate change to training or saving, regenerate with {@link
 * GoldenModelGenerator} and say so in the commit; if the change was not meant to alter scoring,
 * existing models in the field would break the same way.
 */
class GoldenModelTest {
  static final List<Map<String, String>> ROWS =
      List.of(
          Map.of(
              "annual_premium", "420.50",
              "premium_change_pct", "18.0",
              "channel", "web",
              "region", "North",
              "policyholder_age", "27"),
          Map.of(
              "annual_premium", "2890",
              "premium_change_pct", "-4.5",
              "channel", "agent",
              "region", "South",
              "policyholder_age", "71"),
          // Blank age and a channel and region never seen in training.
          Map.of(
              "annual_premium", "1500",
              "premium_change_pct", "2",
              "channel", "broker",
              "region", "Mars",
              "policyholder_age", ""));

  static final double[] RAW = {0.76356293366159920, 0.088158113282899760, 0.54921644548063610};
  static final double[] CALIBRATED = {
    0.55127869863294010, 0.21355707408038188, 0.44681855943142335
  };

  private static Path golden() throws URISyntaxException {
    return Path.of(GoldenModelTest.class.getResource("/golden/model").toURI());
  }

  @Test
  void goldenModelScoresFixedRowsAsWhenItWasSaved() throws Exception {
    TabularModel m = TabularModel.load(golden());

    for (int i = 0; i < ROWS.size(); i++) {
      assertThat(m.rawScore(ROWS.get(i)))
          .as("raw score of row " + i)
          .isCloseTo(RAW[i], within(1e-12));
      assertThat(m.score(ROWS.get(i)))
          .as("calibrated score of row " + i)
          .isCloseTo(CALIBRATED[i], within(1e-12));
    }
  }

  @Test
  void goldenModelKeepsItsEncodingAndCalibration() throws Exception {
    TabularModel m = TabularModel.load(golden());

    assertThat(m.metadata().trainer()).isEqualTo("lr");
    assertThat(m.metadata().encoder().label()).isEqualTo(new LabelSpec("lapsed", "Yes"));
    assertThat(m.featureNames()).contains("annual_premium", "channel=web", "channel=(other)");
    // Fewer than 1,000 calibration rows, so Platt scaling.
    assertThat(m.metadata().calibrator()).isInstanceOf(PlattScaling.class);
    assertThat(m.model().getProvenance().getClassName())
        .isEqualTo("org.tribuo.classification.sgd.linear.LinearSGDModel");
  }
}
