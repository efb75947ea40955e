package io.lapsewatch.alertcontract.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.featurestore.events.Events;
import io.lapsewatch.featurestore.features.Feature;
import io.lapsewatch.featurestore.features.FeatureVector;
import io.lapsewatch.featurestore.features.PolicyholderState;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Regression tests for decision and wording bugs found in review. */
class DecisionRegressionTest {
  private static final LocalDate TODAY = LocalDate.of(2025, 8, 1);

  private static FeatureVector renewingIn30() {
    PolicyholderState s = new PolicyholderState();
    s.apply(
        Events.issued(
            "e0",
            "PH1",
            TODAY.minusDays(200).atTime(9, 0).toInstant(ZoneOffset.UTC),
            "P1",
            "LIFE",
            "AGENT",
            "AG1",
            1200,
            TODAY.minusDays(335),
            TODAY.plusDays(30)));
    return s.vector("PH1", TODAY.atTime(12, 0).toInstant(ZoneOffset.UTC).toEpochMilli());
  }

  @Test
  void notANumberScoreRaisesNoAlert() {
    AlertPolicy policy = new AlertPolicy(DecisionConfig.withThreshold(0.4));

    assertThat(policy.decide(renewingIn30(), Double.NaN, "m1", null)).isEmpty();
  }

  @Test
  void oneDayIsSingular() {
    FeatureVector v = renewingIn30();
    v.values[Feature.OPEN_COMPLAINTS.ordinal()] = 1;
    v.values[Feature.OLDEST_OPEN_COMPLAINT_DAYS.ordinal()] = 1;
    v.values[Feature.DAYS_OVERDUE.ordinal()] = 1;

    assertThat(ReasonText.describe(Feature.OPEN_COMPLAINTS, v))
        .isEqualTo("1 unresolved complaint, oldest 1 day");
    assertThat(ReasonText.describe(Feature.DAYS_OVERDUE, v)).isEqualTo("premium overdue for 1 day");
  }

  @Test
  void anOrphanedHighValueClientsCallbackGoesToTheSeniorAgentPool() {
    AlertPolicy policy = new AlertPolicy(DecisionConfig.withThreshold(0.4));
    FeatureVector v = renewingIn30();
    v.values[Feature.TOTAL_ANNUAL_PREMIUM.ordinal()] = 8000;
    assertThat(policy.decide(v, 0.8, "m1", null).orElseThrow().agentId).isEqualTo("AG1");

    v.values[Feature.ORPHANED.ordinal()] = 1;
    assertThat(policy.decide(v, 0.8, "m1", null).orElseThrow().agentId)
        .isEqualTo(AlertPolicy.SENIOR_AGENT_POOL);
  }

  @Test
  void aStandardOffersAgentIsLeftAsItIs() {
    AlertPolicy policy = new AlertPolicy(DecisionConfig.withThreshold(0.4));
    FeatureVector v = renewingIn30();
    v.values[Feature.ORPHANED.ordinal()] = 1;
    assertThat(policy.decide(v, 0.8, "m1", null).orElseThrow().agentId).isEqualTo("AG1");
  }
}
