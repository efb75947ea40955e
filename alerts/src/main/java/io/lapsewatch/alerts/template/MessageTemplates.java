package io.lapsewatch.alerts.template;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.Arm;
import io.lapsewatch.alertcontract.Reason;
import io.lapsewatch.alertcontract.RetentionAction;
import io.lapsewatch.alertcontract.RiskBand;
import io.lapsewatch.alertcontract.Tier;
import io.lapsewatch.alertcontract.policy.ZhReasons;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts alerts into the words of the retention team, in Simplified Chinese or English: what to do,
 * by when, for which policy, how risky and why, with a link to the case when a link template is
 * configured. Personal data among the alert's attributes is masked unless masking is switched off;
 * free text is always scrubbed ({@link Scrubber}).
 */
public final class MessageTemplates {
  /** Placeholders a link template may use. */
  public static final Set<String> LINK_PLACEHOLDERS =
      Set.of("alertId", "policyId", "policyholderId", "agentId");

  /** Attributes shown in messages (masked as personal data where they are). */
  public static final List<String> SHOWN_ATTRIBUTES =
      List.of("branch", "region", "policyholderName", "policyholderPhone");

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");

  private final MessageLocale locale;
  private final boolean maskPersonalData;
  private final Optional<String> linkTemplate;

  /**
   * @param linkTemplate e.g. {@code https://crm.example.com/cases/{policyId}?alert={alertId}}
   * @throws IllegalArgumentException when the link template is not http(s) or names an unknown
   *     placeholder
   */
  public MessageTemplates(
      MessageLocale locale, boolean maskPersonalData, Optional<String> linkTemplate) {
    this.locale = locale;
    this.maskPersonalData = maskPersonalData;
    this.linkTemplate = linkTemplate;
    linkTemplate.ifPresent(MessageTemplates::validateLinkTemplate);
  }

  /** Masked, English, no links: what the console and tests use. */
  public static MessageTemplates english() {
    return new MessageTemplates(MessageLocale.EN, true, Optional.empty());
  }

  public MessageLocale locale() {
    return locale;
  }

  /** True when messages carry a link to the case. */
  public boolean hasLinkTemplate() {
    return linkTemplate.isPresent();
  }

  /** Checks a link template; the message names the bad placeholder. */
  public static void validateLinkTemplate(String template) {
    if (!(template.startsWith("https://") || template.startsWith("http://"))) {
      throw new IllegalArgumentException(
          "link template must start with http:// or https://, was '" + template + "'");
    }
    Matcher m = PLACEHOLDER.matcher(template);
    while (m.find()) {
      if (!LINK_PLACEHOLDERS.contains(m.group(1))) {
        throw new IllegalArgumentException(
            "link template has unknown placeholder {"
                + m.group(1)
                + "}; known: "
                + LINK_PLACEHOLDERS.stream().sorted().map(p -> "{" + p + "}").toList());
      }
    }
  }

  /** The link to the alert's case, if a template is configured. */
  public Optional<String> link(Alert a) {
    return linkTemplate.map(
        t -> {
          Map<String, String> values = new LinkedHashMap<>();
          values.put("alertId", a.alertId);
          values.put("policyId", a.policyId);
          values.put("policyholderId", a.policyholderId);
          values.put("agentId", a.agentId);
          Matcher m = PLACEHOLDER.matcher(t);
          StringBuilder out = new StringBuilder();
          while (m.find()) {
            String v = values.get(m.group(1));
            m.appendReplacement(
                out,
                Matcher.quoteReplacement(
                    v == null ? "" : URLEncoder.encode(v, StandardCharsets.UTF_8)));
          }
          m.appendTail(out);
          return out.toString();
        });
  }

  /** The alert as a message; {@code attributes} may carry branch, region and personal data. */
  public Message render(Alert a, Map<String, String> attributes) {
    return render(a, attributes, Optional.empty());
  }

