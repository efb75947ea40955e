package io.lapsewatch.alerts.metrics;

import static io.lapsewatch.alertcontract.Arm.HOLDOUT;
import static io.lapsewatch.alertcontract.Arm.TREATED;
import static io.lapsewatch.alertcontract.OutcomeKind.EXPIRED_UNKNOWN;
import static io.lapsewatch.alertcontract.OutcomeKind.LAPSED;
import static io.lapsewatch.alertcontract.OutcomeKind.RECOVERED;
import static io.lapsewatch.alertcontract.Tier.HIGH_VALUE;
import static io.lapsewatch.alertcontract.Tier.STANDARD;
import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.alertcontract.Arm;
import io.lapsewatch.alertcontract.Outcome;
import io.lapsewatch.alertcontract.OutcomeKind;
import io.lapsewatch.alertcontract.TestingOutcomes;
import io.lapsewatch.alertcontract.Tier;
import java.time.Duration;
import java.time.Instant;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class OutcomeMetricsTest {
  private final AlertMetrics alertMetrics = new AlertMetrics();
  private final OutcomeMetrics m = new OutcomeMetrics(alertMetrics.registry(), Duration.ofDays(30));
  private int next;

  private void record(int n, Tier tier, Arm arm, OutcomeKind kind) {
    for (int i = 0; i < n; i++) {
      m.record(TestingOutcomes.of("PH-" + (next++), tier, arm, kind));
    }
  }

  @Test
  void shouldReportNoDataBeforeAnyOutcome() {
    assertThat(m.rate(null, TREATED)).isEmpty();
    assertThat(alertMetrics.scrape())
        .contains("lapsewatch_recovery_rate{arm=\"TREATED\",tier=\"ALL\"} NaN")
        .contains("lapsewatch_recovery_uplift{tier=\"ALL\"} NaN")
        .contains(
            "lapsewatch_outcomes_total{arm=\"HOLDOUT\",outcome=\"LAPSED\",tier=\"STANDARD\"} 0.0");
  }

  @Test
  void shouldComputeRecoveryRateByTierAndArmAndTheUplift() {
    record(3, STANDARD, TREATED, RECOVERED);
    record(1, STANDARD, TREATED, LAPSED);
    record(1, STANDARD, HOLDOUT, RECOVERED);
    record(3, STANDARD, HOLDOUT, LAPSED);
    record(2, HIGH_VALUE, TREATED, RECOVERED);
    // Unknown endings are in the counts but not in the rate.
    record(5, STANDARD, TREATED, EXPIRED_UNKNOWN);

    assertThat(m.rate(STANDARD, TREATED)).hasValue(0.75);
    assertThat(m.rate(STANDARD, HOLDOUT)).hasValue(0.25);
    assertThat(m.uplift(STANDARD)).hasValue(0.5);
    assertThat(m.rate(HIGH_VALUE, TREATED)).hasValue(1.0);
    assertThat(m.uplift(HIGH_VALUE)).isEmpty();
    assertThat(m.rate(null, TREATED).getAsDouble()).isCloseTo(5.0 / 6, Offset.offset(1e-9));
    String text = alertMetrics.scrape();
    assertThat(text)
        .contains("lapsewatch_recovery_rate{arm=\"TREATED\",tier=\"STANDARD\"} 0.75")
        .contains("lapsewatch_recovery_rate{arm=\"HOLDOUT\",tier=\"STANDARD\"} 0.25")
        .contains("lapsewatch_recovery_uplift{tier=\"STANDARD\"} 0.5")
        .contains(
            "lapsewatch_outcomes_total{arm=\"TREATED\",outcome=\"EXPIRED_UNKNOWN\",tier=\"STANDARD\"} 5.0")
        .contains(
            "lapsewatch_outcomes_in_window{arm=\"TREATED\",outcome=\"RECOVERED\",tier=\"STANDARD\"} 3.0")
        .doesNotContain("PH-");
  }

  @Test
  void shouldCountAReplayedOutcomeOnce() {
    Outcome o = TestingOutcomes.of("PH-1", STANDARD, TREATED, RECOVERED);

    assertThat(m.record(o)).isTrue();
    assertThat(m.record(o)).isFalse();

    assertThat(alertMetrics.scrape())
        .contains(
            "lapsewatch_outcomes_total{arm=\"TREATED\",outcome=\"RECOVERED\",tier=\"STANDARD\"} 1.0");
  }

  @Test
  void shouldForgetOutcomesResolvedBeforeTheWindow() {
    Instant now = TestingOutcomes.RESOLVED;
    m.record(
        TestingOutcomes.at("PH-old", STANDARD, TREATED, LAPSED, now.minus(Duration.ofDays(31))));
    m.record(TestingOutcomes.at("PH-new", STANDARD, TREATED, RECOVERED, now));
    boolean counted =
        m.record(
            TestingOutcomes.at(
                "PH-late", STANDARD, TREATED, LAPSED, now.minus(Duration.ofDays(40))));

    assertThat(counted).isFalse();
    assertThat(m.rate(STANDARD, TREATED)).hasValue(1.0);
  }

  @Test
  void shouldObserveTimeToFirstContactFromOutcomesThatKnowIt() {
    Outcome o = TestingOutcomes.of("PH-2", HIGH_VALUE, TREATED, RECOVERED);
    o.timeToFirstContactMs = Duration.ofHours(5).toMillis();
    m.record(o);
    Outcome unknown = TestingOutcomes.of("PH-3", HIGH_VALUE, TREATED, RECOVERED);
    unknown.timeToFirstContactMs = -1;
    m.record(unknown);

    assertThat(alertMetrics.scrape())
        .contains(
            "lapsewatch_time_to_first_contact_seconds_bucket{tier=\"HIGH_VALUE\",le=\"14400.0\"} 0")
        .contains(
            "lapsewatch_time_to_first_contact_seconds_bucket{tier=\"HIGH_VALUE\",le=\"43200.0\"} 1")
        .contains("lapsewatch_time_to_first_contact_seconds_count{tier=\"HIGH_VALUE\"} 1");
  }

  @Test
  void shouldExportRecoveredPremiumTimeToOutcomeAndTheWindowsEventTime() {
    Instant in2025 = Instant.parse("2025-04-01T00:00:00Z");
    Outcome o = TestingOutcomes.at("PH-9", HIGH_VALUE, TREATED, RECOVERED, in2025);
    o.annualPremium = 15_000;
    m.record(o);

    assertThat(alertMetrics.scrape())
        .contains("lapsewatch_recovered_annual_premium{arm=\"TREATED\",tier=\"ALL\"} 15000.0")
        .contains(
            "lapsewatch_recovered_annual_premium{arm=\"TREATED\",tier=\"HIGH_VALUE\"} 15000.0")
        .contains("lapsewatch_recovered_annual_premium{arm=\"HOLDOUT\",tier=\"ALL\"} 0.0")
        // TestingOutcomes alerts 30 days before the outcome: in the (14 d, 30 d] bucket.
        .contains(
            "lapsewatch_time_to_outcome_seconds_bucket{arm=\"TREATED\",outcome=\"RECOVERED\","
                + "tier=\"HIGH_VALUE\",le=\"1209600.0\"} 0")
        .contains(
            "lapsewatch_time_to_outcome_seconds_bucket{arm=\"TREATED\",outcome=\"RECOVERED\","
                + "tier=\"HIGH_VALUE\",le=\"2592000.0\"} 1")
        .contains("lapsewatch_recovery_window_end_timestamp_seconds 1.7434656E9");
  }

  /** An outcome of {@code step} of plan {@code plan} v1 for {@code policyholderId}'s term. */
  private static Outcome step(
      String policyholderId, String plan, String step, boolean followUp, Arm arm, OutcomeKind k) {
    Outcome o = TestingOutcomes.of(policyholderId, STANDARD, arm, k);
    // Each step is an alert of its own: its id differs from the term's first alert.
    o.alertId = o.alertId + "-" + step;
    o.journey = plan;
    o.journeyVersion = 1;
    o.journeyStep = step;
    o.followUp = followUp;
    return o;
  }

  @Test
  void shouldCountEachTermOnceOverallWhileEveryStepCountsForItsJourney() {
    // PH-1: an offer (first contact), no response, then a callback (a follow-up); renewed.
    m.record(step("PH-1", "std", "offer", false, TREATED, RECOVERED));
    m.record(step("PH-1", "std", "callback", true, TREATED, RECOVERED));
    // PH-2: the same journey, lapsed after both steps.
    m.record(step("PH-2", "std", "offer", false, TREATED, LAPSED));
    m.record(step("PH-2", "std", "callback", true, TREATED, LAPSED));
    m.record(step("PH-3", "std", "offer", false, TREATED, LAPSED));

    // Three terms: one recovered. Counting the follow-ups would make it 2 of 5.
    assertThat(m.rate(null, TREATED).getAsDouble()).isCloseTo(1.0 / 3, Offset.offset(1e-9));
    assertThat(m.journeyRate("std", "offer", TREATED).getAsDouble())
        .isCloseTo(1.0 / 3, Offset.offset(1e-9));
    assertThat(m.journeyRate("std", "callback", TREATED)).hasValue(0.5);
    assertThat(m.journeyRate("std", "callback", HOLDOUT)).isEmpty();
    assertThat(alertMetrics.scrape())
        .contains(
            "lapsewatch_outcomes_total{arm=\"TREATED\",outcome=\"RECOVERED\",tier=\"STANDARD\"} 1.0")
        .contains(
            "lapsewatch_outcomes_total{arm=\"TREATED\",outcome=\"LAPSED\",tier=\"STANDARD\"} 2.0")
        .contains(
            "lapsewatch_journey_outcomes_total{arm=\"TREATED\",outcome=\"LAPSED\",plan=\"std\","
                + "step=\"callback\",version=\"1\"} 1.0")
        .contains(
            "lapsewatch_journey_outcomes_total{arm=\"TREATED\",outcome=\"LAPSED\",plan=\"std\","
                + "step=\"offer\",version=\"1\"} 2.0")
        .contains(
            "lapsewatch_journey_recovery_rate{arm=\"TREATED\",plan=\"std\",step=\"callback\"} 0.5")
        .contains(
            "lapsewatch_journey_recovery_rate{arm=\"HOLDOUT\",plan=\"std\",step=\"callback\"} NaN");
  }

  @Test
  void shouldCountAReplayedJourneyStepOnce() {
    Outcome followUp = step("PH-1", "std", "callback", true, TREATED, RECOVERED);

    assertThat(m.record(followUp)).isTrue();
    assertThat(m.record(followUp)).isFalse();

    assertThat(alertMetrics.scrape())
        .contains(
            "lapsewatch_journey_outcomes_total{arm=\"TREATED\",outcome=\"RECOVERED\",plan=\"std\","
                + "step=\"callback\",version=\"1\"} 1.0");
  }

  @Test
  void shouldCountStepsPastTheLabelLimitUnderOther() {
    int limit = JourneyOutcomes.MAX_LABEL_SETS;
    for (int i = 0; i <= limit; i++) {
      m.record(step("PH-" + i, "plan-" + i, "offer", false, TREATED, RECOVERED));
    }
    m.record(step("PH-X", "plan-" + (limit + 5), "offer", false, HOLDOUT, LAPSED));

    String text = alertMetrics.scrape();
    assertThat(text)
        .contains(
            "lapsewatch_journey_outcomes_total{arm=\"TREATED\",outcome=\"RECOVERED\",plan=\"plan-"
                + (limit - 1)
                + "\",step=\"offer\",version=\"1\"} 1.0")
        .doesNotContain("plan=\"plan-" + limit + "\"")
        .contains(
            "lapsewatch_journey_outcomes_total{arm=\"TREATED\",outcome=\"RECOVERED\",plan=\"other\","
                + "step=\"other\",version=\"other\"} 1.0")
        .contains(
            "lapsewatch_journey_recovery_rate{arm=\"HOLDOUT\",plan=\"other\",step=\"other\"} 0.0");
    assertThat(m.journeyRate("other", "other", TREATED)).hasValue(1.0);
  }
}
