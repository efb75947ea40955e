package io.lapsewatch.alerts.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.TestingAlerts;
import io.lapsewatch.alerts.template.Message;
import io.lapsewatch.alerts.template.MessageLocale;
import io.lapsewatch.alerts.template.MessageTemplates;
import io.lapsewatch.alerts.template.Scrubber;
import io.lapsewatch.retentiondesk.CaseLinks;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The signed case link in the exact place each channel's payload puts it, in the route's language;
 * none for a holdout alert; never its token on the console; untouched by the scrubber.
 */
class CaseLinkPayloadsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Never contacted: these tests only build payloads. */
  private static final URI NOWHERE = URI.create("http://127.0.0.1:9/hook?key=k");

  private static final String CRM = "https://crm.example.com/cases/{policyId}";

  private final TestingCaseLinks desk = new TestingCaseLinks();
  private final TestingHttp http = new TestingHttp();
  private final Alert alert = TestingAlerts.highValueCallback("PH-1001");
  private final EnrichedAlert plain =
      new EnrichedAlert(
          alert,
          Map.of(
              "policyholderName",
              "张三丰",
              "policyholderPhone",
              "13812341234",
              EnrichedAlert.AGENT_MOBILE,
              "13900001111"));
  private final EnrichedAlert linked = desk.linked(plain);
  private final String link = linked.caseLink().orElseThrow().toString();

  private static MessageTemplates templates(MessageLocale locale) {
    return new MessageTemplates(locale, true, Optional.of(CRM));
  }

  private SlackNotifier slack(MessageLocale l) {
    return new SlackNotifier(NOWHERE, templates(l), http.options());
  }

  private TeamsNotifier teams(MessageLocale l) {
    return new TeamsNotifier(NOWHERE, templates(l), http.options());
  }

  private DingTalkNotifier dingtalk(MessageLocale l, Mentions mentions) {
    return new DingTalkNotifier(
        NOWHERE,
        Optional.empty(),
        templates(l),
        DingTalkNotifier.Format.MARKDOWN,
        mentions,
        http.options());
  }

  private FeishuNotifier feishu(MessageLocale l) {
    return new FeishuNotifier(
        NOWHERE, Optional.empty(), templates(l), Mentions.NONE, http.options());
  }

  private WeComNotifier wecom(MessageLocale l, WeComNotifier.MsgType type) {
    return new WeComNotifier(NOWHERE, templates(l), type, Mentions.NONE, http.options());
  }

  private List<ChatNotifier> everyChat(MessageLocale l) {
    return List.of(
        slack(l),
        teams(l),
        dingtalk(l, Mentions.NONE),
        dingtalk(l, new Mentions(List.of(), List.of(), true, false)),
        feishu(l),
        wecom(l, WeComNotifier.MsgType.MARKDOWN),
        wecom(l, WeComNotifier.MsgType.TEXT));
  }

  @Test
  void shouldPutTheCaseLinkInASlackButtonInAnActionsBlock() {
    JsonNode blocks = slack(MessageLocale.ZH_CN).payload(linked).get("blocks");

    JsonNode actions = blocks.get(blocks.size() - 2);
    assertThat(actions.get("type").asText()).isEqualTo("actions");
    JsonNode button = actions.get("elements").get(0);
    assertThat(button.get("type").asText()).isEqualTo("button");
    assertThat(button.get("text").get("text").asText()).isEqualTo("查看并记录结果");
    assertThat(button.get("url").asText()).isEqualTo(link);
  }

  @Test
  void shouldPutTheCaseLinkInATeamsOpenUrlAction() {
    JsonNode card =
        teams(MessageLocale.EN).payload(linked).get("attachments").get(0).get("content");

    assertThat(card.get("actions")).hasSize(1);
    JsonNode action = card.get("actions").get(0);
    assertThat(action.get("type").asText()).isEqualTo("Action.OpenUrl");
    assertThat(action.get("title").asText()).isEqualTo("Open case");
    assertThat(action.get("url").asText()).isEqualTo(link);
  }

  @Test
  void shouldSendDingTalkAnActionCardWithOneButtonWhenNobodyIsMentioned() {
    JsonNode body = dingtalk(MessageLocale.ZH_CN, Mentions.NONE).payload(linked);

    assertThat(body.get("msgtype").asText()).isEqualTo("actionCard");
    assertThat(body.has("at")).isFalse();
    JsonNode card = body.get("actionCard");
    assertThat(card.get("singleTitle").asText()).isEqualTo("查看并记录结果");
    assertThat(card.get("singleURL").asText()).isEqualTo(link);
    // The masked markdown of the message is the card's text; the link is only on the button.
    assertThat(card.get("text").asText())
        .startsWith("#### 续保预警：高价值客户 · 代理人回访\n\n")
        .contains("- **客户**：张＊＊\n")
        .contains("- **电话**：138＊＊＊＊1234\n")
        .doesNotContain("13812341234")
        .doesNotContain(link);
  }

  @Test
  void shouldKeepDingTalkMarkdownWithALinkLineWhenTheAgentIsMentioned() {
    JsonNode body =
        dingtalk(MessageLocale.ZH_CN, new Mentions(List.of(), List.of(), true, false))
            .payload(linked);

    // An actionCard cannot mention; the mention wins and the link becomes a markdown link.
    assertThat(body.get("msgtype").asText()).isEqualTo("markdown");
    assertThat(body.get("at").get("atMobiles").get(0).asText()).isEqualTo("13900001111");
    assertThat(body.get("markdown").get("text").asText())
        .contains("[查看并记录结果](" + link + ")\n\n@13900001111 ");
  }

  @Test
  void shouldLeaveDingTalkMarkdownAsBeforeForAnAlertWithoutACaseLink() {
    JsonNode body = dingtalk(MessageLocale.EN, Mentions.NONE).payload(plain);

    assertThat(body.get("msgtype").asText()).isEqualTo("markdown");
    assertThat(body.get("markdown").get("text").asText())
        .contains("[Open the case](https://crm.example.com/cases/POL-1001)");
  }

  @Test
  void shouldPutTheCaseLinkInAFeishuCardButton() {
    JsonNode elements = feishu(MessageLocale.EN).payload(linked).get("card").get("elements");

    JsonNode action = elements.get(elements.size() - 2);
    assertThat(action.get("tag").asText()).isEqualTo("action");
    JsonNode button = action.get("actions").get(0);
    assertThat(button.get("tag").asText()).isEqualTo("button");
    assertThat(button.get("text").get("content").asText()).isEqualTo("Open case");
    assertThat(button.get("url").asText()).isEqualTo(link);
  }

  @Test
  void shouldPutTheCaseLinkInAWeComMarkdownLinkLine() {
    String content =
        wecom(MessageLocale.ZH_CN, WeComNotifier.MsgType.MARKDOWN)
            .payload(linked)
            .get("markdown")
            .get("content")
            .asText();
    String text =
        wecom(MessageLocale.ZH_CN, WeComNotifier.MsgType.TEXT)
            .payload(linked)
            .get("text")
            .get("content")
            .asText();

    assertThat(content).contains("\n[查看并记录结果](" + link + ")\n");
    assertThat(text).contains("\n查看并记录结果：" + link + "\n");
  }

  @Test
  void shouldPutTheCaseLinkInBothPartsOfAnEmail() {
    Message m = templates(MessageLocale.EN).render(alert, plain.attributes(), linked.caseLink());

    assertThat(EmailBodies.text(m)).contains("\nOpen case: " + link + "\n");
    assertThat(EmailBodies.html(m))
        .contains("<p><a href=\"" + EmailBodies.esc(link) + "\">Open case</a></p>");
  }

  @Test
  void shouldAddTheCaseUrlFieldToTheWebhookBodyOnlyWhenThereIsALink() throws Exception {
    JsonNode with = JSON.readTree(WebhookNotifier.body(linked));
    JsonNode without = JSON.readTree(WebhookNotifier.body(plain));

    assertThat(with.get(WebhookNotifier.CASE_URL).asText()).isEqualTo(link);
    assertThat(without.has(WebhookNotifier.CASE_URL)).isFalse();
    ((com.fasterxml.jackson.databind.node.ObjectNode) with).remove(WebhookNotifier.CASE_URL);
    assertThat(with).isEqualTo(without);
  }

  @Test
  void shouldShowWhereTheCaseIsOnTheConsoleButNeverItsToken() {
    String token = URI.create(link).getRawQuery().substring(2);

    String out = ConsoleNotifier.format(linked);

    String where = link.substring(0, link.indexOf('?'));
    assertThat(out).contains("\n  case:       " + where + "?t=…\n").doesNotContain(token);
    assertThat(token.substring(token.indexOf('.') + 1)).isNotEmpty();
    assertThat(out).doesNotContain(token.substring(token.indexOf('.') + 1));
    assertThat(ConsoleNotifier.format(plain)).doesNotContain("case:");
    assertThat(linked.toString()).contains("caseLink=yes").doesNotContain(token);
  }

  @Test
  void shouldGiveAHoldoutAlertNoCaseLinkInAnyChannel() throws Exception {
    EnrichedAlert holdout = desk.linked(EnrichedAlert.of(TestingAlerts.holdoutOffer("PH-3003")));

    assertThat(holdout.caseLink()).isEmpty();
    for (MessageLocale l : MessageLocale.values()) {
      for (ChatNotifier chat : everyChat(l)) {
        assertThat(chat.payload(holdout).toString()).as(chat.toString()).doesNotContain("/desk/");
      }
    }
    assertThat(WebhookNotifier.body(holdout)).doesNotContain(WebhookNotifier.CASE_URL);
    assertThat(ConsoleNotifier.format(holdout)).doesNotContain("case:");
  }

  @Test
  void shouldCarryTheExactLinkThroughEveryChannelInBothLanguages() {
    for (MessageLocale l : MessageLocale.values()) {
      for (ChatNotifier chat : everyChat(l)) {
        String body = chat.payload(linked).toString();
        URI found = TestingCaseLinks.findIn(body);
        assertThat(found.toString()).as(chat + " " + l).isEqualTo(link);
        assertThat(desk.check(alert, found)).isEqualTo(CaseLinks.Verdict.VALID);
        // In place of the link template's link, not beside it.
        assertThat(body).doesNotContain("crm.example.com");
      }
    }
  }

  @Test
  void shouldGiveEveryDigestLineItsOwnCaseLink() {
    Alert other = TestingAlerts.standardOffer("PH-2002");
    List<EnrichedAlert> two = List.of(linked, desk.linked(EnrichedAlert.of(other)));
    String otherLink = two.get(1).caseLink().orElseThrow().toString();

    for (ChatNotifier chat : everyChat(MessageLocale.ZH_CN)) {
      assertThat(chat.digestPayload(two).toString())
          .as(chat.toString())
          .contains(link)
          .contains(otherLink);
    }
  }

  @Test
  void shouldKeepACaseLinkWholeWhereTheScrubberWouldMaskIt() {
    // A link whose case id and expiry are shaped like the policyholder's phone and a phone number.
    Map<String, String> attributes = new LinkedHashMap<>(plain.attributes());
    attributes.put("policyholderPhone", "+86 138 2468 1357");
    URI phoneShaped =
        URI.create(
            TestingCaseLinks.PUBLIC_URL
                + "/desk/cases/case-13824681357?t=1781308800.a-13824681357");
    assertThat(Scrubber.forAttributes(attributes).scrub(phoneShaped.toString()))
        .isNotEqualTo(phoneShaped.toString());
    EnrichedAlert tricky = new EnrichedAlert(alert, attributes, Optional.of(phoneShaped));

    for (MessageLocale l : MessageLocale.values()) {
      for (ChatNotifier chat : everyChat(l)) {
        String body = chat.payload(tricky).toString();
        assertThat(TestingCaseLinks.findIn(body)).as(chat + " " + l).isEqualTo(phoneShaped);
        // The phone itself is still masked everywhere else.
        assertThat(body.replace(phoneShaped.toString(), "")).doesNotContain("2468");
      }
      Message m = templates(l).render(alert, attributes, Optional.of(phoneShaped));
      assertThat(EmailBodies.text(m)).contains(phoneShaped.toString());
      assertThat(EmailBodies.html(m)).contains(phoneShaped.toString());
    }
    assertThat(WebhookNotifier.body(tricky)).contains(phoneShaped.toString());
  }
}