  /**
   * The alert as a message carrying {@code caseLink}, the signed link to its case on the retention
   * desk, in place of the link template's link: the desk is where the agent records the result. The
   * link is taken as it is, never scrubbed: its case id and token are digits and letters that the
   * phone and name patterns could otherwise mangle.
   */
  public Message render(Alert a, Map<String, String> attributes, Optional<URI> caseLink) {
    boolean zh = locale == MessageLocale.ZH_CN;
    // Every free-text value (reasons, model version, branch, region) passes this once, here.
    Scrubber scrubber = Scrubber.forAttributes(attributes);
    List<Message.Fact> facts = new ArrayList<>();
    facts.add(new Message.Fact(zh ? "保单" : "Policy", a.policyId));
    if (a.agentId != null && !a.agentId.isBlank()) {
      facts.add(new Message.Fact(zh ? "代理人" : "Agent", a.agentId));
    }
    for (String key : SHOWN_ATTRIBUTES) {
      String v = attributes.get(key);
      if (v != null && !v.isBlank()) {
        facts.add(new Message.Fact(attributeLabel(key, zh), shown(key, v, scrubber)));
      }
    }
    facts.add(
        new Message.Fact(
            zh ? "脱保风险" : "Lapse risk",
            String.format(Locale.ROOT, "%.0f%%", a.score * 100)
                + (zh
                    ? "（" + band(a.riskBand, true) + "）"
                    : " (" + band(a.riskBand, false) + ")")));
    facts.add(
        new Message.Fact(
            zh ? "年缴保费" : "Annual premium", String.format(Locale.ROOT, "%,.0f", a.annualPremium)));
    LocalDate renewal = LocalDate.ofEpochDay(a.renewalDate);
    facts.add(
        new Message.Fact(
            zh ? "续保日期" : "Renewal",
            zh
                ? renewal + "（" + a.daysToRenewal + " 天后）"
                : renewal
                    + " (in "
                    + a.daysToRenewal
                    + (a.daysToRenewal == 1 ? " day)" : " days)")));
    LocalDate deadline = LocalDate.ofEpochDay(a.deadline);
    facts.add(new Message.Fact(zh ? "处理截止" : "Act by", deadline.toString()));
    if (a.featureAgeSeconds != null) {
      // How old the evidence is: "no app use lately" reads differently 2 or 40 days on.
      long days = a.featureAgeSeconds / 86_400;
      facts.add(
          new Message.Fact(
              zh ? "数据截至" : "Newest event",
              zh
                  ? (days == 0 ? "预警当天" : "预警前 " + days + " 天")
                  : (days == 0
                      ? "the alert's own day"
                      : days + (days == 1 ? " day" : " days") + " before the alert")));
    }

    String title = title(a, zh);
    String cta = callToAction(a, deadline, zh);
    List<String> reasons = new ArrayList<>();
    if (a.reasons != null) {
      for (Reason r : a.reasons) {
        reasons.add(scrubber.scrub(zh ? ZhReasons.describe(r) : enReason(r)));
      }
    }
    if (reasons.isEmpty()) {
      reasons.add(zh ? "（未提供原因）" : "(no reasons given)");
    }
    String model = scrubber.scrub(a.modelVersion);
    String footer =
        zh ? "预警编号 " + a.alertId + " · 模型 " + model : "Alert " + a.alertId + " · model " + model;
    boolean urgent = a.tier == Tier.HIGH_VALUE || a.riskBand == RiskBand.CRITICAL;
    return new Message(
        title,
        urgent,
        facts,
        cta,
        zh ? "原因" : "Why",
        reasons,
        caseLink.map(URI::toString).or(() -> link(a)),
        caseLink.isPresent() ? caseLinkLabel() : (zh ? "查看详情" : "Open the case"),
        footer);
  }

  /** The text of the button or link that opens a case on the retention desk. */
  public String caseLinkLabel() {
    return locale == MessageLocale.ZH_CN ? "查看并记录结果" : "Open case";
  }

  /**
   * Alerts folded into one message after a rate limit was reached; one short line per alert,
   * without personal data.
   */
  public DigestMessage digest(List<Alert> alerts) {
    return digest(alerts, alerts.stream().map(a -> Optional.<URI>empty()).toList());
  }

