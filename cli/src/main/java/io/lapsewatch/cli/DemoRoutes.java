package io.lapsewatch.cli;

import io.lapsewatch.embedded.WebhookReceiver;

/** The demo's routing file: the real chat and email notifiers, pointed at local receivers. */
final class DemoRoutes {
  /** The receiver of the branch leads' escalation messages (the roles file names it). */
  static final String LEADS = "leads-chat";

  /** Its path on the local chat receiver. */
  static final String LEADS_PATH = "/leads";

  private DemoRoutes() {}

  /** Routing YAML sending to {@code chat}'s paths and to SMTP on 127.0.0.1:{@code smtpPort}. */
  static String yaml(WebhookReceiver chat, int smtpPort) {
    // Generous rate limits: the demo replays months in seconds; real robots keep their own.
    return String.join(
        "\n",
        "version: 1",
        "defaults:",
        "  locale: en",
        "  link: https://crm.example.com/retention/cases/{policyId}?alert={alertId}",
        "  mask-personal-data: true",
        "receivers:",
        "  callbacks-dingtalk:",
        "    channel: dingtalk",
        "    url: " + chat.url("/dingtalk") + "?access_token=demo",
        "    secret: ${env:LW_DEMO_DINGTALK_SECRET}",
        "    rate-limit: 100000/1s",
        "  offers-wecom:",
        "    channel: wecom",
        "    url: " + chat.url("/wecom") + "?key=demo",
        "    rate-limit: 100000/1s",
        "  critical-slack:",
        "    channel: slack",
        "    url: " + chat.url("/slack"),
        "    rate-limit: 100000/1s",
        "  " + LEADS + ":",
        "    channel: webhook",
        "    url: " + chat.url(LEADS_PATH),
        "    rate-limit: 100000/1s",
        "  retention-email:",
        "    channel: email",
        "    host: 127.0.0.1",
        "    port: " + smtpPort,
        "    security: none",
        "    from: LapseWatch <lapsewatch@demo.local>",
        "    to: [retention-team@demo.local]",
        "routes:",
        "  - name: high-value callbacks",
        "    match:",
        "      tier: HIGH_VALUE",
        "      action: AGENT_CALLBACK",
        "    receivers: [callbacks-dingtalk, retention-email]",
        "    continue: true",
        "  - name: renewal offers",
        "    match:",
        "      action: RENEWAL_OFFER",
        "    receivers: [offers-wecom]",
        "    continue: true",
        "  - name: critical risk",
        "    match:",
        "      risk-band: CRITICAL",
        "    receivers: [critical-slack]",
        "default:",
        "  receivers: [retention-email]",
        "");
  }
}
