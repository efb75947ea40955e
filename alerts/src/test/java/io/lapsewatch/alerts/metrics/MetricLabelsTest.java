package io.lapsewatch.alerts.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.alertcontract.Arm;
import io.lapsewatch.alertcontract.Outcome;
import io.lapsewatch.alertcontract.OutcomeKind;
import io.lapsewatch.alertcontract.TestingAlerts;
import io.lapsewatch.alertcontract.TestingOutcomes;
import io.lapsewatch.alertcontract.Tier;
import io.lapsewatch.retentiondesk.DeskMetrics;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** No label carries a policyholder id or any other unbounded value. */
class MetricLabelsTest {
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"([^\"]*)\"");

  /** Every label name the service uses; each has a small, fixed set of values. */
  private static final Set<String> BOUNDED =
      Set.of(
          "tier",
          "action",
          "arm",
          "channel",
          "status",
          "reason",
          "result",
          "outcome",
          "le",
          "branch",
          // Escalation level of the desk: 1 or 2.
          "level",
          // Journey plan, plan version and step ids: capped by JourneyLabels, "other" beyond.
          "plan",
          "version",
          "step");

  @Test
  void shouldUseOnlyBoundedLabelsAndNeverAPolicyholderId() {
    AlertMetrics metrics = new AlertMetrics();
    OutcomeMetrics outcomes = new OutcomeMetrics(metrics.registry(), Duration.ofDays(30));
    DeskMetrics desk = DeskMetrics.withoutCases(metrics.registry());
    metrics.registerChannel("wecom");
    for (int i = 0; i < 20; i++) {
      String id = "PH-CONFIDENTIAL-" + i;
      metrics.alertReceived(TestingAlerts.highValueCallback(id));
      metrics.deliveredMessage("wecom", Duration.ofMillis(20), 2, 1);
      Outcome o = TestingOutcomes.of(id, Tier.HIGH_VALUE, Arm.TREATED, OutcomeKind.RECOVERED);
      o.journey = "standard-renewal";
      o.journeyVersion = 1;
      o.journeyStep = "offer";
      outcomes.record(o);
      desk.casesOpened(1);
    }
    metrics.alertRejected(RejectReason.MALFORMED_JSON);
    metrics.deadLettered("delivery_failed");

    String text = metrics.scrape();

    Set<String> names = new HashSet<>();
    Matcher m = LABEL.matcher(text);
    int labels = 0;
    while (m.find()) {
      labels++;
      names.add(m.group(1));
      assertThat(m.group(2)).doesNotContain("PH-").doesNotContain("al-ph").doesNotContain("POL-");
    }
    assertThat(labels).isGreaterThan(50);
    assertThat(names).isSubsetOf(BOUNDED).contains("tier", "channel", "arm", "plan", "step");
    assertThat(text).doesNotContain("CONFIDENTIAL");
  }
}