  /**
   * {@link #digest(List)} with each alert's case link (same order; empty where an alert has none)
   * in place of the link template's.
   */
  public DigestMessage digest(List<Alert> alerts, List<Optional<URI>> caseLinks) {
    if (caseLinks.size() != alerts.size()) {
      throw new IllegalArgumentException(
          "a digest needs one case link entry per alert, had "
              + caseLinks.size()
              + " for "
              + alerts.size()
              + " alerts");
    }
    boolean zh = locale == MessageLocale.ZH_CN;
    List<String> lines = new ArrayList<>();
    List<String> links = new ArrayList<>();
    for (int i = 0; i < alerts.size(); i++) {
      Alert a = alerts.get(i);
      String risk = String.format(Locale.ROOT, "%.0f%%", a.score * 100);
      LocalDate deadline = LocalDate.ofEpochDay(a.deadline);
      lines.add(
          zh
              ? a.policyId
                  + " · "
                  + action(a.action, true)
                  + "（"
                  + tier(a.tier, true)
                  + "）· 风险 "
                  + risk
                  + " · 截止 "
                  + deadline
              : a.policyId
                  + " · "
                  + action(a.action, false).toLowerCase(Locale.ROOT)
                  + " ("
                  + tier(a.tier, false)
                  + ") · risk "
                  + risk
                  + " · act by "
                  + deadline);
      links.add(caseLinks.get(i).map(URI::toString).or(() -> link(a)).orElse(""));
    }
    int n = alerts.size();
    String title =
        zh
            ? "续保预警汇总：" + n + " 条（已达发送频率上限，合并发送）"
            : n
                + (n == 1 ? " retention alert" : " retention alerts")
                + " (rate limit reached, folded)";
    String footer =
        zh ? "每条预警的详情见链接或预警系统。" : "Details of each alert are behind its link or in LapseWatch.";
    return new DigestMessage(title, lines, links, footer);
  }

  /**
   * A personal attribute masked by its kind (unless masking is off); any other attribute is free
   * text and scrubbed.
   */
  private String shown(String key, String value, Scrubber scrubber) {
    if (PersonalData.Kind.ofAttribute(key) == PersonalData.Kind.NONE) {
      return scrubber.scrub(value);
    }
    return maskPersonalData ? PersonalData.maskAttribute(key, value) : value;
  }

  private static String attributeLabel(String key, boolean zh) {
    switch (key) {
      case "branch":
        return zh ? "分支机构" : "Branch";
      case "region":
        return zh ? "区域" : "Region";
      case "policyholderName":
        return zh ? "客户" : "Policyholder";
      case "policyholderPhone":
        return zh ? "电话" : "Phone";
      default:
        return key;
    }
  }

  private static String title(Alert a, boolean zh) {
    String t =
        zh
            ? "续保预警：" + tier(a.tier, true) + "客户 · " + action(a.action, true)
            : action(a.action, false)
                + " · "
                + tier(a.tier, false)
                + " policyholder at risk of lapse";
    if (a.arm == Arm.HOLDOUT) {
      t += zh ? "（对照组：仅跟踪，请勿联系）" : " (HOLDOUT: track only, do not contact)";
    }
    return t;
  }

  private static String callToAction(Alert a, LocalDate deadline, boolean zh) {
    if (a.action == RetentionAction.AGENT_CALLBACK) {
      return zh
          ? "请代理人在 " + deadline + " 前致电客户，了解续保顾虑。"
          : "Agent: call the policyholder before " + deadline + " and address their concerns.";
    }
    return zh
        ? "请在 " + deadline + " 前向客户发送续保优惠。"
        : "Send the renewal offer before " + deadline + ".";
  }

  static String action(RetentionAction action, boolean zh) {
    if (action == RetentionAction.AGENT_CALLBACK) {
      return zh ? "代理人回访" : "Agent callback";
    }
    return zh ? "续保优惠" : "Renewal offer";
  }

  static String tier(Tier tier, boolean zh) {
    if (tier == Tier.HIGH_VALUE) {
      return zh ? "高价值" : "high-value";
    }
    return zh ? "普通" : "standard";
  }

  static String band(RiskBand band, boolean zh) {
    if (band == null) {
      return zh ? "未知" : "unknown";
    }
    switch (band) {
      case CRITICAL:
        return zh ? "极高" : "critical";
      case HIGH:
        return zh ? "高" : "high";
      case MEDIUM:
        return zh ? "中" : "medium";
      default:
        return zh ? "低" : "low";
    }
  }

  private static String enReason(Reason r) {
    if (r.text != null && !r.text.isBlank()) {
      return r.text;
    }
    return r.feature == null ? "" : r.feature.replace('_', ' ');
  }
}
