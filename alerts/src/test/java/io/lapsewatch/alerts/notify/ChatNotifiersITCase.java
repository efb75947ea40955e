package io.lapsewatch.alerts.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.Reason;
import io.lapsewatch.alertcontract.TestingAlerts;
import io.lapsewatch.alerts.template.MessageLocale;
import io.lapsewatch.alerts.template.MessageTemplates;
import io.lapsewatch.embedded.WebhookReceiver;
import io.lapsewatch.embedded.WebhookReceiver.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every chat notifier against a real local HTTP receiver: the exact JSON shape each API expects,
 * signatures recomputed here independently, size limits, mentions and the API's error answers.
 */
class ChatNotifiersITCase {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String LINK = "https://crm.example.com/cases/{policyId}?alert={alertId}";
  private static final String DINGTALK_SECRET = "SEC0123456789abcdef-test-secret";
  private static final String FEISHU_SECRET = "feishu-test-secret";

  private WebhookReceiver receiver;
  private final TestingHttp http = new TestingHttp();
  private final Alert alert = TestingAlerts.highValueCallback("PH-1001");
  private final EnrichedAlert enriched =
      new EnrichedAlert(
          alert,
          Map.of(
              "branch",
              "SH-01",
              "policyholderName",
              "张三丰",
              "policyholderPhone",
              "13812341234",
              EnrichedAlert.AGENT_MOBILE,
              "13900001111",
              EnrichedAlert.AGENT_WECOM_USER_ID,
              "zhang.wei"));

