package io.lapsewatch.retentiondesk.web;

import io.lapsewatch.alertcontract.Reason;
import io.lapsewatch.alertcontract.policy.ZhReasons;
import io.lapsewatch.retentiondesk.CaseBrief;
import io.lapsewatch.retentiondesk.CaseEventJson;
import io.lapsewatch.retentiondesk.CaseEventKind;
import io.lapsewatch.retentiondesk.CaseHistoryEntry;
import io.lapsewatch.retentiondesk.ResultKind;
import io.lapsewatch.retentiondesk.RetentionCase;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Renders the case page: the case with personal data masked, its reasons with a talking point each,
 * its history, and (while the case is unfinished) the result form. Pure: everything it shows comes
 * in as arguments, and every value goes through {@link Html#escape}.
 */
public final class CasePageView {
  private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  private static final DateTimeFormatter FIELD = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

  private final ZoneId zone;

  /**
   * @param zone the zone times are shown and entered in
   */
  public CasePageView(ZoneId zone) {
    this.zone = zone;
  }

  /** What the result form carries besides the agent's input. */
  public record FormTokens(String linkToken, String formToken, String requestId) {}

  /**
   * The page for {@code c} as of {@code now}.
   *
   * @param form the hidden fields of the result form (always needed: the language links carry the
   *     link token)
   * @param recorded true right after a result was recorded (shows a notice)
   */
  public String render(RetentionCase c, Lang lang, Instant now, FormTokens form, boolean recorded) {
    StringBuilder b = new StringBuilder(8192);
    b.append("<main>");
    languageLinks(b, c, lang, form.linkToken());
    if (recorded) {
      b.append("<p class=\"notice\">")
          .append(Html.escape(lang.pick("结果已记录，谢谢。", "Result recorded. Thank you.")))
          .append("</p>");
    }
    b.append("<section class=\"card\"><h1>")
        .append(Html.escape(CaseWords.action(c.action(), lang)));
    if (c.isOverdue(now)) {
      b.append(" <span class=\"badge overdue\">")
          .append(Html.escape(lang.pick("已逾期", "overdue")))
          .append("</span>");
    }
    if (c.isFinished()) {
      b.append(" <span class=\"badge closed\">")
          .append(Html.escape(CaseWords.status(c.status(), lang)))
          .append("</span>");
    }
    b.append("</h1><dl class=\"facts\">");
    fact(b, lang.pick("客户", "Policyholder"), c.maskedPolicyholderId());
    fact(b, lang.pick("保单", "Policy"), RetentionCase.mask(c.policyId()));
    CaseBrief brief = c.brief();
    if (brief != null) {
      fact(b, lang.pick("客户等级", "Tier"), CaseWords.tier(brief.tier(), lang));
      fact(b, lang.pick("流失风险", "Lapse risk"), CaseWords.band(brief.riskBand(), lang));
      fact(
          b,
          lang.pick("年缴保费", "Annual premium"),
          String.format(Locale.ROOT, "%,.0f", brief.annualPremium()));
      if (brief.featureAgeSeconds() != null) {
        fact(b, lang.pick("数据时效", "Feature age"), featureAge(brief.featureAgeSeconds(), lang));
      }
    }
    fact(b, lang.pick("截止时间", "Deadline"), shown(c.deadline()));
    fact(b, lang.pick("状态", "Status"), status(c, lang));
    if (c.nextAttemptAt() != null && !c.isFinished()) {
      fact(b, lang.pick("下次联系", "Next attempt"), shown(c.nextAttemptAt()));
    }
    fact(b, lang.pick("负责人", "Owner"), c.owner());
    if (!c.escalations().isEmpty()) {
      fact(b, lang.pick("升级", "Escalation"), escalationChain(c, lang));
    }
    b.append("</dl><p><small>")
        .append(Html.escape(lang.pick("时区：", "Time zone: ") + zone.getId()))
        .append("</small></p></section>");
    if (brief != null && !brief.reasons().isEmpty()) {
      reasons(b, brief, lang);
    }
    if (!c.isFinished()) {
      form(b, c, lang, now, form);
    }
    history(b, c, lang);
    b.append("</main>");
    return Html.page(lang, CaseWords.action(c.action(), lang), b.toString());
  }

  private void languageLinks(StringBuilder b, RetentionCase c, Lang lang, String linkToken) {
    b.append("<nav class=\"lang\">");
    for (Lang l : Lang.values()) {
      String label = l == Lang.ZH_CN ? "中文" : "English";
      if (l == lang) {
        b.append("<strong>").append(label).append("</strong> ");
      } else {
        b.append("<a href=\"")
            .append(Html.escape(url(c.caseId(), linkToken, l)))
            .append("\" hreflang=\"")
            .append(l.tag())
            .append("\">")
            .append(label)
            .append("</a> ");
      }
    }
    b.append("</nav>");
  }

  /** The page's own address with {@code lang}: what language links and redirects point to. */
  public static String url(String caseId, String linkToken, Lang lang) {
    return "/desk/cases/"
        + URLEncoder.encode(caseId, StandardCharsets.UTF_8)
        + "?t="
        + URLEncoder.encode(linkToken, StandardCharsets.UTF_8)
        + "&"
        + Lang.PARAM
        + "="
        + lang.tag();
  }

  /**
   * How old the evidence behind the alert was, in whole days: an agent calling about "no app use
   * lately" should know whether lately means yesterday or two months ago.
   */
  static String featureAge(long seconds, Lang lang) {
    long days = seconds / 86_400;
    if (days == 0) {
      return lang.pick("特征来自预警当天的事件", "features from events of the alert's own day");
    }
    return lang.pick(
        "特征来自预警前 " + days + " 天及更早的事件",
        "features from events up to "
            + days
            + (days == 1 ? " day" : " days")
            + " before the alert");
  }

  private static String status(RetentionCase c, Lang lang) {
    String s = CaseWords.status(c.status(), lang);
    return c.resolution() == null ? s : s + " · " + CaseWords.resolution(c.resolution(), lang);
  }

  private static void reasons(StringBuilder b, CaseBrief brief, Lang lang) {
    b.append("<section class=\"card\"><h2>")
        .append(Html.escape(lang.pick("预警原因与沟通建议", "Why this case, and what to say")))
        .append("</h2><ul class=\"reasons\">");
    for (Reason r : brief.reasons()) {
      String text = lang == Lang.ZH_CN ? ZhReasons.describe(r) : english(r);
      b.append("<li>")
          .append(Html.escape(text))
          .append("<span class=\"talking-point\">")
          .append(Html.escape(TalkingPoints.forFeature(r.feature).in(lang)))
          .append("</span></li>");
    }
    b.append("</ul></section>");
  }

  private static String english(Reason r) {
    if (r.text != null && !r.text.isBlank()) {
      return r.text;
    }
    return r.feature == null ? "" : r.feature.replace('_', ' ');
  }

  private void form(StringBuilder b, RetentionCase c, Lang lang, Instant now, FormTokens form) {
    b.append("<section class=\"card\"><h2>")
        .append(Html.escape(lang.pick("记录联系结果", "Record the result")))
        .append("</h2><form class=\"result\" method=\"post\" action=\"")
        .append(Html.escape("/desk/cases/" + URLEncoder.encode(c.caseId(), StandardCharsets.UTF_8)))
        .append("\">");
    hidden(b, CasePages.LINK_TOKEN, form.linkToken());
    hidden(b, FormGuard.FIELD, form.formToken());
    hidden(b, ResultForm.REQUEST_ID, form.requestId());
    hidden(b, Lang.PARAM, lang.tag());
    b.append("<label for=\"note\">")
        .append(Html.escape(lang.pick("备注（可选）", "Note (optional)")))
        .append("</label><textarea id=\"note\" name=\"")
        .append(ResultForm.NOTE)
        .append("\" rows=\"3\" maxlength=\"")
        .append(CaseEventJson.MAX_NOTE)
        .append("\"></textarea>");
    Instant defaultContact = now.truncatedTo(ChronoUnit.MINUTES);
    // A default before the case opened would be refused; leave it empty (= now) then.
    String contactValue =
        defaultContact.isBefore(c.openedAt()) ? "" : FIELD.format(defaultContact.atZone(zone));
    b.append("<label for=\"contactedAt\">")
        .append(Html.escape(lang.pick("联系时间", "Contacted at")))
        .append("</label><input type=\"datetime-local\" id=\"contactedAt\" name=\"")
        .append(ResultForm.CONTACTED_AT)
        .append("\" value=\"")
        .append(Html.escape(contactValue))
        .append("\">");
    b.append("<label for=\"nextAttemptAt\">")
        .append(
            Html.escape(
                lang.pick(
                    "下次联系时间（可选，仅用于“已联系上”“联系不上”“联系方式有误”）",
                    "Next attempt (optional; with Reached, Unreachable or Wrong contact)")))
        .append("</label><input type=\"datetime-local\" id=\"nextAttemptAt\" name=\"")
        .append(ResultForm.NEXT_ATTEMPT)
        .append("\">");
    b.append("<div class=\"buttons\">");
    for (ResultKind k : ResultKind.values()) {
      boolean main = k == ResultKind.REACHED || k == ResultKind.ACCEPTED;
      b.append("<button type=\"submit\" name=\"")
          .append(ResultForm.RESULT)
          .append("\" value=\"")
          .append(k.name())
          .append("\"")
          .append(main ? "" : " class=\"secondary\"")
          .append(">")
          .append(Html.escape(CaseWords.result(k, lang)))
          .append("</button>");
    }
    b.append("</div></form></section>");
  }

  private void history(StringBuilder b, RetentionCase c, Lang lang) {
    b.append("<section class=\"card\"><h2>")
        .append(Html.escape(lang.pick("记录", "History")))
        .append("</h2><table><tbody>");
    for (CaseHistoryEntry h : c.history()) {
      b.append("<tr><td>")
          .append(Html.escape(shown(h.at())))
          .append("</td><td>")
          .append(Html.escape(CaseWords.event(h.kind(), lang)));
      if (h.result() != null) {
        b.append(": ").append(Html.escape(CaseWords.result(h.result(), lang)));
      }
      if (h.kind() == CaseEventKind.ESCALATED) {
        b.append(": ").append(Html.escape(CaseWords.escalationStep(h.level(), lang)));
      }
      if (h.owner() != null) {
        b.append(" → ").append(Html.escape(h.owner()));
      }
      if (h.note() != null) {
        b.append("<br><small>").append(Html.escape(h.note())).append("</small>");
      }
      b.append("</td></tr>");
    }
    b.append("</tbody></table></section>");
  }

  /** Each step of the chain: level, when, and to whom (the lead, or the pool that owns it now). */
  private String escalationChain(RetentionCase c, Lang lang) {
    StringBuilder chain = new StringBuilder();
    for (CaseHistoryEntry h : c.escalations()) {
      if (chain.length() > 0) {
        chain.append("; ");
      }
      chain.append(CaseWords.escalationStep(h.level(), lang)).append(", ").append(shown(h.at()));
      if (h.owner() != null) {
        chain.append(" → ").append(h.owner());
      }
    }
    return chain.toString();
  }

  private static void fact(StringBuilder b, String term, String value) {
    b.append("<dt>")
        .append(Html.escape(term))
        .append("</dt><dd>")
        .append(Html.escape(value))
        .append("</dd>");
  }

  private static void hidden(StringBuilder b, String name, String value) {
    b.append("<input type=\"hidden\" name=\"")
        .append(Html.escape(name))
        .append("\" value=\"")
        .append(Html.escape(value))
        .append("\">");
  }

  private String shown(Instant t) {
    return SHOWN.format(t.atZone(zone));
  }
}
