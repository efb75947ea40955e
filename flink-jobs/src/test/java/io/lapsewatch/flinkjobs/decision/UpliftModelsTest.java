package io.lapsewatch.flinkjobs.decision;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.Arm;
import io.lapsewatch.alertcontract.RetentionAction;
import io.lapsewatch.modeltraining.uplift.UpliftModel;
import io.lapsewatch.modeltraining.uplift.UpliftProvenance;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The gate, the estimate on treated alerts only, and refreshes that fail. */
class UpliftModelsTest {

  /** Uplift = the first feature; trained on {@code controlRows} holdout outcomes. */
  record FakeModel(int controlRows) implements UpliftModel {
    @Override
    public double[] uplift(double[][] rows) {
      double[] u = new double[rows.length];
      for (int i = 0; i < rows.length; i++) {
        u[i] = rows[i][0];
      }
      return u;
    }

    @Override
    public UpliftProvenance provenance() {
      return new UpliftProvenance(
          "fake", Map.of(), "offer", List.of("x"), 1000, controlRows, 0.8, 0.7);
    }
  }

  /** Versions per action name, each a fake model; a version named "broken" fails to load. */
  static final class FakeSource implements UpliftModelSource {
    final Map<String, String> latest = new HashMap<>();
    final Map<String, Integer> controlRows = new HashMap<>();

    @Override
    public Optional<String> latestVersion(String action) {
      return Optional.ofNullable(latest.get(action));
    }

    @Override
    public UpliftModel load(String action, String version) throws IOException {
      if (version.equals("broken")) {
        throw new IOException("truncated model file");
      }
      return new FakeModel(controlRows.getOrDefault(version, 0));
    }
  }

  private static UpliftDecisionSettings settings(Ranking ranking) {
    return new UpliftDecisionSettings(ranking, 5, 40, 500, null);
  }

  private static Alert treatedOffer(double premium) {
    Alert a = new Alert();
    a.alertId = "A-1";
    a.action = RetentionAction.RENEWAL_OFFER;
    a.arm = Arm.TREATED;
    a.annualPremium = premium;
    return a;
  }

  @Test
  void theGateStaysShutBelowTheMinimumOfHoldoutOutcomesAndOpensAtIt() throws Exception {
    FakeSource source = new FakeSource();
    source.latest.put("offer", "u1");
    source.controlRows.put("u1", 499);
    source.controlRows.put("u2", 500);
    UpliftModels models = new UpliftModels(settings(Ranking.UPLIFT), source);
    models.open();

    Alert below = treatedOffer(1000);
    models.estimate(below, new double[] {0.2});
    assertThat(models.active(RetentionAction.RENEWAL_OFFER)).isFalse();
    assertThat(below.uplift).as("estimated for the shadow").isEqualTo(0.2);
    assertThat(below.expectedValue).isEqualTo(0.2 * 1000 - 5);
    assertThat(below.rankedBy).as("risk decides").isNull();

    source.latest.put("offer", "u2");
    assertThat(models.refresh()).isZero();
    Alert at = treatedOffer(1000);
    models.estimate(at, new double[] {0.2});
    assertThat(models.active(RetentionAction.RENEWAL_OFFER)).isTrue();
    assertThat(at.rankedBy).isEqualTo(UpliftModels.RANKED_BY_UPLIFT);
    assertThat(models.active(RetentionAction.AGENT_CALLBACK)).as("no callback model").isFalse();
  }

  @Test
  void theRiskRankingNeverOpensTheGate() throws Exception {
    FakeSource source = new FakeSource();
    source.latest.put("offer", "u1");
    source.controlRows.put("u1", 10_000);
    UpliftModels models = new UpliftModels(settings(Ranking.RISK), source);
    models.open();

    Alert a = treatedOffer(1000);
    models.estimate(a, new double[] {-0.1});
    assertThat(models.active(RetentionAction.RENEWAL_OFFER)).isFalse();
    assertThat(a.uplift).isEqualTo(-0.1);
    assertThat(a.rankedBy).isNull();
  }

  @Test
  void holdoutAlertsAreLeftUntouched() throws Exception {
    FakeSource source = new FakeSource();
    source.latest.put("offer", "u1");
    source.controlRows.put("u1", 10_000);
    UpliftModels models = new UpliftModels(settings(Ranking.UPLIFT), source);
    models.open();

    Alert holdout = treatedOffer(1000);
    holdout.arm = Arm.HOLDOUT;
    models.estimate(holdout, new double[] {0.5});
    assertThat(holdout.uplift).isNull();
    assertThat(holdout.expectedValue).isNull();
    assertThat(holdout.rankedBy).isNull();
  }

  @Test
  void aVersionThatFailsToLoadKeepsTheCurrentModelAndIsCounted() throws Exception {
    FakeSource source = new FakeSource();
    source.latest.put("offer", "u1");
    source.controlRows.put("u1", 600);
    UpliftModels models = new UpliftModels(settings(Ranking.UPLIFT), source);
    models.open();

    source.latest.put("offer", "broken");
    assertThat(models.refresh()).isEqualTo(1);
    assertThat(models.version(RetentionAction.RENEWAL_OFFER)).isEqualTo("u1");
    assertThat(models.active(RetentionAction.RENEWAL_OFFER)).isTrue();
  }
}