  @BeforeEach
  void start() throws Exception {
    receiver = WebhookReceiver.start();
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  private static MessageTemplates templates(MessageLocale locale) {
    return new MessageTemplates(locale, true, Optional.of(LINK));
  }

  private URI url(String pathAndQuery) {
    return URI.create(receiver.url(pathAndQuery));
  }

  private JsonNode onlyBody() throws Exception {
    assertThat(receiver.requests()).hasSize(1);
    WebhookReceiver.Request r = receiver.requests().get(0);
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.header("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    return JSON.readTree(r.body());
  }

  private static List<String> fieldNames(JsonNode n) {
    List<String> names = new ArrayList<>();
    Iterator<String> it = n.fieldNames();
    it.forEachRemaining(names::add);
    return names;
  }

  private static String hmacBase64(byte[] key, byte[] data) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return Base64.getEncoder().encodeToString(mac.doFinal(data));
  }

  // ---------------------------------------------------------------- WeCom

  @Test
  void shouldPostWeComMarkdownWithMaskedPersonalDataAndAMention() throws Exception {
    WeComNotifier wecom =
        new WeComNotifier(
            url("/cgi-bin/webhook/send?key=wecom-key-1"),
            templates(MessageLocale.ZH_CN),
            WeComNotifier.MsgType.MARKDOWN,
            new Mentions(List.of(), List.of(), true, false),
            http.options());

    DeliveryReceipt receipt = wecom.deliver(enriched);

    assertThat(receipt.attempts()).isEqualTo(1);
    assertThat(receiver.requests().get(0).queryParameter("key")).hasValue("wecom-key-1");
    JsonNode body = onlyBody();
    assertThat(fieldNames(body)).containsExactly("msgtype", "markdown");
    assertThat(body.get("msgtype").asText()).isEqualTo("markdown");
    assertThat(fieldNames(body.get("markdown"))).containsExactly("content");
    String content = body.get("markdown").get("content").asText();
    assertThat(content)
        .startsWith("<font color=\"warning\">**续保预警：高价值客户 · 代理人回访**</font>\n")
        .contains("> 保单：POL-1001\n")
        .contains("> 分支机构：SH-01\n")
        .contains("> 客户：张＊＊\n")
        .contains("> 电话：138＊＊＊＊1234\n")
        .contains("> 脱保风险：82%（极高）\n")
        .contains("> 处理截止：2026-06-12\n")
        .contains("**请代理人在 2026-06-12 前致电客户，了解续保顾虑。**")
        .contains("- 2 件投诉尚未解决\n")
        .contains("[查看详情](https://crm.example.com/cases/POL-1001?alert=al-ph-1001)")
        .contains("<@zhang.wei>")
        .endsWith("<font color=\"comment\">预警编号 al-ph-1001 · 模型 lr-v3</font>")
        .doesNotContain("13812341234")
        .doesNotContain("张三丰");
    assertThat(content.getBytes(StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(WeComNotifier.MARKDOWN_MAX_BYTES);
  }

  @Test
  void shouldCutWeComMarkdownReasonsOnACharacterBoundaryKeepingLinkAndFooter() throws Exception {
    Alert verbose = TestingAlerts.highValueCallback("PH-2002");
    verbose.reasons =
        IntStream.range(0, 200)
            .mapToObj(i -> new Reason("custom_" + i, i, 0.1, "客户多次表达对续保价格的不满，理由编号 " + i))
            .toArray(Reason[]::new);
    WeComNotifier wecom =
        new WeComNotifier(
            url("/send?key=k"),
            templates(MessageLocale.ZH_CN),
            WeComNotifier.MsgType.MARKDOWN,
            Mentions.NONE,
            http.options());

    wecom.deliver(EnrichedAlert.of(verbose));

    String content = onlyBody().get("markdown").get("content").asText();
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    assertThat(bytes.length).isLessThanOrEqualTo(4096).isGreaterThan(4000);
    // Valid UTF-8 all the way: decoding and re-encoding changes nothing.
    assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(content);
    assertThat(content)
        .contains("…")
        .contains("[查看详情](https://crm.example.com/cases/POL-2002?alert=al-ph-2002)")
        .endsWith("预警编号 al-ph-2002 · 模型 lr-v3</font>")
        .doesNotContain("理由编号 199");
  }

  @Test
  void shouldMentionMobilesAndEveryoneInWeComTextMessages() throws Exception {
    WeComNotifier wecom =
        new WeComNotifier(
            url("/send?key=k"),
            templates(MessageLocale.EN),
            WeComNotifier.MsgType.TEXT,
            new Mentions(List.of("li.na"), List.of("13700002222"), true, true),
            http.options());

    wecom.deliver(enriched);

    JsonNode body = onlyBody();
    assertThat(fieldNames(body)).containsExactly("msgtype", "text");
    assertThat(body.get("msgtype").asText()).isEqualTo("text");
    JsonNode text = body.get("text");
    assertThat(fieldNames(text))
        .containsExactly("content", "mentioned_list", "mentioned_mobile_list");
    assertThat(text.get("mentioned_list"))
        .extracting(JsonNode::asText)
        .containsExactly("li.na", "zhang.wei", "@all");
    assertThat(text.get("mentioned_mobile_list"))
        .extracting(JsonNode::asText)
        .containsExactly("13700002222", "13900001111");
    assertThat(text.get("content").asText())
        .startsWith("Agent callback · high-value policyholder at risk of lapse\n")
        .contains("Phone: 138****1234")
        .contains("Open the case: https://crm.example.com/cases/POL-1001?alert=al-ph-1001");
    assertThat(text.get("content").asText().getBytes(StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(WeComNotifier.TEXT_MAX_BYTES);
  }

  @Test
  void shouldRetryWeComRateLimitErrcodeAndFailOnAnInvalidKey() throws Exception {
    receiver.respondWith(
        Response.json("{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}"),
        Response.json("{\"errcode\":0,\"errmsg\":\"ok\"}"),
        Response.json("{\"errcode\":93000,\"errmsg\":\"invalid webhook url\"}"));
    WeComNotifier wecom =
        new WeComNotifier(
            url("/send?key=secret-key"),
            templates(MessageLocale.EN),
            WeComNotifier.MsgType.MARKDOWN,
            Mentions.NONE,
            http.options());

    assertThat(wecom.deliver(enriched).attempts()).isEqualTo(2);
    assertThat(http.sleeps).containsExactly(Duration.ofMillis(100));

    assertThatThrownBy(() -> wecom.deliver(enriched))
        .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.permanent()).isTrue())
        .hasMessageContaining("errcode 93000")
        .hasMessageNotContaining("secret-key");
  }

  @Test
  void shouldRefuseWeComMarkdownMobileMentionsAtConstruction() {
    assertThatThrownBy(
            () ->
                new WeComNotifier(
                    url("/send?key=k"),
                    templates(MessageLocale.EN),
                    WeComNotifier.MsgType.MARKDOWN,
                    new Mentions(List.of(), List.of("13700002222"), false, false),
                    http.options()))
        .hasMessageContaining("use msgtype text");
  }

  @Test
  void shouldFoldOverflowIntoAWeComDigestWithinTheSizeLimit() throws Exception {
    WeComNotifier wecom =
        new WeComNotifier(
            url("/send?key=k"),
            templates(MessageLocale.ZH_CN),
            WeComNotifier.MsgType.MARKDOWN,
            Mentions.NONE,
            http.options());
    List<EnrichedAlert> many =
        IntStream.range(0, 300)
            .mapToObj(i -> EnrichedAlert.of(TestingAlerts.standardOffer("PH-" + (5000 + i))))
            .toList();

    int capacity = wecom.digestCapacity(many);
    wecom.deliverDigest(many.subList(0, capacity));

    assertThat(capacity).isBetween(5, 299);
    String content = onlyBody().get("markdown").get("content").asText();
    assertThat(content.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4096);
    assertThat(content)
        .startsWith("**续保预警汇总：" + capacity + " 条（已达发送频率上限，合并发送）**")
        .contains("POL-5000 · 续保优惠（普通）· 风险 55% · 截止 2026-06-12")
        .contains("POL-" + (5000 + capacity - 1) + " ")
        .doesNotContain("POL-" + (5000 + capacity) + " ")
        .doesNotContain("…");
    // One more alert would not have fitted.
    assertThat(
            wecom
                .digestPayload(many.subList(0, capacity + 1))
                .get("markdown")
                .get("content")
                .asText()
                .getBytes(StandardCharsets.UTF_8)
                .length)
        .isGreaterThan(4096 - 1);
  }

  // ---------------------------------------------------------------- DingTalk

  @Test
  void shouldSignDingTalkRequestsAndMentionTheAgentByMobile() throws Exception {
    DingTalkNotifier dingtalk =
        new DingTalkNotifier(
            url("/robot/send?access_token=ding-token-1"),
            Optional.of(DINGTALK_SECRET),
            templates(MessageLocale.ZH_CN),
            DingTalkNotifier.Format.MARKDOWN,
            new Mentions(List.of(), List.of(), true, false),
            http.options());

    dingtalk.deliver(enriched);

    WebhookReceiver.Request r = receiver.requests().get(0);
    assertThat(r.queryParameter("access_token")).hasValue("ding-token-1");
    long ts = TestingHttp.NOW.toEpochMilli();
    assertThat(r.queryParameter("timestamp")).hasValue(Long.toString(ts));
    String expected =
        hmacBase64(
            DINGTALK_SECRET.getBytes(StandardCharsets.UTF_8),
            (ts + "\n" + DINGTALK_SECRET).getBytes(StandardCharsets.UTF_8));
    assertThat(r.queryParameter("sign")).hasValue(expected);
    // The raw query carries the signature URL-encoded (Base64 has +, / and =).
    assertThat(r.query()).contains("&sign=" + URLEncoder.encode(expected, StandardCharsets.UTF_8));

    JsonNode body = onlyBody();
    assertThat(fieldNames(body)).containsExactly("msgtype", "markdown", "at");
    assertThat(body.get("msgtype").asText()).isEqualTo("markdown");
    assertThat(fieldNames(body.get("markdown"))).containsExactly("title", "text");
    assertThat(body.get("markdown").get("title").asText()).isEqualTo("续保预警：高价值客户 · 代理人回访");
    assertThat(body.get("markdown").get("text").asText())
        .startsWith("#### 续保预警：高价值客户 · 代理人回访\n\n- **保单**：POL-1001\n")
        .contains("- **电话**：138＊＊＊＊1234\n")
        .contains("@13900001111")
        .contains("[查看详情](https://crm.example.com/cases/POL-1001?alert=al-ph-1001)")
        .doesNotContain("13812341234");
    assertThat(fieldNames(body.get("at"))).containsExactly("atMobiles", "isAtAll");
    assertThat(body.get("at").get("atMobiles"))
        .extracting(JsonNode::asText)
        .containsExactly("13900001111");
    assertThat(body.get("at").get("isAtAll").asBoolean()).isFalse();
  }

  @Test
  void shouldSendDingTalkActionCardsWithAButtonToTheCase() throws Exception {
    DingTalkNotifier dingtalk =
        new DingTalkNotifier(
            url("/robot/send?access_token=t"),
            Optional.empty(),
            templates(MessageLocale.EN),
            DingTalkNotifier.Format.ACTION_CARD,
            Mentions.NONE,
            http.options());

    dingtalk.deliver(enriched);

    WebhookReceiver.Request r = receiver.requests().get(0);
    assertThat(r.queryParameter("sign")).isEmpty();
    JsonNode body = onlyBody();
    assertThat(fieldNames(body)).containsExactly("msgtype", "actionCard");
    JsonNode card = body.get("actionCard");
    assertThat(fieldNames(card))
        .containsExactly("title", "text", "btnOrientation", "singleTitle", "singleURL");
    assertThat(card.get("singleTitle").asText()).isEqualTo("Open the case");
    assertThat(card.get("singleURL").asText())
        .isEqualTo("https://crm.example.com/cases/POL-1001?alert=al-ph-1001");
    assertThat(card.get("text").asText())
        .contains("**Agent: call the policyholder before 2026-06-12");
  }

  @Test
  void shouldTreatADingTalkSignatureFailureAsPermanent() {
    receiver.respondWith(Response.json("{\"errcode\":310000,\"errmsg\":\"sign not match\"}"));
    DingTalkNotifier dingtalk =
        new DingTalkNotifier(
            url("/robot/send?access_token=t"),
            Optional.of("wrong"),
            templates(MessageLocale.EN),
            DingTalkNotifier.Format.MARKDOWN,
            Mentions.NONE,
            http.options());

    assertThatThrownBy(() -> dingtalk.deliver(enriched))
        .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.permanent()).isTrue())
        .hasMessageContaining("errcode 310000")
        .hasMessageContaining("check the secret and clock");
    assertThat(receiver.requests()).hasSize(1);
  }

  // ---------------------------------------------------------------- Feishu

  @Test
  void shouldSignFeishuCardsInTheBody() throws Exception {
    FeishuNotifier feishu =
        new FeishuNotifier(
            url("/open-apis/bot/v2/hook/hook-id-1"),
            Optional.of(FEISHU_SECRET),
            templates(MessageLocale.ZH_CN),
            new Mentions(List.of("ou_abc"), List.of(), false, false),
            http.options());
    receiver.respondWith(Response.json("{\"code\":0,\"msg\":\"success\",\"data\":{}}"));

    feishu.deliver(enriched);

    JsonNode body = onlyBody();
    assertThat(fieldNames(body)).containsExactly("timestamp", "sign", "msg_type", "card");
    long ts = TestingHttp.NOW.getEpochSecond();
    assertThat(body.get("timestamp").isTextual()).isTrue();
    assertThat(body.get("timestamp").asText()).isEqualTo(Long.toString(ts));
    String expected =
        hmacBase64((ts + "\n" + FEISHU_SECRET).getBytes(StandardCharsets.UTF_8), new byte[0]);
    assertThat(body.get("sign").asText()).isEqualTo(expected);
    assertThat(body.get("msg_type").asText()).isEqualTo("interactive");
    JsonNode card = body.get("card");
    assertThat(fieldNames(card)).containsExactly("config", "header", "elements");
    assertThat(card.at("/header/template").asText()).isEqualTo("red");
    assertThat(card.at("/header/title/tag").asText()).isEqualTo("plain_text");
    assertThat(card.at("/header/title/content").asText()).isEqualTo("续保预警：高价值客户 · 代理人回访");
    List<String> tags = new ArrayList<>();
    card.get("elements").forEach(e -> tags.add(e.get("tag").asText()));
    assertThat(tags).containsExactly("div", "div", "div", "div", "action", "note");
    assertThat(card.at("/elements/0/fields/0/text/content").asText()).isEqualTo("**保单**\nPOL-1001");
    assertThat(card.at("/elements/0/fields/0/is_short").asBoolean()).isTrue();
    assertThat(card.at("/elements/3/text/content").asText()).isEqualTo("<at id=ou_abc></at>");
    assertThat(card.at("/elements/4/actions/0/url").asText())
        .isEqualTo("https://crm.example.com/cases/POL-1001?alert=al-ph-1001");
    assertThat(card.at("/elements/5/elements/0/content").asText())
        .isEqualTo("预警编号 al-ph-1001 · 模型 lr-v3");
    assertThat(body.toString()).doesNotContain("13812341234").doesNotContain("张三丰");
  }

  @Test
  void shouldRetryFeishuFrequencyLimitThenDeliver() throws Exception {
    receiver.respondWith(
        Response.json("{\"code\":11232,\"msg\":\"frequency limited\"}"),
        Response.json("{\"code\":0,\"msg\":\"success\"}"));
    FeishuNotifier feishu =
        new FeishuNotifier(
            url("/open-apis/bot/v2/hook/x"),
            Optional.empty(),
            templates(MessageLocale.EN),
            Mentions.NONE,
            http.options());

    assertThat(feishu.deliver(enriched).attempts()).isEqualTo(2);
    assertThat(http.sleeps).hasSize(1);
    // Unsigned bots get no timestamp or sign.
    assertThat(fieldNames(JSON.readTree(receiver.requests().get(0).body())))
        .containsExactly("msg_type", "card");
  }

  // ---------------------------------------------------------------- Slack

  @Test
  void shouldPostSlackBlocksAndHonourRetryAfter() throws Exception {
    receiver.respondWith(Response.tooManyRequests(2));
    SlackNotifier slack =
        new SlackNotifier(
            url("/services/T000/B000/slack-secret"), templates(MessageLocale.EN), http.options());

    assertThat(slack.deliver(enriched).attempts()).isEqualTo(2);

    assertThat(http.sleeps).containsExactly(Duration.ofSeconds(2));
    JsonNode body = JSON.readTree(receiver.requests().get(1).body());
    assertThat(fieldNames(body)).containsExactly("text", "blocks");
    assertThat(body.get("text").asText())
        .isEqualTo(
            "Agent callback · high-value policyholder at risk of lapse — Agent: call the"
                + " policyholder before 2026-06-12 and address their concerns.");
    List<String> types = new ArrayList<>();
    body.get("blocks").forEach(b -> types.add(b.get("type").asText()));
    assertThat(types)
        .containsExactly("header", "section", "section", "section", "actions", "context");
    assertThat(body.at("/blocks/0/text/type").asText()).isEqualTo("plain_text");
    JsonNode fields = body.at("/blocks/1/fields");
    assertThat(fields.size()).isLessThanOrEqualTo(10);
    assertThat(fields.get(0).get("type").asText()).isEqualTo("mrkdwn");
    assertThat(fields.get(0).get("text").asText()).isEqualTo("*Policy*\nPOL-1001");
    assertThat(body.at("/blocks/3/text/text").asText())
        .isEqualTo(
            "*Why*\n• 2 unresolved complaints, oldest 21 days\n• missed a premium in the last 90"
                + " days");
    assertThat(body.at("/blocks/4/elements/0/url").asText())
        .isEqualTo("https://crm.example.com/cases/POL-1001?alert=al-ph-1001");
    assertThat(body.toString()).doesNotContain("13812341234");
  }

  @Test
  void shouldSplitASlackDigestIntoSectionsUnderTheBlockLimit() throws Exception {
    SlackNotifier slack =
        new SlackNotifier(url("/services/x"), templates(MessageLocale.EN), http.options());
    List<EnrichedAlert> many =
        IntStream.range(0, 1500)
            .mapToObj(i -> EnrichedAlert.of(TestingAlerts.standardOffer("PH-" + (10000 + i))))
            .toList();

    int capacity = slack.digestCapacity(many);
    slack.deliverDigest(many.subList(0, capacity));

    assertThat(capacity).isBetween(100, 1499);
    JsonNode body = onlyBody();
    assertThat(body.get("blocks").size()).isLessThanOrEqualTo(50);
    body.get("blocks")
        .forEach(
            b -> {
              if (b.get("type").asText().equals("section")) {
                assertThat(b.at("/text/text").asText().length()).isLessThanOrEqualTo(3000);
              }
            });
    assertThat(body.toString()).contains("POL-10000").contains("POL-" + (10000 + capacity - 1));
  }

  // ---------------------------------------------------------------- Teams

  @Test
  void shouldPostAnAdaptiveCardInTheWorkflowsEnvelope() throws Exception {
    receiver.respondWith(new Response(202, Map.of(), ""));
    TeamsNotifier teams =
        new TeamsNotifier(
            url("/workflows/abc/triggers/manual/paths/invoke?sig=teams-sig"),
            templates(MessageLocale.EN),
            http.options());

    teams.deliver(enriched);

    JsonNode body = onlyBody();
    assertThat(fieldNames(body)).containsExactly("type", "attachments");
    assertThat(body.get("type").asText()).isEqualTo("message");
    assertThat(body.get("attachments").size()).isEqualTo(1);
    JsonNode attachment = body.get("attachments").get(0);
    assertThat(fieldNames(attachment)).containsExactly("contentType", "contentUrl", "content");
    assertThat(attachment.get("contentType").asText())
        .isEqualTo("application/vnd.microsoft.card.adaptive");
    assertThat(attachment.get("contentUrl").isNull()).isTrue();
    JsonNode card = attachment.get("content");
    assertThat(card.get("type").asText()).isEqualTo("AdaptiveCard");
    assertThat(card.get("version").asText()).isEqualTo("1.2");
    assertThat(card.at("/body/0/type").asText()).isEqualTo("TextBlock");
    assertThat(card.at("/body/0/text").asText())
        .isEqualTo("Agent callback · high-value policyholder at risk of lapse");
    assertThat(card.at("/body/0/color").asText()).isEqualTo("Attention");
    assertThat(card.at("/body/1/type").asText()).isEqualTo("FactSet");
    assertThat(card.at("/body/1/facts/0/title").asText()).isEqualTo("Policy");
    assertThat(card.at("/body/1/facts/0/value").asText()).isEqualTo("POL-1001");
    assertThat(card.at("/actions/0/type").asText()).isEqualTo("Action.OpenUrl");
    assertThat(card.at("/actions/0/url").asText())
        .isEqualTo("https://crm.example.com/cases/POL-1001?alert=al-ph-1001");
    assertThat(body.toString()).doesNotContain("13812341234").doesNotContain("张三丰");
  }

  @Test
  void shouldNameOnlySchemeHostAndPortWhenTeamsRefuses() {
    receiver.respondWith(Response.status(400));
    TeamsNotifier teams =
        new TeamsNotifier(
            url("/workflows/abc/invoke?sig=teams-sig"),
            templates(MessageLocale.EN),
            http.options());

    assertThatThrownBy(() -> teams.deliver(enriched))
        .isInstanceOf(DeliveryException.class)
        .hasMessageContaining("HTTP 400")
        .hasMessageContaining("http://127.0.0.1:")
        .hasMessageNotContaining("teams-sig")
        .hasMessageNotContaining("/workflows");
  }
}
