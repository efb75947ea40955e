package io.lapsewatch.alertcontract.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.Arm;
import io.lapsewatch.alertcontract.Reason;
import io.lapsewatch.alertcontract.RetentionAction;
import io.lapsewatch.alertcontract.RiskBand;
import io.lapsewatch.alertcontract.Tier;
import io.lapsewatch.featurestore.events.Events;
import io.lapsewatch.featurestore.features.Feature;
import io.lapsewatch.featurestore.features.FeatureVector;
import io.lapsewatch.featurestore.features.PolicyholderState;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AlertPolicyTest {
  private static final LocalDate TODAY = LocalDate.of(2025, 8, 1);
  private static final String HOLDER = "PH-7";
  private static final String MODEL = "m20250701-000000-abcdef";

  /** Threshold 0.4, high value from 5000, horizon 90 days, lead time 14 days. */
  private final AlertPolicy policy = new AlertPolicy(DecisionConfig.withThreshold(0.4));

  private static Instant morning(LocalDate day) {
    return day.atTime(9, 0).toInstant(ZoneOffset.UTC);
  }

  private static long noon(LocalDate day) {
    return day.atTime(12, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  private static PolicyholderState withPolicy(String policyId, double premium, LocalDate renewal) {
    PolicyholderState s = new PolicyholderState();
    s.apply(
        Events.issued(
            policyId + "-issued",
            HOLDER,
            morning(TODAY.minusDays(200)),
            policyId,
            "LIFE",
            "AGENT",
            "AG-17",
            premium,
            renewal.minusYears(1),
            renewal));
    return s;
  }

  /** Features today of a policyholder with one policy renewing in {@code days} days. */
  private static FeatureVector renewingIn(int days, double premium) {
    return withPolicy("P1", premium, TODAY.plusDays(days)).vector(HOLDER, noon(TODAY));
  }

  private Optional<Alert> decide(FeatureVector v, double score) {
    return policy.decide(v, score, MODEL, null);
  }

  @Test
  void premiumOfFiveThousandGetsAnAgentCallback() {
    Alert a = decide(renewingIn(30, 5000), 0.8).orElseThrow();

    assertThat(a.tier).isEqualTo(Tier.HIGH_VALUE);
    assertThat(a.action).isEqualTo(RetentionAction.AGENT_CALLBACK);
    assertThat(a.annualPremium).isEqualTo(5000);
  }

  @Test
  void premiumJustBelowFiveThousandGetsARenewalOffer() {
    Alert a = decide(renewingIn(30, 4999.99), 0.8).orElseThrow();

    assertThat(a.tier).isEqualTo(Tier.STANDARD);
    assertThat(a.action).isEqualTo(RetentionAction.RENEWAL_OFFER);
  }

  @Test
  void premiumsOfAllPoliciesInForceMakeAClientHighValue() {
    PolicyholderState s = withPolicy("P1", 3000, TODAY.plusDays(30));
    s.apply(
        Events.issued(
            "P2-issued",
            HOLDER,
            morning(TODAY.minusDays(100)),
            "P2",
            "HOME",
            "DIRECT",
            null,
            2000,
            TODAY.minusDays(100),
            TODAY.plusDays(265)));

    Alert a = decide(s.vector(HOLDER, noon(TODAY)), 0.8).orElseThrow();

    assertThat(a.policyId).as("the policy renewing first").isEqualTo("P1");
    assertThat(a.tier).isEqualTo(Tier.HIGH_VALUE);
  }

  @Test
  void scoreBelowThresholdGivesNoAlert() {
    assertThat(decide(renewingIn(30, 1200), 0.39)).isEmpty();
    assertThat(decide(renewingIn(30, 1200), 0.40)).as("at the threshold").isPresent();
  }

  @Test
  void renewalBeyondTheHorizonGivesNoAlert() {
    assertThat(decide(renewingIn(91, 1200), 0.9)).isEmpty();
    assertThat(decide(renewingIn(90, 1200), 0.9)).isPresent();
  }

  @Test
  void renewalInsideTheLeadTimeGivesNoAlert() {
    // Fewer than 14 days left: too late to act.
    assertThat(decide(renewingIn(14, 1200), 0.9)).isEmpty();
    assertThat(decide(renewingIn(3, 1200), 0.9)).isEmpty();
    assertThat(decide(renewingIn(15, 1200), 0.9)).isPresent();
    assertThat(policy.inHorizon(-5)).as("renewal date passed").isFalse();
  }

  @Test
  void noPolicyInForceGivesNoAlert() {
    PolicyholderState s = withPolicy("P1", 1200, TODAY.minusDays(20));
    s.apply(Events.lapsed("lapse", HOLDER, morning(TODAY.minusDays(1)), "P1"));

    assertThat(decide(s.vector(HOLDER, noon(TODAY)), 0.99)).isEmpty();
  }

  @Test
  void deadlineIsTheRenewalDateMinusTheLeadTime() {
    LocalDate renewal = TODAY.plusDays(40);
    Alert a = decide(renewingIn(40, 1200), 0.7).orElseThrow();

    assertThat(a.renewalDate).isEqualTo((int) renewal.toEpochDay());
    assertThat(a.deadline).isEqualTo((int) renewal.minusDays(14).toEpochDay());
    assertThat(a.daysToRenewal).isEqualTo(40);
  }

  @Test
  void alertCarriesWhoWhatAndWhy() {
    Reason[] reasons = {new Reason("open_complaints", 2, 0.9, "2 unresolved complaints")};
    FeatureVector v = renewingIn(30, 1200);

    Alert a = policy.decide(v, 0.55, MODEL, reasons).orElseThrow();

    assertThat(a.policyholderId).isEqualTo(HOLDER);
    assertThat(a.policyId).isEqualTo("P1");
    assertThat(a.agentId).isEqualTo("AG-17");
    assertThat(a.score).isEqualTo(0.55);
    assertThat(a.riskBand).isEqualTo(RiskBand.HIGH);
    assertThat(a.modelVersion).isEqualTo(MODEL);
    assertThat(a.asOf).isEqualTo(v.asOf);
    assertThat(a.arm).isEqualTo(Arm.TREATED);
    assertThat(a.reasons).containsExactly(reasons);
    assertThat(decide(v, 0.55).orElseThrow().reasons).isEmpty();
  }

  @Test
  void alertIdIsTheSameForTheSameTermAndTrigger() {
    Alert first = decide(renewingIn(40, 1200), 0.7).orElseThrow();
    // Re-scored ten days later (a replay or a new score): same policy term, same id.
    PolicyholderState s = withPolicy("P1", 1200, TODAY.plusDays(40));
    Alert later = decide(s.vector(HOLDER, noon(TODAY.plusDays(10))), 0.9).orElseThrow();

    assertThat(later.alertId).isEqualTo(first.alertId);
    assertThat(first.alertId)
        .isEqualTo(
            AlertPolicy.alertId(
                HOLDER, "P1", (int) TODAY.plusDays(40).toEpochDay(), AlertPolicy.RISK_TRIGGER));
  }

  @Test
  void alertIdDiffersPerPolicyTerm() {
    int renewal = (int) TODAY.plusDays(40).toEpochDay();
    String id = AlertPolicy.alertId(HOLDER, "P1", renewal, AlertPolicy.RISK_TRIGGER);

    assertThat(AlertPolicy.alertId(HOLDER, "P2", renewal, AlertPolicy.RISK_TRIGGER))
        .as("another policy")
        .isNotEqualTo(id);
    assertThat(AlertPolicy.alertId(HOLDER, "P1", renewal + 365, AlertPolicy.RISK_TRIGGER))
        .as("the next term of the same policy")
        .isNotEqualTo(id);
    assertThat(AlertPolicy.alertId("PH-8", "P1", renewal, AlertPolicy.RISK_TRIGGER))
        .as("another policyholder")
        .isNotEqualTo(id);
    assertThat(AlertPolicy.alertId(HOLDER, "P1", renewal, "other-trigger"))
        .as("another trigger")
        .isNotEqualTo(id);
  }

  @Test
  void configuredHighValuePremiumIsUsed() {
    AlertPolicy lower = new AlertPolicy(new DecisionConfig(0.4, 2000, 90, 14));

    assertThat(lower.tier(2000)).isEqualTo(Tier.HIGH_VALUE);
    assertThat(lower.tier(1999.99)).isEqualTo(Tier.STANDARD);
  }

  @Test
  void thresholdOfZeroOrOneIsRefusedNamingTheSetting() {
    assertThatThrownBy(() -> DecisionConfig.withThreshold(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("decision.threshold")
        .hasMessageContaining("0");
    assertThatThrownBy(() -> DecisionConfig.withThreshold(1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("decision.threshold");
    assertThatThrownBy(() -> DecisionConfig.withThreshold(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("decision.threshold");
  }

  @Test
  void otherSettingsAreValidatedNamingTheSetting() {
    assertThatThrownBy(() -> new DecisionConfig(0.4, 0, 90, 14))
        .hasMessageContaining("decision.high-value-premium");
    assertThatThrownBy(() -> new DecisionConfig(0.4, 5000, 0, 0))
        .hasMessageContaining("decision.horizon-days");
    assertThatThrownBy(() -> new DecisionConfig(0.4, 5000, 30, 30))
        .hasMessageContaining("decision.lead-time-days");
  }

  // ReasonText

  @Test
  void openComplaintsReadAsCountAndAgeOfTheOldest() {
    PolicyholderState s = withPolicy("P1", 1200, TODAY.plusDays(30));
    s.apply(Events.complaintOpened("c1", HOLDER, morning(TODAY.minusDays(21)), "P1", "C1"));
    s.apply(Events.complaintOpened("c2", HOLDER, morning(TODAY.minusDays(12)), "P1", "C2"));
    s.apply(Events.complaintOpened("c3", HOLDER, morning(TODAY.minusDays(6)), "P1", "C3"));
    s.apply(Events.complaintResolved("r3", HOLDER, morning(TODAY.minusDays(2)), "P1", "C3"));
    FeatureVector v = s.vector(HOLDER, noon(TODAY));

    assertThat(ReasonText.describe(Feature.OPEN_COMPLAINTS, v))
        .isEqualTo("2 unresolved complaints, oldest 21 days");
    assertThat(ReasonText.describe(Feature.OLDEST_OPEN_COMPLAINT_DAYS, v))
        .isEqualTo("2 unresolved complaints, oldest 21 days");
  }

  @Test
  void oneOpenComplaintIsSingular() {
    FeatureVector v = renewingIn(30, 1200);
    v.values[Feature.OPEN_COMPLAINTS.ordinal()] = 1;
    v.values[Feature.OLDEST_OPEN_COMPLAINT_DAYS.ordinal()] = 3;

    assertThat(ReasonText.describe(Feature.OPEN_COMPLAINTS, v))
        .isEqualTo("1 unresolved complaint, oldest 3 days");
  }

  @Test
  void priceChangeReadsAsSignedPercent() {
    PolicyholderState s = withPolicy("P1", 1000, TODAY.plusDays(30));
    s.apply(Events.renewalQuoted("q", HOLDER, morning(TODAY), "P1", 1000, 1180));
    FeatureVector up = s.vector(HOLDER, noon(TODAY));
    FeatureVector down = renewingIn(30, 1000);
    down.values[Feature.RENEWAL_PRICE_CHANGE.ordinal()] = -5;

    assertThat(ReasonText.describe(Feature.RENEWAL_PRICE_CHANGE, up))
        .isEqualTo("premium +18% at renewal");
    assertThat(ReasonText.describe(Feature.RENEWAL_PRICE_CHANGE, down))
        .isEqualTo("premium -5% at renewal");
  }

  @Test
  void otherSignalsReadInTheRetentionTeamsWords() {
    FeatureVector v = renewingIn(30, 1200);
    v.values[Feature.DAYS_OVERDUE.ordinal()] = 12;
    v.values[Feature.CANCELLATION_ENQUIRIES_90D.ordinal()] = 2;
    v.values[Feature.MISSED_PREMIUMS_180D.ordinal()] = 1;
    v.values[Feature.ORPHANED.ordinal()] = 1;
    v.values[Feature.LATEST_NPS.ordinal()] = 2;

    assertThat(ReasonText.describe(Feature.DAYS_OVERDUE, v))
        .isEqualTo("premium overdue for 12 days");
    assertThat(ReasonText.describe(Feature.CANCELLATION_ENQUIRIES_90D, v))
        .isEqualTo("2 cancellation enquiries in 90 days");
    assertThat(ReasonText.describe(Feature.MISSED_PREMIUMS_180D, v))
        .isEqualTo("1 missed premium in 180 days");
    assertThat(ReasonText.describe(Feature.ORPHANED, v)).isEqualTo("agent has left the company");
    assertThat(ReasonText.describe(Feature.LATEST_NPS, v)).isEqualTo("latest NPS 2/10");
    assertThat(ReasonText.describe(Feature.DAYS_TO_RENEWAL, v)).isEqualTo("renews in 30 days");
  }

  @Test
  void silenceOnlineReadsAsDaysWithoutASessionUpToAYear() {
    PolicyholderState s = withPolicy("P1", 1200, TODAY.plusDays(30));
    s.apply(Events.session("s1", HOLDER, morning(TODAY.minusDays(64)), "APP", "HOME"));
    FeatureVector quiet = s.vector(HOLDER, noon(TODAY));
    FeatureVector gone = renewingIn(30, 1200);
    gone.values[Feature.DAYS_SINCE_SESSION.ordinal()] = 365;

    assertThat(ReasonText.describe(Feature.DAYS_SINCE_SESSION, quiet))
        .isEqualTo("no digital session for 64 days");
    assertThat(ReasonText.describe(Feature.DAYS_SINCE_SESSION, gone))
        .isEqualTo("no digital session in a year");
  }

  @Test
  void calendarAndBookSizeAreNeverReasons() {
    assertThat(ReasonText.isBusinessReason(Feature.DAYS_TO_RENEWAL)).isFalse();
    assertThat(ReasonText.isBusinessReason(Feature.TOTAL_ANNUAL_PREMIUM)).isFalse();
    assertThat(ReasonText.isBusinessReason(Feature.OPEN_COMPLAINTS)).isTrue();
    assertThat(ReasonText.isBusinessReason(Feature.RENEWAL_PRICE_CHANGE)).isTrue();
    assertThat(ReasonText.isBusinessReason(Feature.ORPHANED)).isTrue();
  }

  @Test
  void everyFeatureHasANonBlankSentence() {
    FeatureVector v = renewingIn(30, 1200);

    for (Feature f : Feature.values()) {
      assertThat(ReasonText.describe(f, v)).as(f.key()).isNotBlank();
    }
  }
}
