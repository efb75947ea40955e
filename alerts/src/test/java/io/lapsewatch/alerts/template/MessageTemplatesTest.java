package io.lapsewatch.alerts.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.Reason;
import io.lapsewatch.alertcontract.TestingAlerts;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MessageTemplatesTest {
  private static final Map<String, String> PERSONAL =
      Map.of("policyholderName", "张三", "policyholderPhone", "13812341234", "region", "华东");

  @Test
  void shouldRenderAnEnglishCallbackWithDeadlineReasonsAndLink() {
    MessageTemplates t =
        new MessageTemplates(
            MessageLocale.EN,
            true,
            Optional.of("https://crm.example.com/c/{policyId}?a={alertId}&ph={policyholderId}"));

    Message m = t.render(TestingAlerts.highValueCallback("PH-1001"), Map.of());

    assertThat(m.title()).isEqualTo("Agent callback · high-value policyholder at risk of lapse");
    assertThat(m.urgent()).isTrue();
    assertThat(m.facts())
        .containsExactly(
            new Message.Fact("Policy", "POL-1001"),
            new Message.Fact("Agent", "AG-17"),
            new Message.Fact("Lapse risk", "82% (critical)"),
            new Message.Fact("Annual premium", "7,200"),
            new Message.Fact("Renewal", "2026-06-19 (in 30 days)"),
            new Message.Fact("Act by", "2026-06-12"));
    assertThat(m.callToAction())
        .isEqualTo("Agent: call the policyholder before 2026-06-12 and address their concerns.");
    assertThat(m.reasons())
        .containsExactly(
            "2 unresolved complaints, oldest 21 days", "missed a premium in the last 90 days");
    assertThat(m.link()).hasValue("https://crm.example.com/c/POL-1001?a=al-ph-1001&ph=PH-1001");
    assertThat(m.footer()).isEqualTo("Alert al-ph-1001 · model lr-v3");
  }

  @Test
  void shouldSayHowOldTheNewestEventWasOnlyWhenTheAlertKnows() {
    Alert aged = TestingAlerts.highValueCallback("PH-1002");
    aged.featureAgeSeconds = 9 * 86_400L + 600;

    assertThat(
            new MessageTemplates(MessageLocale.EN, true, Optional.empty())
                .render(aged, Map.of())
                .facts())
        .endsWith(new Message.Fact("Newest event", "9 days before the alert"));
    assertThat(
            new MessageTemplates(MessageLocale.ZH_CN, true, Optional.empty())
                .render(aged, Map.of())
                .facts())
        .endsWith(new Message.Fact("数据截至", "预警前 9 天"));
    assertThat(
            new MessageTemplates(MessageLocale.EN, true, Optional.empty())
                .render(TestingAlerts.highValueCallback("PH-1003"), Map.of())
                .facts())
        .extracting(Message.Fact::label)
        .doesNotContain("Newest event");
  }

  @Test
  void shouldRenderSimplifiedChineseWithReasonsFromTheFeatures() {
    MessageTemplates t = new MessageTemplates(MessageLocale.ZH_CN, true, Optional.empty());
    Alert a = TestingAlerts.standardOffer("PH-2002");
    a.reasons =
        new Reason[] {
          new Reason("open_complaints", 2, 0.9, "2 unresolved complaints, oldest 21 days"),
          new Reason("orphaned", 1, 0.5, "agent has left the company"),
          new Reason("renewal_price_change", 18, 0.4, "premium +18% at renewal"),
          new Reason("something_new", 3, 0.1, "a brand new signal")
        };

    Message m = t.render(a, Map.of());

    assertThat(m.title()).isEqualTo("续保预警：普通客户 · 续保优惠");
    assertThat(m.urgent()).isFalse();
    assertThat(m.callToAction()).isEqualTo("请在 2026-06-12 前向客户发送续保优惠。");
    assertThat(m.facts()).contains(new Message.Fact("续保日期", "2026-06-19（30 天后）"));
    assertThat(m.reasons())
        .containsExactly("2 件投诉尚未解决", "原代理人已离职（孤儿保单）", "续保报价保费变化 +18%", "a brand new signal");
    assertThat(m.link()).isEmpty();
    assertThat(m.linkLabel()).isEqualTo("查看详情");
  }

  @Test
  void shouldMaskPersonalAttributesUnlessMaskingIsOff() {
    Alert a = TestingAlerts.standardOffer("PH-3003");

    Message masked =
        new MessageTemplates(MessageLocale.ZH_CN, true, Optional.empty()).render(a, PERSONAL);
    Message clear =
        new MessageTemplates(MessageLocale.ZH_CN, false, Optional.empty()).render(a, PERSONAL);

    assertThat(masked.facts())
        .contains(
            new Message.Fact("客户", "张*"),
            new Message.Fact("电话", "138****1234"),
            new Message.Fact("区域", "华东"));
    assertThat(masked.toString()).doesNotContain("13812341234").doesNotContain("张三");
    assertThat(clear.facts())
        .contains(new Message.Fact("客户", "张三"), new Message.Fact("电话", "13812341234"));
  }

  @Test
  void shouldScrubReasonsBranchRegionAndModelVersionOnceWhetherOrNotMaskingIsOn() {
    Alert a = TestingAlerts.standardOffer("PH-3004");
    a.modelVersion = "lr-v3 13812345678";
    a.reasons =
        new Reason[] {
          new Reason("open_complaints", 2, 0.9, "2 unresolved complaints, oldest 21 days"),
          new Reason("agent_note", 1, 0.3, "张三 asks for a call on 138-1234-5678"),
          new Reason("", 1, 0.3, "renewal 2026-06-19, premium 12,345.67, risk 43.9%")
        };
    Map<String, String> attributes =
        Map.of(
            "policyholderName", "张三",
            "branch", "SH-01 (+86 21 5555 1234)",
            "region", "east 020 7946 0958");

    for (boolean mask : new boolean[] {true, false}) {
      for (MessageLocale locale : MessageLocale.values()) {
        Message m = new MessageTemplates(locale, mask, Optional.empty()).render(a, attributes);

        assertThat(m.reasons())
            .contains(
                "张* asks for a call on 138****5678",
                "renewal 2026-06-19, premium 12,345.67, risk 43.9%");
        assertThat(m.facts())
            .extracting(Message.Fact::value)
            .contains("SH-01 (+86 ******1234)", "east *******0958");
        assertThat(m.footer()).endsWith(" lr-v3 138****5678");
        assertThat(m.toString()).doesNotContain("1234-5678").doesNotContain("7946");
        if (mask) {
          assertThat(m.toString()).doesNotContain("张三");
        } else {
          // Masking off shows the name as a fact; the reason still carries it masked.
          assertThat(m.facts())
              .contains(new Message.Fact(locale == MessageLocale.EN ? "Policyholder" : "客户", "张三"));
        }
      }
    }
  }

  @Test
  void shouldMarkHoldoutAlertsAsDoNotContact() {
    Message m = MessageTemplates.english().render(TestingAlerts.holdoutOffer("PH-4004"), Map.of());

    assertThat(m.title()).endsWith("(HOLDOUT: track only, do not contact)");
  }

  @Test
  void shouldUrlEncodePlaceholderValuesInLinks() {
    Alert a = TestingAlerts.standardOffer("PH-5005");
    a.policyId = "POL 5/5&x";
    MessageTemplates t =
        new MessageTemplates(MessageLocale.EN, true, Optional.of("https://crm/c/{policyId}"));

    assertThat(t.link(a)).hasValue("https://crm/c/POL+5%2F5%26x");
  }

  @Test
  void shouldRejectALinkTemplateWithAnUnknownPlaceholder() {
    assertThatThrownBy(
            () ->
                new MessageTemplates(MessageLocale.EN, true, Optional.of("https://crm/c/{phone}")))
        .hasMessageContaining("unknown placeholder {phone}");
    assertThatThrownBy(
            () -> new MessageTemplates(MessageLocale.EN, true, Optional.of("javascript:alert(1)")))
        .hasMessageContaining("must start with http:// or https://");
  }

  @Test
  void shouldWriteOneShortLinePerAlertInADigest() {
    DigestMessage d =
        new MessageTemplates(MessageLocale.EN, true, Optional.empty())
            .digest(
                List.of(
                    TestingAlerts.highValueCallback("PH-1"), TestingAlerts.standardOffer("PH-2")));

    assertThat(d.title()).isEqualTo("2 retention alerts (rate limit reached, folded)");
    assertThat(d.lines())
        .containsExactly(
            "POL-1 · agent callback (high-value) · risk 82% · act by 2026-06-12",
            "POL-2 · renewal offer (standard) · risk 55% · act by 2026-06-12");
    assertThat(d.links()).containsExactly("", "");
  }

  @Test
  void shouldParseLocaleTags() {
    assertThat(MessageLocale.parse("zh-CN")).isEqualTo(MessageLocale.ZH_CN);
    assertThat(MessageLocale.parse("zh_cn")).isEqualTo(MessageLocale.ZH_CN);
    assertThat(MessageLocale.parse("en-GB")).isEqualTo(MessageLocale.EN);
    assertThatThrownBy(() -> MessageLocale.parse("fr"))
        .hasMessage("unknown locale 'fr'; expected one of zh-CN, en");
  }

  private static final URI CASE =
      URI.create("https://desk.insurer.example/desk/cases/case-0a1b?t=1781308800.sig-_x");

  @Test
  void shouldPutTheCaseLinkInPlaceOfTheLinkTemplatesWithTheLocalesLabel() {
    Alert a = TestingAlerts.highValueCallback("PH-1001");
    Optional<String> crm = Optional.of("https://crm.example.com/cases/{policyId}");

    Message zh =
        new MessageTemplates(MessageLocale.ZH_CN, true, crm).render(a, PERSONAL, Optional.of(CASE));
    Message en =
        new MessageTemplates(MessageLocale.EN, true, crm).render(a, PERSONAL, Optional.of(CASE));
    Message without = new MessageTemplates(MessageLocale.EN, true, crm).render(a, PERSONAL);

    assertThat(zh.link()).contains(CASE.toString());
    assertThat(zh.linkLabel()).isEqualTo("查看并记录结果");
    assertThat(en.link()).contains(CASE.toString());
    assertThat(en.linkLabel()).isEqualTo("Open case");
    assertThat(without.link()).contains("https://crm.example.com/cases/POL-1001");
    assertThat(without.linkLabel()).isEqualTo("Open the case");
    assertThat(
            new MessageTemplates(MessageLocale.EN, true, crm).render(a, PERSONAL, Optional.empty()))
        .isEqualTo(without);
  }

  @Test
  void shouldLinkEachDigestLineToItsOwnCaseAndRefuseMismatchedLinks() {
    MessageTemplates t = MessageTemplates.english();
    List<Alert> alerts =
        List.of(TestingAlerts.highValueCallback("PH-1"), TestingAlerts.standardOffer("PH-2"));

    DigestMessage d = t.digest(alerts, List.of(Optional.of(CASE), Optional.empty()));

    assertThat(d.links()).containsExactly(CASE.toString(), "");
    assertThat(t.digest(alerts))
        .isEqualTo(t.digest(alerts, List.of(Optional.empty(), Optional.empty())));
    assertThatThrownBy(() -> t.digest(alerts, List.of(Optional.of(CASE))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("had 1 for 2 alerts");
  }
}
