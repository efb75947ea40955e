package io.lapsewatch.alerts.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.lapsewatch.alertcontract.TestingAlerts;
import io.lapsewatch.alerts.template.MessageLocale;
import io.lapsewatch.alerts.template.MessageTemplates;
import io.lapsewatch.embedded.EmbeddedRedis;
import jakarta.mail.BodyPart;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Email against GreenMail's in-process SMTP and SMTPS servers, reading each message back. */
class EmailNotifierITCase {
  private static final String USER = "retention-bot";
  private static final String PASSWORD = "s3cret-pass";

  @RegisterExtension
  static final GreenMailExtension MAIL =
      new GreenMailExtension(
              new ServerSetup[] {
                ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.SMTPS.dynamicPort()
              })
          .withConfiguration(GreenMailConfiguration.aConfig().withUser(USER, PASSWORD));

  private final TestingHttp timing = new TestingHttp();

  private EmailNotifier.Smtp smtp(int port, EmailNotifier.Security security, String password) {
    return new EmailNotifier.Smtp(
        "127.0.0.1",
        port,
        security,
        Optional.of(USER),
        Optional.of(password),
        Duration.ofSeconds(5),
        Duration.ofSeconds(5),
        Duration.ofSeconds(5),
        // GreenMail's certificate is self-signed and names no host.
        security == EmailNotifier.Security.TLS ? Optional.of("*") : Optional.empty(),
        security != EmailNotifier.Security.TLS);
  }

  private EmailNotifier notifier(EmailNotifier.Smtp smtp, MessageLocale locale) {
    return new EmailNotifier(
        smtp,
        "LapseWatch <alerts@lapsewatch.example>",
        List.of("retention-team@insurer.example"),
        true,
        "[LapseWatch] ",
        new MessageTemplates(locale, true, Optional.of("https://crm.example.com/cases/{policyId}")),
        timing.options());
  }

  private static String part(MimeMessage m, int index, String type) throws Exception {
    MimeMultipart multipart = (MimeMultipart) m.getContent();
    BodyPart p = multipart.getBodyPart(index);
    assertThat(p.getContentType()).startsWith(type).containsIgnoringCase("charset=UTF-8");
    return (String) p.getContent();
  }

  @Test
  void shouldSendAMultipartTextAndHtmlEmailReadBackFromTheServer() throws Exception {
    EnrichedAlert alert =
        new EnrichedAlert(
            TestingAlerts.highValueCallback("PH-1001"),
            Map.of(
                "policyholderName",
                "张三",
                "policyholderPhone",
                "13812341234",
                EnrichedAlert.AGENT_EMAIL,
                "agent17@insurer.example"));
    EmailNotifier email =
        notifier(
            smtp(MAIL.getSmtp().getPort(), EmailNotifier.Security.NONE, PASSWORD),
            MessageLocale.ZH_CN);

    DeliveryReceipt receipt = email.deliver(alert);

    assertThat(receipt.attempts()).isEqualTo(1);
    assertThat(MAIL.waitForIncomingEmail(5_000, 2)).isTrue();
    MimeMessage m = MAIL.getReceivedMessages()[0];
    assertThat(m.getSubject()).isEqualTo("[LapseWatch] 续保预警：高价值客户 · 代理人回访");
    assertThat(m.getFrom()[0].toString()).contains("alerts@lapsewatch.example");
    assertThat(m.getRecipients(RecipientType.TO))
        .extracting(Object::toString)
        .containsExactly("retention-team@insurer.example", "agent17@insurer.example");
    assertThat(m.getHeader("X-LapseWatch-Alert-Id")).containsExactly("al-ph-1001");
    assertThat(m.getContentType()).startsWith("multipart/alternative");
    assertThat(((MimeMultipart) m.getContent()).getCount()).isEqualTo(2);

    String text = part(m, 0, "text/plain");
    assertThat(text)
        .startsWith("续保预警：高价值客户 · 代理人回访\n\n保单: POL-1001\n")
        .contains("客户: 张*\n")
        .contains("电话: 138****1234\n")
        .contains("请代理人在 2026-06-12 前致电客户，了解续保顾虑。")
        .contains("  - 2 件投诉尚未解决\n")
        .contains("查看详情: https://crm.example.com/cases/POL-1001")
        .doesNotContain("13812341234");
    String html = part(m, 1, "text/html");
    assertThat(html)
        .contains("<h2 style=\"color:#b00020\">续保预警：高价值客户 · 代理人回访</h2>")
        .contains("<tr><th align=\"left\">电话</th><td>138****1234</td></tr>")
        .contains("<li>2 件投诉尚未解决</li>")
        .contains("<a href=\"https://crm.example.com/cases/POL-1001\">查看详情</a>")
        .doesNotContain("13812341234")
        .doesNotContain("张三");
  }

