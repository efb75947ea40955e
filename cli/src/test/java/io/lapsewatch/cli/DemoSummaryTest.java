package io.lapsewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lapsewatch.alertcontract.Arm;
import io.lapsewatch.alertcontract.Outcome;
import io.lapsewatch.alertcontract.OutcomeKind;
import io.lapsewatch.alertcontract.RetentionAction;
import io.lapsewatch.alertcontract.Tier;
import io.lapsewatch.alerts.metrics.AlertMetrics;
import io.lapsewatch.alerts.metrics.OutcomeMetrics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recovery rate the demo prints is the one the alerts service exports: the same outcomes fed to
 * {@link OutcomeMetrics} (as the service's consumer does) and to {@link DemoRecovery} give the same
 * rates, and the saved scrape reads back as printed.
 */
class DemoSummaryTest {
  private static final Instant END_2025 = Instant.parse("2025-12-20T00:00:00Z");

  @TempDir Path dir;

  private static Outcome outcome(int i, Arm arm, OutcomeKind kind, int daysBefore) {
    Outcome o = new Outcome();
    o.alertId = "al-" + i;
    o.policyholderId = "PH" + String.format("%08d", i);
    o.policyId = "PO" + i;
    o.arm = arm;
    o.tier = i % 3 == 0 ? Tier.HIGH_VALUE : Tier.STANDARD;
    o.action =
        o.tier == Tier.HIGH_VALUE ? RetentionAction.AGENT_CALLBACK : RetentionAction.RENEWAL_OFFER;
    o.outcome = kind;
    o.resolvedAt = END_2025.minus(Duration.ofDays(daysBefore)).toEpochMilli();
    o.alertedAt = o.resolvedAt - Duration.ofDays(40).toMillis();
    o.annualPremium = 1_000 + i;
    return o;
  }

  /** A simulated history: 2025 event times, one replayed record, unknown endings. */
  private static List<Outcome> history() {
    List<Outcome> out = new ArrayList<>();
    int i = 0;
    for (int d = 0; d < 180; d += 3) {
      out.add(
          outcome(i++, Arm.TREATED, d % 9 == 0 ? OutcomeKind.LAPSED : OutcomeKind.RECOVERED, d));
      out.add(
          outcome(i++, Arm.HOLDOUT, d % 6 == 0 ? OutcomeKind.RECOVERED : OutcomeKind.LAPSED, d));
    }
    out.add(outcome(i++, Arm.TREATED, OutcomeKind.EXPIRED_UNKNOWN, 10));
    out.add(out.get(0));
    return out;
  }

  private DemoSummary summary(DemoRecovery recovery, String scrape) {
    return new DemoSummary(
        10,
        5,
        1_000,
        1_000,
        3,
        0,
        500,
        1_000,
        60,
        Map.of(),
        "none",
        null,
        "http://127.0.0.1:1/metrics",
        dir.resolve("routes.yml"),
        recovery,
        dir.resolve("metrics.prom"),
        scrape,
        new DemoSummary.Desk(
            new DemoAgents.Report(
                3,
                0,
                4,
                0,
                List.of(),
                1,
                END_2025,
                DemoDeskFigures.of(List.of()),
                Optional.empty()),
            "http://127.0.0.1:1/desk/team",
            "policy-events",
            0),
        new DemoSummary.Journeys(
            dir.resolve("retention-journeys.yaml"),
            new DemoJourneyTable(List.of(), Map.of(), Map.of(), List.of()),
            5,
            new java.util.TreeMap<>(
                Map.of("contact_cap", 3L, "do_not_contact", 2L, "quiet_hours_held", 4L))),
        new DemoModelHealth(Map.of(), 30, 30, dir.resolve("job-metrics.prom"), Double.NaN));
  }

  @Test
  void shouldPrintTheRecoveryRateTheServiceExports() throws Exception {
    AlertMetrics registry = new AlertMetrics();
    OutcomeMetrics metrics =
        new OutcomeMetrics(registry.registry(), Duration.ofDays(DemoRun.OUTCOME_WINDOW_DAYS));
    List<Outcome> history = history();
    // The service reads the partitions in its own order; the summary reads the topic in another.
    for (int k = history.size() - 1; k >= 0; k--) {
      metrics.record(history.get(k));
    }
    DemoRecovery recovery = DemoRecovery.of(history, DemoRun.OUTCOME_WINDOW_DAYS);
    Path saved = DemoMetricsScrape.save(registry.scrape(), dir);
    String scrape = Files.readString(saved);

    // 60 treated: every third lapsed (d % 9 == 0 of d = 0, 3, 6, ...) -> 40 recovered.
    assertThat(recovery.recovered(Arm.TREATED)).isEqualTo(40);
    assertThat(recovery.lapsed(Arm.TREATED)).isEqualTo(20);
    assertThat(DemoMetricsScrape.recoveryRate(scrape, Arm.TREATED))
        .isEqualTo(recovery.rate(Arm.TREATED))
        .hasValue(40.0 / 60);
    assertThat(DemoMetricsScrape.recoveryRate(scrape, Arm.HOLDOUT))
        .isEqualTo(recovery.rate(Arm.HOLDOUT))
        .hasValue(0.5);
    DemoSummary summary = summary(recovery, scrape);
    assertThat(summary.scrapeMatches()).isTrue();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    summary.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .contains("TREATED   66.7% recovered (40 of 60)")
        .contains("HOLDOUT   50.0% recovered (30 of 60)")
        .contains("uplift   +16.7 points")
        .contains("lapsewatch_recovery_rate TREATED  66.7%, HOLDOUT  50.0% (as printed above)")
        .contains("retention cases        0 opened")
        .contains("contact rate            n/a  (0 of 0 cases")
        .contains("a case page            (none: every case link expired")
        .contains("team page              http://127.0.0.1:1/desk/team")
        .contains("escalations            0 to level 1 (branch lead told), 0 to level 2")
        .contains(
            "contact rules          5 alerts suppressed (by reason: contact_cap 3, do_not_contact"
                + " 2); 4 held through quiet hours, then sent");
  }

  @Test
  void shouldCountEachTermOnceLeavingFollowUpOutcomesOutAsTheServiceDoes() throws Exception {
    List<Outcome> history = new ArrayList<>(history());
    // A journey's follow-up callback on each of the first ten treated terms: all recovered.
    for (int k = 0; k < 20; k += 2) {
      Outcome f = outcome(1_000 + k, Arm.TREATED, OutcomeKind.RECOVERED, 5);
      f.policyId = history.get(k).policyId;
      f.journey = "standard-renewal";
      f.journeyVersion = 1;
      f.journeyStep = "callback-if-silent";
      f.followUp = true;
      history.add(f);
    }
    AlertMetrics registry = new AlertMetrics();
    OutcomeMetrics metrics =
        new OutcomeMetrics(registry.registry(), Duration.ofDays(DemoRun.OUTCOME_WINDOW_DAYS));
    history.forEach(metrics::record);

    DemoRecovery recovery = DemoRecovery.of(history, DemoRun.OUTCOME_WINDOW_DAYS);

    assertThat(recovery.recovered(Arm.TREATED)).isEqualTo(40);
    assertThat(recovery.lapsed(Arm.TREATED)).isEqualTo(20);
    assertThat(summary(recovery, registry.scrape()).scrapeMatches()).isTrue();
  }

  @Test
  void shouldNoticeAScrapeThatShowsOtherOutcomes() {
    DemoRecovery recovery = DemoRecovery.of(history(), DemoRun.OUTCOME_WINDOW_DAYS);
    // A service that read nothing: NaN on /metrics.
    AlertMetrics empty = new AlertMetrics();
    new OutcomeMetrics(empty.registry(), Duration.ofDays(DemoRun.OUTCOME_WINDOW_DAYS));

    DemoSummary summary = summary(recovery, empty.scrape());

    assertThat(summary.scrapeMatches()).isFalse();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    summary.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("DIFFERS from the rates printed");
  }

  @Test
  void shouldNameTheMissingSeries() {
    assertThatThrownBy(() -> DemoMetricsScrape.recoveryRate("# nothing\n", Arm.TREATED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TREATED");
  }
}
