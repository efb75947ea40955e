package io.lapsewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The agents find the case link where each channel the demo routes to puts it: DingTalk actionCard
 * button or markdown link line, WeCom markdown link, Slack button, an email's text and HTML parts.
 */
class DemoCaseLinksTest {
  private static final String LINK =
      "http://127.0.0.1:41234/desk/cases/case-0a1b2c3d4e5f60718293a4b5?t=1767225600.Qm9ndXMtc2lnbmF0dXJlLTAxMjM0NTY3ODk_-x";
  private static final String OTHER =
      "http://127.0.0.1:41234/desk/cases/case-ffeeddccbbaa998877665544?t=1767312000.b3RoZXI";

  @Test
  void shouldFindTheLinkOnADingTalkActionCardButton() {
    String payload =
        "{\"msgtype\":\"actionCard\",\"actionCard\":{\"title\":\"续保预警\",\"text\":\"#### 续保预警\\n\\n"
            + "- **客户**：张＊＊\\n\",\"singleTitle\":\"查看并记录结果\",\"singleURL\":\""
            + LINK
            + "\"}}";

    assertThat(DemoCaseLinks.in(payload))
        .containsExactly(Map.entry("case-0a1b2c3d4e5f60718293a4b5", URI.create(LINK)));
  }

  @Test
  void shouldFindTheLinkInDingTalkAndWeComMarkdownLinkLines() {
    String dingtalk =
        "{\"msgtype\":\"markdown\",\"markdown\":{\"title\":\"t\",\"text\":\"- why\\n\\n[查看并记录结果]("
            + LINK
            + ")\\n\\n@13900001111 \"},\"at\":{\"atMobiles\":[\"13900001111\"]}}";
    String wecom =
        "{\"msgtype\":\"markdown\",\"markdown\":{\"content\":\"**Renewal alert**\\n[Open case]("
            + LINK
            + ")\\n\"}}";

    assertThat(DemoCaseLinks.in(dingtalk).values()).containsExactly(URI.create(LINK));
    assertThat(DemoCaseLinks.in(wecom).values()).containsExactly(URI.create(LINK));
  }

  @Test
  void shouldFindTheLinkOnASlackButtonAndEveryLinkOfADigest() {
    String slack =
        "{\"blocks\":[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"x\"}},"
            + "{\"type\":\"actions\",\"elements\":[{\"type\":\"button\",\"text\":{\"type\":"
            + "\"plain_text\",\"text\":\"Open case\"},\"url\":\""
            + LINK
            + "\"}]},{\"type\":\"context\"}]}";
    String digest = "- PO1 [↗](" + LINK + ")\n- PO2 [↗](" + OTHER + ")\n- PO1 again " + LINK;

    assertThat(DemoCaseLinks.in(slack).values()).containsExactly(URI.create(LINK));
    assertThat(DemoCaseLinks.in(digest).values())
        .containsExactly(URI.create(LINK), URI.create(OTHER));
  }

  @Test
  void shouldFindTheLinkInAnEmailWhoseLongLinesAreQuotedPrintable() throws Exception {
    Session session = Session.getInstance(new Properties());
    MimeMessage sent = new MimeMessage(session);
    sent.setSubject("LapseWatch retention alert");
    sent.setSentDate(java.util.Date.from(Instant.parse("2025-03-01T08:00:00Z")));
    MimeMultipart parts = new MimeMultipart("alternative");
    MimeBodyPart text = new MimeBodyPart();
    text.setText("Renewal alert\n\nOpen case: " + LINK + "\n", "UTF-8");
    text.setHeader("Content-Transfer-Encoding", "quoted-printable");
    MimeBodyPart html = new MimeBodyPart();
    html.setText("<p><a href=\"" + OTHER + "\">Open case</a></p>", "UTF-8", "html");
    html.setHeader("Content-Transfer-Encoding", "quoted-printable");
    parts.addBodyPart(text);
    parts.addBodyPart(html);
    sent.setContent(parts);
    sent.saveChanges();
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    sent.writeTo(wire);
    // As the SMTP server received it: the link is split by soft line breaks and '=' is encoded.
    assertThat(wire.toString(java.nio.charset.StandardCharsets.US_ASCII)).doesNotContain(LINK);

    MimeMessage received = new MimeMessage(session, new ByteArrayInputStream(wire.toByteArray()));

    assertThat(DemoCaseLinks.in(DemoCaseLinks.emailText(received)).values())
        .containsExactly(URI.create(LINK), URI.create(OTHER));
  }

  @Test
  void shouldIgnoreLinksThatAreNotSignedCaseLinks() {
    String payload =
        "[Open the case](https://crm.example.com/retention/cases/PO1?alert=al-1) "
            + "http://127.0.0.1:1/desk/cases/case-1 http://127.0.0.1:1/desk/team";

    assertThat(DemoCaseLinks.in(payload)).isEmpty();
  }

  @Test
  void shouldReadTheExpiryATokenNames() {
    assertThat(DemoAgents.linkExpiry(URI.create(LINK)))
        .isEqualTo(Instant.ofEpochSecond(1767225600L));
  }
}