  @Test
  void shouldSendOverImplicitTlsWithTimeoutsSet() throws Exception {
    EmailNotifier.Smtp tls = smtp(MAIL.getSmtps().getPort(), EmailNotifier.Security.TLS, PASSWORD);
    EmailNotifier email = notifier(tls, MessageLocale.EN);

    email.deliver(EnrichedAlert.of(TestingAlerts.standardOffer("PH-2002")));

    assertThat(MAIL.waitForIncomingEmail(5_000, 1)).isTrue();
    assertThat(MAIL.getReceivedMessages()[0].getSubject())
        .isEqualTo("[LapseWatch] Renewal offer · standard policyholder at risk of lapse");
    assertThat(EmailNotifier.properties(tls))
        .containsEntry("mail.smtp.ssl.enable", "true")
        .containsEntry("mail.smtp.ssl.trust", "*")
        .containsEntry("mail.smtp.connectiontimeout", "5000")
        .containsEntry("mail.smtp.timeout", "5000")
        .containsEntry("mail.smtp.writetimeout", "5000");
  }

  @Test
  void shouldRequireStartTlsWhenAskedFor() {
    assertThat(EmailNotifier.properties(smtp(2525, EmailNotifier.Security.STARTTLS, PASSWORD)))
        .containsEntry("mail.smtp.starttls.enable", "true")
        .containsEntry("mail.smtp.starttls.required", "true")
        .containsEntry("mail.smtp.ssl.checkserveridentity", "true")
        .doesNotContainKey("mail.smtp.ssl.trust");
  }

  @Test
  void shouldSendADigestListingEveryAlert() throws Exception {
    EmailNotifier email =
        notifier(
            smtp(MAIL.getSmtp().getPort(), EmailNotifier.Security.NONE, PASSWORD),
            MessageLocale.EN);
    List<EnrichedAlert> alerts =
        List.of(
            EnrichedAlert.of(TestingAlerts.standardOffer("PH-1")),
            EnrichedAlert.of(TestingAlerts.standardOffer("PH-2")),
            EnrichedAlert.of(TestingAlerts.highValueCallback("PH-3")));

    assertThat(email.digestCapacity(alerts)).isEqualTo(3);
    email.deliverDigest(alerts);

    assertThat(MAIL.waitForIncomingEmail(5_000, 1)).isTrue();
    MimeMessage m = MAIL.getReceivedMessages()[0];
    assertThat(m.getSubject())
        .isEqualTo("[LapseWatch] 3 retention alerts (rate limit reached, folded)");
    assertThat(part(m, 0, "text/plain"))
        .contains("POL-1 ·")
        .contains("POL-2 ·")
        .contains("POL-3 ·");
    assertThat(part(m, 1, "text/html"))
        .contains("<a href=\"https://crm.example.com/cases/POL-3\">");
  }

  @Test
  void shouldTreatAFailedLoginAsPermanent() {
    EmailNotifier email =
        notifier(
            smtp(MAIL.getSmtp().getPort(), EmailNotifier.Security.NONE, "wrong"), MessageLocale.EN);

    assertThatThrownBy(() -> email.deliver(EnrichedAlert.of(TestingAlerts.standardOffer("PH-9"))))
        .isInstanceOfSatisfying(
            DeliveryException.class,
            e -> {
              assertThat(e.permanent()).isTrue();
              assertThat(e.attempts()).isEqualTo(1);
            })
        .hasMessageNotContaining("wrong");
    assertThat(timing.sleeps).isEmpty();
  }

  @Test
  void shouldRetryWhenTheServerIsUnreachable() throws Exception {
    int closedPort = EmbeddedRedis.freePort();
    EmailNotifier email =
        notifier(smtp(closedPort, EmailNotifier.Security.NONE, PASSWORD), MessageLocale.EN);

    assertThatThrownBy(() -> email.deliver(EnrichedAlert.of(TestingAlerts.standardOffer("PH-8"))))
        .isInstanceOfSatisfying(
            DeliveryException.class,
            e -> {
              assertThat(e.permanent()).isFalse();
              assertThat(e.attempts()).isEqualTo(3);
            })
        .hasMessageContaining("gave up after 3 attempts")
        .hasMessageNotContaining("retention-team@");
    assertThat(timing.sleeps).hasSize(2);
  }
}
