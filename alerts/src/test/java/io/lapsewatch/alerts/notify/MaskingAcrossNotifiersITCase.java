package io.lapsewatch.alerts.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.Reason;
import io.lapsewatch.alertcontract.TestingAlerts;
import io.lapsewatch.alerts.template.MessageLocale;
import io.lapsewatch.alerts.template.MessageTemplates;
import io.lapsewatch.embedded.WebhookReceiver;
import io.lapsewatch.retentiondesk.CaseLinks;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A phone number and a name planted in every free-text field of an alert (reason texts, model
 * version, branch, region) go through every notifier kind, over a real local HTTP receiver, a real
 * SMTP server and the console stream: what each one sends carries only their masked forms, and the
 * signed case link, whole, that opens the alert's case.
 */
class MaskingAcrossNotifiersITCase {
  private static final String LINK = "https://crm.example.com/cases/{policyId}?alert={alertId}";

  /**
   * Substrings of the planted values that no masked form shows: the names beyond their initials or
   * surname (and the email's local part), and digits a mask hides (555 and 7946 are exchange
   * digits, 2468 the middle of the Chinese mobile).
   */
  private static final List<String> RAW = List.of("zhang", "张三丰", "三丰", "555", "7946", "2468");

  /** What the masks keep visible, so a field that was dropped or cut cannot pass unnoticed. */
  private static final List<String> MASKED =
      List.of("Z. S.", "张**", "******0199", "*******0958", "138****1357", "z***@example.com");

  @RegisterExtension
  static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  private WebhookReceiver receiver;
  private final TestingHttp http = new TestingHttp();

