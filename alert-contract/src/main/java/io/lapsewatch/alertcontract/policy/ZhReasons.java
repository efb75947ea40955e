package io.lapsewatch.alertcontract.policy;

import io.lapsewatch.alertcontract.Reason;
import java.util.Locale;

/**
 * Reasons in Simplified Chinese, from the feature and its value (the scoring job writes the
 * reason's text in English); an unknown feature keeps the job's text. Shared by the alerts'
 * messages and the desk's case page.
 */
public final class ZhReasons {
  private ZhReasons() {}

  /** The reason in Simplified Chinese; the job's own text for a feature it does not know. */
  public static String describe(Reason r) {
    String feature = r.feature == null ? "" : r.feature.toLowerCase(Locale.ROOT);
    long n = Math.round(r.value);
    switch (feature) {
      case "open_complaints":
        return n + " 件投诉尚未解决";
      case "oldest_open_complaint_days":
        return "最早的投诉已 " + n + " 天未解决";
      case "complaints_90d":
        return "近 90 天投诉 " + n + " 次";
      case "days_since_session":
        return n >= 365 ? "一年内没有使用线上服务" : n + " 天未使用 App/微信/网站";
      case "sessions_7d":
      case "sessions_30d":
      case "sessions_90d":
      case "session_trend":
        return "线上活跃度下降";
      case "renewal_price_change":
        return String.format(Locale.ROOT, "续保报价保费变化 %+.0f%%", r.value);
      case "missed_premiums_180d":
        return "近 180 天漏缴保费 " + n + " 期";
      case "days_overdue":
        return "保费已逾期 " + n + " 天";
      case "cancellation_enquiries_90d":
        return "近 90 天咨询退保 " + n + " 次";
      case "service_contacts_30d":
        return "近 30 天联系客服 " + n + " 次";
      case "rejected_claims_365d":
        return "近一年理赔被拒 " + n + " 次";
      case "mean_days_to_settle":
        return "理赔平均 " + n + " 天才结案";
      case "claims_365d":
        return "近一年理赔 " + n + " 次";
      case "orphaned":
        return "原代理人已离职（孤儿保单）";
      case "latest_nps":
        return "最近一次 NPS 评分 " + n + "/10";
      case "lowest_csat_180d":
        return "满意度评分 " + n + "/5";
      case "renewal_page_views":
        return "近 30 天浏览续保页面 " + n + " 次";
      case "tenure_days":
        return String.format(Locale.ROOT, "已是 %.1f 年的老客户", r.value / 365.0);
      default:
        // Scrubbed by the caller, with the rest of the message.
        return r.text != null && !r.text.isBlank() ? r.text : feature.replace('_', ' ');
    }
  }
}
