package io.lapsewatch.alerts.metrics;

import static io.lapsewatch.alertcontract.Arm.HOLDOUT;
import static io.lapsewatch.alertcontract.Arm.TREATED;
import static io.lapsewatch.alertcontract.OutcomeKind.EXPIRED_UNKNOWN;
import static io.lapsewatch.alertcontract.OutcomeKind.LAPSED;
import static io.lapsewatch.alertcontract.OutcomeKind.RECOVERED;
import static io.lapsewatch.alertcontract.Tier.HIGH_VALUE;
import static io.lapsewatch.alertcontract.Tier.STANDARD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lapsewatch.alertcontract.Arm;
import io.lapsewatch.alertcontract.Outcome;
import io.lapsewatch.alertcontract.OutcomeKind;
import io.lapsewatch.alertcontract.TestingOutcomes;
import io.lapsewatch.alertcontract.Tier;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecoveryWindowTest {
  /** A simulated history from 2025, read by a service whose wall clock says 2026. */
  private static final Instant IN_2025 = Instant.parse("2025-03-31T00:00:00Z");

  private final RecoveryWindow window = new RecoveryWindow(Duration.ofDays(30));
  private int next;

  private Outcome outcome(Tier tier, Arm arm, OutcomeKind kind, Instant resolvedAt) {
    return TestingOutcomes.at("PH-" + (next++), tier, arm, kind, resolvedAt);
  }

  @Test
  void shouldReadAHistoryFrom2025AsLiveDataWhatEverTheWallClockSays() {
    assertThat(Instant.now()).isAfter(IN_2025.plus(Duration.ofDays(60)));
    window.add(outcome(STANDARD, TREATED, RECOVERED, IN_2025));
    window.add(outcome(STANDARD, TREATED, RECOVERED, IN_2025.minus(Duration.ofDays(3))));
    window.add(outcome(STANDARD, TREATED, LAPSED, IN_2025.minus(Duration.ofDays(10))));
    window.add(outcome(STANDARD, HOLDOUT, LAPSED, IN_2025.minus(Duration.ofDays(20))));

    assertThat(window.rate(null, TREATED)).hasValue(2.0 / 3);
    assertThat(window.rate(STANDARD, HOLDOUT)).hasValue(0.0);
    assertThat(window.uplift(null)).hasValue(2.0 / 3);
    assertThat(window.newestResolvedAt()).hasValue(IN_2025.toEpochMilli());
  }

  @Test
  void shouldSlideWithTheNewestEventTimeNotTheWallClock() {
    window.add(outcome(STANDARD, TREATED, LAPSED, IN_2025));
    // Forty days later in event time: the lapse leaves the window.
    window.add(outcome(STANDARD, TREATED, RECOVERED, IN_2025.plus(Duration.ofDays(40))));
    boolean late = window.add(outcome(STANDARD, TREATED, LAPSED, IN_2025.plus(Duration.ofDays(5))));

    assertThat(late).isFalse();
    assertThat(window.rate(STANDARD, TREATED)).hasValue(1.0);
    assertThat(window.count(STANDARD, TREATED, LAPSED)).isZero();
  }

  @Test
  void shouldCountAnAlertOnceAndLeaveUnknownEndingsOutOfTheRate() {
    Outcome o = outcome(HIGH_VALUE, TREATED, RECOVERED, IN_2025);

    assertThat(window.add(o)).isTrue();
    assertThat(window.add(o)).isFalse();
    window.add(outcome(HIGH_VALUE, TREATED, EXPIRED_UNKNOWN, IN_2025));

    assertThat(window.rate(HIGH_VALUE, TREATED)).hasValue(1.0);
    assertThat(window.count(null, TREATED, RECOVERED)).isEqualTo(1);
    assertThat(window.count(null, TREATED, EXPIRED_UNKNOWN)).isEqualTo(1);
    assertThat(window.rate(HIGH_VALUE, HOLDOUT)).isEmpty();
    assertThat(window.uplift(HIGH_VALUE)).isEmpty();
  }

  @Test
  void shouldSumThePremiumOfRecoveredTermsOnly() {
    Outcome recovered = outcome(HIGH_VALUE, TREATED, RECOVERED, IN_2025);
    recovered.annualPremium = 12_000;
    Outcome lapsed = outcome(HIGH_VALUE, TREATED, LAPSED, IN_2025);
    lapsed.annualPremium = 9_000;
    Outcome unknownPremium = outcome(STANDARD, TREATED, RECOVERED, IN_2025);
    Outcome holdout = outcome(STANDARD, HOLDOUT, RECOVERED, IN_2025);
    holdout.annualPremium = 800;
    window.add(recovered);
    window.add(lapsed);
    window.add(unknownPremium);
    window.add(holdout);

    assertThat(window.recoveredPremium(null, TREATED)).isEqualTo(12_000);
    assertThat(window.recoveredPremium(STANDARD, TREATED)).isZero();
    assertThat(window.recoveredPremium(null, HOLDOUT)).isEqualTo(800);
  }

  @Test
  void shouldRefuseAWindowThatIsNotPositive() {
    assertThatThrownBy(() -> new RecoveryWindow(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PT0S");
  }
}