  @BeforeEach
  void start() throws Exception {
    receiver = WebhookReceiver.start();
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  private static EnrichedAlert planted() {
    Alert a = TestingAlerts.highValueCallback("PH-1001");
    a.modelVersion = "lr-v3 (on call +44 20 7946 0958)";
    a.reasons =
        new Reason[] {
          new Reason("open_complaints", 2, 0.9, "Zhang San complained, call (415) 555-0199"),
          new Reason("agent_note", 1, 0.5, "张三丰 asked for a callback on +86 138 2468 1357"),
          new Reason("ops_note", 1, 0.4, "reach Zhang San at 415-555-0199 or 020 7946 0958"),
          new Reason("", 1, 0.1, "13824681357 / 138-2468-1357 / zhang.san@example.com")
        };
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("policyholderName", "Zhang San");
    attributes.put("policyholderLocalName", "张三丰");
    attributes.put("policyholderPhone", "+86 138 2468 1357");
    attributes.put("branch", "SH-01 desk 138.2468.1357");
    attributes.put("region", "east, ops (415) 555-0199");
    return new EnrichedAlert(a, attributes);
  }

  private URI url(String path) {
    return URI.create(receiver.url(path));
  }

  private List<DigestNotifier> chatNotifiers(MessageLocale locale) {
    MessageTemplates t = new MessageTemplates(locale, true, Optional.of(LINK));
    return List.of(
        new WeComNotifier(
            url("/wecom-md"), t, WeComNotifier.MsgType.MARKDOWN, Mentions.NONE, http.options()),
        new WeComNotifier(
            url("/wecom-text"), t, WeComNotifier.MsgType.TEXT, Mentions.NONE, http.options()),
        new DingTalkNotifier(
            url("/dingtalk-md"),
            Optional.empty(),
            t,
            DingTalkNotifier.Format.MARKDOWN,
            Mentions.NONE,
            http.options()),
        new DingTalkNotifier(
            url("/dingtalk-card"),
            Optional.empty(),
            t,
            DingTalkNotifier.Format.ACTION_CARD,
            Mentions.NONE,
            http.options()),
        new FeishuNotifier(url("/feishu"), Optional.empty(), t, Mentions.NONE, http.options()),
        new SlackNotifier(url("/slack"), t, http.options()),
        new TeamsNotifier(url("/teams"), t, http.options()));
  }

  private EmailNotifier email(MessageLocale locale) {
    return new EmailNotifier(
        new EmailNotifier.Smtp(
            "127.0.0.1",
            MAIL.getSmtp().getPort(),
            EmailNotifier.Security.NONE,
            Optional.empty(),
            Optional.empty(),
            Duration.ofSeconds(5),
            Duration.ofSeconds(5),
            Duration.ofSeconds(5),
            Optional.empty(),
            true),
        "LapseWatch <alerts@lapsewatch.example>",
        List.of("retention-team@insurer.example"),
        false,
        "",
        new MessageTemplates(locale, true, Optional.of(LINK)),
        http.options());
  }

  @ParameterizedTest
  @EnumSource(MessageLocale.class)
  void shouldSendOnlyMaskedFormsThroughEveryNotifier(MessageLocale locale) throws Exception {
    EnrichedAlert alert = planted();
    Map<String, String> sent = new LinkedHashMap<>();

    List<DigestNotifier> chats = chatNotifiers(locale);
    for (DigestNotifier chat : chats) {
      chat.deliver(alert);
    }
    WebhookNotifier.builder(url("/webhook")).build().deliver(alert);
    for (String path :
        List.of(
            "/wecom-md",
            "/wecom-text",
            "/dingtalk-md",
            "/dingtalk-card",
            "/feishu",
            "/slack",
            "/teams",
            "/webhook")) {
      assertThat(receiver.requests(path)).as(path).hasSize(1);
      sent.put(path, receiver.requests(path).get(0).body());
    }

    email(locale).deliver(alert);
    assertThat(MAIL.waitForIncomingEmail(5_000, 1)).isTrue();
    sent.put("email", mailText(MAIL.getReceivedMessages()[0]));

    ByteArrayOutputStream console = new ByteArrayOutputStream();
    new ConsoleNotifier(new PrintStream(console, true, StandardCharsets.UTF_8)).deliver(alert);
    sent.put("console", console.toString(StandardCharsets.UTF_8));

    for (Map.Entry<String, String> e : sent.entrySet()) {
      // Chat markdown writes masking asterisks full-width so they are not read as bold.
      String text = e.getValue().replace('\uFF0A', '*');
      for (String raw : RAW) {
        assertThat(text)
            .as("%s (%s) must not carry %s", e.getKey(), locale, raw)
            .doesNotContainIgnoringCase(raw);
      }
      for (String masked : MASKED) {
        assertThat(text).as("%s (%s) shows %s", e.getKey(), locale, masked).contains(masked);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(MessageLocale.class)
  void shouldSendOnlyMaskedFormsInEveryDigest(MessageLocale locale) throws Exception {
    List<EnrichedAlert> alerts = List.of(planted(), planted());
    List<String> sent = new ArrayList<>();

    for (DigestNotifier chat : chatNotifiers(locale)) {
      chat.deliverDigest(alerts);
    }
    receiver.requests().forEach(r -> sent.add(r.body()));
    email(locale).deliverDigest(alerts);
    assertThat(MAIL.waitForIncomingEmail(5_000, 1)).isTrue();
    sent.add(mailText(MAIL.getReceivedMessages()[0]));

    assertThat(sent).hasSize(8);
    for (String body : sent) {
      assertThat(body).contains("POL-1001");
      for (String raw : RAW) {
        assertThat(body).doesNotContainIgnoringCase(raw);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(MessageLocale.class)
  void shouldCarryALinkThatOpensTheRightCaseThroughEveryNotifier(MessageLocale locale)
      throws Exception {
    TestingCaseLinks desk = new TestingCaseLinks();
    EnrichedAlert alert = desk.linked(planted());
    URI expected = alert.caseLink().orElseThrow();
    String token = expected.getRawQuery().substring(2);
    Map<String, String> sent = new LinkedHashMap<>();

    for (DigestNotifier chat : chatNotifiers(locale)) {
      chat.deliver(alert);
    }
    WebhookNotifier.builder(url("/webhook")).build().deliver(alert);
    receiver.requests().forEach(r -> sent.put(r.path(), r.body()));
    email(locale).deliver(alert);
    assertThat(MAIL.waitForIncomingEmail(5_000, 1)).isTrue();
    MimeMultipart parts = (MimeMultipart) MAIL.getReceivedMessages()[0].getContent();
    sent.put("email text", (String) parts.getBodyPart(0).getContent());
    sent.put("email html", (String) parts.getBodyPart(1).getContent());

    assertThat(sent).hasSize(10);
    for (Map.Entry<String, String> e : sent.entrySet()) {
      // Parsed back out of what the receiver got, the link opens this alert's case, and only it.
      URI found = TestingCaseLinks.findIn(e.getValue());
      assertThat(found).as(e.getKey()).isEqualTo(expected);
      assertThat(desk.check(alert.alert(), found))
          .as(e.getKey())
          .isEqualTo(CaseLinks.Verdict.VALID);
      assertThat(desk.check(TestingAlerts.standardOffer("PH-2002"), found))
          .isEqualTo(CaseLinks.Verdict.FORGED);
    }

    ByteArrayOutputStream console = new ByteArrayOutputStream();
    new ConsoleNotifier(new PrintStream(console, true, StandardCharsets.UTF_8)).deliver(alert);
    assertThat(console.toString(StandardCharsets.UTF_8))
        .contains(expected.getRawPath() + "?t=…")
        .doesNotContain(token);
  }

  /** Subject, plain text and HTML of an email, decoded. */
  private static String mailText(MimeMessage m) throws Exception {
    MimeMultipart parts = (MimeMultipart) m.getContent();
    StringBuilder s = new StringBuilder(m.getSubject()).append('\n');
    for (int i = 0; i < parts.getCount(); i++) {
      s.append(parts.getBodyPart(i).getContent()).append('\n');
    }
    return s.toString();
  }
}
