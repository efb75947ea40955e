package io.lapsewatch.featurestore.features;

/**
 * The behavioural features of schema v1, in vector order. Each has a short Redis field name, a
 * meaning, the window it looks back over and its unit; {@code features schema} prints them.
 */
public enum Feature {
  TENURE_DAYS("ten", "days since the policyholder's first policy started", "lifetime", "days"),
  ACTIVE_POLICIES("pol", "policies in force", "now", "count"),
  PRODUCT_LINES("prd", "distinct product lines in force", "now", "count"),
  TOTAL_ANNUAL_PREMIUM("prm", "annual premium of all policies in force", "now", "currency"),
  AGENT_CHANNEL("agc", "1 if the renewing policy was sold through an agent", "now", "flag"),
  ORPHANED("orp", "1 if the renewing policy's agent has left the company", "now", "flag"),
  DAYS_TO_RENEWAL("dtr", "days until the renewal date of the next policy to renew", "now", "days"),
  RENEWALS_SO_FAR("rnw", "times the renewing policy has been renewed", "lifetime", "count"),
  RENEWAL_PRICE_CHANGE(
      "rpc",
      "premium change in the latest renewal quote of the renewing policy (0 if none)",
      "current term",
      "percent"),
  SESSIONS_7D("s7", "digital sessions (app, WeChat, web)", "7 days", "count"),
  SESSIONS_30D("s30", "digital sessions", "30 days", "count"),
  SESSIONS_90D("s90", "digital sessions", "90 days", "count"),
  DAYS_SINCE_SESSION(
      "dss",
      "days since the last digital session, or since first seen if never (capped at 365)",
      "365 days",
      "days"),
  SESSION_TREND(
      "str",
      "sessions in the last 30 days against the 60 before, (s30 - p/2) / (1 + p/2)",
      "90 days",
      "ratio"),
  RENEWAL_PAGE_VIEWS("rpv", "sessions that viewed the renewal page", "30 days", "count"),
  OPEN_COMPLAINTS("ocp", "complaints opened and not yet resolved", "now", "count"),
  OLDEST_OPEN_COMPLAINT_DAYS(
      "ocd", "age of the oldest unresolved complaint (0 if none)", "now", "days"),
  COMPLAINTS_90D("c90", "complaints opened", "90 days", "count"),
  CANCELLATION_ENQUIRIES_90D(
      "cxe", "service contacts whose topic was a cancellation enquiry", "90 days", "count"),
  SERVICE_CONTACTS_30D("sc30", "service contacts of any topic", "30 days", "count"),
  CLAIMS_365D("cl", "claims filed", "365 days", "count"),
  REJECTED_CLAIMS_365D("clr", "claims settled as rejected", "365 days", "count"),
  MEAN_DAYS_TO_SETTLE(
      "cds",
      "mean days from filing to settlement of settled claims (0 if none)",
      "365 days",
      "days"),
  MISSED_PREMIUMS_180D("mp", "premium instalments missed", "180 days", "count"),
  DAYS_OVERDUE("dov", "days since the oldest instalment still unpaid (0 if none)", "now", "days"),
  LATEST_NPS("nps", "latest net-promoter score, 0-10 (7 when never asked)", "lifetime", "score"),
  LOWEST_CSAT_180D(
      "csat", "lowest satisfaction score, 1-5 (4 when never asked)", "180 days", "score"),
  OFFERS_RECEIVED("ofr", "retention offers sent to the policyholder", "lifetime", "count"),
  CALLBACKS_COMPLETED("cbk", "agent callbacks completed", "lifetime", "count"),
  RENEWING_PREMIUM("rprm", "annual premium of the next policy to renew", "now", "currency");

  private final String field;
  private final String meaning;
  private final String window;
  private final String unit;

  Feature(String field, String meaning, String window, String unit) {
    this.field = field;
    this.meaning = meaning;
    this.window = window;
    this.unit = unit;
  }

  /** Short Redis hash field name. */
  public String field() {
    return field;
  }

  public String meaning() {
    return meaning;
  }

  public String window() {
    return window;
  }

  public String unit() {
    return unit;
  }

  /** Lower-case name used in models and reports, e.g. {@code sessions_30d}. */
  public String key() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
