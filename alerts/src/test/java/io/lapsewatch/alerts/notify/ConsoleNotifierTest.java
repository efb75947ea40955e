package io.lapsewatch.alerts.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.Reason;
import io.lapsewatch.alertcontract.TestingAlerts;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleNotifierTest {

  @Test
  void shouldDescribeWhatToDoForWhichPolicyByWhenAndWhy() {
    String text = ConsoleNotifier.format(TestingAlerts.highValueCallback("PH-1001"));

    assertThat(text)
        .isEqualTo(
            String.join(
                "\n",
                "LapseWatch retention alert: AGENT_CALLBACK (HIGH_VALUE tier)",
                "  policy:     POL-1001 (agent AG-17)",
                "  lapse risk: 82.0% (CRITICAL), model lr-v3",
                "  renewal:    2026-06-19, in 30 days",
                "  act by:     2026-06-12",
                "  why:",
                "    - 2 unresolved complaints, oldest 21 days",
                "    - missed a premium in the last 90 days",
                "  alert id:   al-ph-1001"));
  }

  @Test
  void shouldNotShowThePolicyholderId() {
    assertThat(ConsoleNotifier.format(TestingAlerts.standardOffer("PH-2002")))
        .doesNotContain("PH-2002");
  }

  @Test
  void shouldMarkHoldoutAlertsAsTrackOnly() {
    assertThat(ConsoleNotifier.format(TestingAlerts.holdoutOffer("PH-3003")))
        .startsWith("LapseWatch retention alert: RENEWAL_OFFER (STANDARD tier) [HOLDOUT");
  }

  @Test
  void shouldCopeWithoutAgentOrReasons() {
    Alert a = TestingAlerts.standardOffer("PH-4004");
    a.agentId = null;
    a.reasons = new Reason[0];
    a.daysToRenewal = 1;

    assertThat(ConsoleNotifier.format(a))
        .contains("  policy:     POL-4004\n")
        .contains("in 1 day\n")
        .contains("why:        (no reasons given)");
  }

  @Test
  void shouldFallBackToTheFeatureNameWhenAReasonHasNoText() {
    Alert a = TestingAlerts.standardOffer("PH-5005");
    a.reasons = new Reason[] {new Reason("agent_left", 1, 0.4, "")};

    assertThat(ConsoleNotifier.format(a)).contains("    - agent_left");
  }

  @Test
  void shouldScrubReasonsAndModelVersionAndMaskTheAlertsOwnPersonalValues() throws Exception {
    Alert a = TestingAlerts.standardOffer("PH-5006");
    a.modelVersion = "lr-v3 (ops 415-555-1234)";
    a.reasons =
        new Reason[] {
          new Reason("cancellation_enquiries_90d", 1, 0.7, "1 cancellation enquiry in 90 days"),
          new Reason("note", 1, 0.2, "Zhang San called from (415) 555-1234 and 020 7946 0958")
        };
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ConsoleNotifier notifier =
        new ConsoleNotifier(new PrintStream(out, true, StandardCharsets.UTF_8));

    notifier.deliver(new EnrichedAlert(a, Map.of("policyholderName", "Zhang San")));

    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("model lr-v3 (ops ******1234)")
        .contains("    - 1 cancellation enquiry in 90 days\n")
        .contains("    - Z. S. called from ******1234 and *******0958\n")
        .doesNotContain("Zhang")
        .doesNotContain("555-1234")
        .doesNotContain("7946");
  }

  @Test
  void shouldWriteOneMessagePerAlert() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ConsoleNotifier notifier =
        new ConsoleNotifier(new PrintStream(out, true, StandardCharsets.UTF_8));
    Alert alert = TestingAlerts.standardOffer("PH-6006");

    DeliveryReceipt receipt = notifier.deliver(alert);

    assertThat(receipt.attempts()).isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo(ConsoleNotifier.format(alert) + System.lineSeparator());
    assertThat(notifier.channel()).isEqualTo("console");
  }

  @Test
  void shouldFailWhenTheStreamCannotBeWritten() {
    OutputStream broken =
        new OutputStream() {
          @Override
          public void write(int b) throws java.io.IOException {
            throw new java.io.IOException("closed");
          }
        };
    ConsoleNotifier notifier = new ConsoleNotifier(new PrintStream(broken, true));

    assertThatThrownBy(() -> notifier.deliver(TestingAlerts.standardOffer("PH-7007")))
        .isInstanceOf(DeliveryException.class)
        .hasMessageContaining("write error");
  }
}
