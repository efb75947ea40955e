package io.lapsewatch.alerts.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lapsewatch.alerts.template.MessageLocale;
import io.lapsewatch.alerts.template.MessageTemplates;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** An escalation notice laid out by every chat channel and the console: facts and link present. */
class DeskNoticePayloadsTest {
  private static final URI NOWHERE = URI.create("http://127.0.0.1:9/hook?key=k");
  private static final URI LINK =
      URI.create("https://desk.example/desk/cases/case-0123456789abcdef01234567?t=1781.sig");

  private final TestingHttp http = new TestingHttp();
  private final MessageTemplates templates =
      new MessageTemplates(MessageLocale.ZH_CN, true, Optional.empty());
  private final DeskNotice notice =
      new DeskNotice(
          "ce-0123456789abcdef01234567",
          "⚠ Escalation L1: not contacted in time",
          "nobody reached the policyholder in time",
          List.of(new DeskNotice.Fact("客户 Policyholder", "PH********56")),
          "Call the policyholder today",
          Optional.of(LINK));

  private List<ChatNotifier> everyChat() {
    return List.of(
        new SlackNotifier(NOWHERE, templates, http.options()),
        new TeamsNotifier(NOWHERE, templates, http.options()),
        new DingTalkNotifier(
            NOWHERE,
            Optional.empty(),
            templates,
            DingTalkNotifier.Format.MARKDOWN,
            Mentions.NONE,
            http.options()),
        new FeishuNotifier(NOWHERE, Optional.empty(), templates, Mentions.NONE, http.options()),
        new WeComNotifier(
            NOWHERE, templates, WeComNotifier.MsgType.MARKDOWN, Mentions.NONE, http.options()),
        new WeComNotifier(
            NOWHERE, templates, WeComNotifier.MsgType.TEXT, Mentions.NONE, http.options()));
  }

  @Test
  void shouldCarryTitleFactsAndLinkInEveryChatPayload() {
    for (ChatNotifier chat : everyChat()) {
      String payload = chat.noticePayload(notice).toString();
      assertThat(payload)
          .as(chat.channel())
          .contains("Escalation L1")
          .contains("nobody reached the policyholder in time")
          .contains("Call the policyholder today")
          // Slack and others escape '*' in values (a full-width star), so check the ends.
          .containsPattern("PH.{8,40}56")
          .contains(LINK.toString());
    }
  }

  @Test
  void shouldPrintTheNoticeWithoutTheLinksTokenOnTheConsole() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new ConsoleNotifier(new PrintStream(out, true, StandardCharsets.UTF_8)).deliverNotice(notice);

    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("Escalation L1")
        .contains("PH********56")
        .contains("/desk/cases/case-0123456789abcdef01234567")
        .doesNotContain("sig");
  }

  @Test
  void shouldRefuseANoticeOnAChannelThatCannotCarryOne() {
    Notifier plain =
        new Notifier() {
          @Override
          public String channel() {
            return "email";
          }

          @Override
          public DeliveryReceipt deliver(io.lapsewatch.alertcontract.Alert alert) {
            return DeliveryReceipt.firstTry();
          }
        };

    assertThatThrownBy(() -> plain.deliverNotice(notice))
        .isInstanceOf(DeliveryException.class)
        .hasMessageContaining("cannot carry desk notices");
  }
}
