package io.lapsewatch.retentiondesk.web;

import java.util.Locale;
import java.util.Map;

/**
 * A sentence an agent can open with for each reason the scoring job gives (by the reason's feature
 * key, as in {@code Feature.key()}), in Chinese and English. The sentences offer help and never
 * quote the data back: the policyholder should hear care, not surveillance.
 */
public final class TalkingPoints {
  /** One suggested sentence in both languages. */
  public record TalkingPoint(String zh, String en) {
    /** The sentence in {@code lang}. */
    public String in(Lang lang) {
      return lang.pick(zh, en);
    }
  }

  /** For a feature this class does not know (a new model's reason). */
  static final TalkingPoint GENERIC =
      new TalkingPoint(
          "先问候客户，了解他们对保单的看法，并说明续保能为他们保留的保障。",
          "Check in, ask how they feel about the policy, and explain what renewing keeps"
              + " covered.");

  private static final TalkingPoint COMPLAINTS =
      new TalkingPoint(
          "“您之前的投诉我们还没有处理好，我来亲自跟进，并告诉您具体的解决时间。”",
          "\"Your complaint isn't resolved yet. I'll follow it up myself and tell you when it will"
              + " be fixed.\"");
  private static final TalkingPoint ENGAGEMENT =
      new TalkingPoint(
          "“最近没见您使用线上服务，需要我帮您查看保单或重新登录吗？”",
          "\"We haven't seen you online lately. Can I help you check your policy or get back into"
              + " the app?\"");
  private static final TalkingPoint PAYMENTS =
      new TalkingPoint(
          "“有一期保费还没有缴上，我们可以一起看看更方便的缴费方式或日期，避免保障中断。”",
          "\"A premium is still unpaid. Let's find a payment date or method that suits you, so"
              + " your cover doesn't lapse.\"");
  private static final TalkingPoint CLAIMS =
      new TalkingPoint(
          "“想了解一下您最近理赔的体验，如有不清楚的地方我来帮您解释或复核。”",
          "\"How did your recent claim go? If anything was unclear, I can explain it or ask for a"
              + " review.\"");
  private static final TalkingPoint SATISFACTION =
      new TalkingPoint(
          "“您上次的评价我们很重视，想听听哪里让您不满意，我们能怎么改进。”",
          "\"We took your last rating seriously. What disappointed you, and what can we do"
              + " better?\"");

  private static final Map<String, TalkingPoint> BY_FEATURE =
      Map.ofEntries(
          Map.entry("open_complaints", COMPLAINTS),
          Map.entry("oldest_open_complaint_days", COMPLAINTS),
          Map.entry("complaints_90d", COMPLAINTS),
          Map.entry("service_contacts_30d", COMPLAINTS),
          Map.entry("days_since_session", ENGAGEMENT),
          Map.entry("sessions_7d", ENGAGEMENT),
          Map.entry("sessions_30d", ENGAGEMENT),
          Map.entry("sessions_90d", ENGAGEMENT),
          Map.entry("session_trend", ENGAGEMENT),
          Map.entry("missed_premiums_180d", PAYMENTS),
          Map.entry("days_overdue", PAYMENTS),
          Map.entry("claims_365d", CLAIMS),
          Map.entry("rejected_claims_365d", CLAIMS),
          Map.entry("mean_days_to_settle", CLAIMS),
          Map.entry("latest_nps", SATISFACTION),
          Map.entry("lowest_csat_180d", SATISFACTION),
          Map.entry(
              "renewal_price_change",
              new TalkingPoint(
                  "“续保价格有变化，我来为您解释原因，并看看有没有更合适的方案或优惠。”",
                  "\"Your renewal price changed. Let me explain why and see whether another plan or"
                      + " an offer fits you better.\"")),
          Map.entry(
              "cancellation_enquiries_90d",
              new TalkingPoint(
                  "“看到您咨询过退保，想先了解您的顾虑，退保前我们可以比较一下其他选择。”",
                  "\"You asked about cancelling. May I hear what worries you? We can compare the"
                      + " options before you decide.\"")),
          Map.entry(
              "renewal_page_views",
              new TalkingPoint(
                  "“您在看续保信息，有什么问题我现在就可以帮您解答，也可以帮您办理。”",
                  "\"You've been looking at your renewal. I can answer any question now, or renew it"
                      + " with you.\"")),
          Map.entry(
              "orphaned",
              new TalkingPoint(
                  "“我是您新的专属服务人员，原来的代理人已离职，以后您的保单由我负责。”",
                  "\"I'm your new adviser: your previous agent has left, and I look after your"
                      + " policy from now on.\"")),
          Map.entry(
              "tenure_days",
              new TalkingPoint(
                  "“感谢您多年的信任，想确认现在的保障是否还适合您的情况。”",
                  "\"Thank you for staying with us for years. I'd like to check your cover still"
                      + " fits your situation.\"")),
          Map.entry(
              "offers_received",
              new TalkingPoint(
                  "“之前给您的续保方案还合适吗？我可以按您的需要再调整。”",
                  "\"Did the renewal offer we sent suit you? I can adjust it to what you need.\"")),
          Map.entry(
              "callbacks_completed",
              new TalkingPoint(
                  "“上次沟通后您还有什么顾虑吗？我们接着把问题解决好。”",
                  "\"Is anything still on your mind since we last spoke? Let's settle it.\"")));

  private TalkingPoints() {}

  /** The talking point for a reason's feature key; {@link #GENERIC} for an unknown or null key. */
  public static TalkingPoint forFeature(String feature) {
    if (feature == null) {
      return GENERIC;
    }
    return BY_FEATURE.getOrDefault(feature.toLowerCase(Locale.ROOT), GENERIC);
  }
}
