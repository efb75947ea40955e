package io.lapsewatch.alertcontract.policy;

import io.lapsewatch.featurestore.features.Feature;
import io.lapsewatch.featurestore.features.FeatureVector;
import java.util.Locale;

/** Puts a feature that drives a lapse score into the words a retention agent uses. */
public final class ReasonText {
  /**
   * Features that move a score but are not something a retention agent can talk about or act on
   * (the calendar and the size of the book); they never appear as reasons.
   */
  private static final java.util.Set<Feature> NOT_REASONS =
      java.util.EnumSet.of(
          Feature.DAYS_TO_RENEWAL,
          Feature.RENEWING_PREMIUM,
          Feature.TOTAL_ANNUAL_PREMIUM,
          Feature.ACTIVE_POLICIES,
          Feature.PRODUCT_LINES,
          Feature.AGENT_CHANNEL,
          Feature.RENEWALS_SO_FAR);

  private ReasonText() {}

  /** True when {@code feature} makes sense to a retention agent as a reason for an alert. */
  public static boolean isBusinessReason(Feature feature) {
    return !NOT_REASONS.contains(feature);
  }

  /**
   * A short sentence about {@code feature} for this policyholder, e.g. "no app session for 64
   * days".
   */
  public static String describe(Feature feature, FeatureVector v) {
    double x = v.get(feature);
    switch (feature) {
      case OPEN_COMPLAINTS:
      case OLDEST_OPEN_COMPLAINT_DAYS:
        return plural((int) v.get(Feature.OPEN_COMPLAINTS), "unresolved complaint")
            + ", oldest "
            + plural((int) v.get(Feature.OLDEST_OPEN_COMPLAINT_DAYS), "day");
      case COMPLAINTS_90D:
        return plural((int) x, "complaint") + " in the last 90 days";
      case DAYS_SINCE_SESSION:
        return x >= 365
            ? "no digital session in a year"
            : "no digital session for " + plural((int) x, "day");
      case SESSIONS_7D:
      case SESSIONS_30D:
      case SESSIONS_90D:
      case SESSION_TREND:
        return "digital engagement falling: "
            + plural((int) v.get(Feature.SESSIONS_30D), "session")
            + " in 30 days";
      case RENEWAL_PRICE_CHANGE:
        return String.format(Locale.ROOT, "premium %+.0f%% at renewal", x);
      case MISSED_PREMIUMS_180D:
        return plural((int) x, "missed premium") + " in 180 days";
      case DAYS_OVERDUE:
        return "premium overdue for " + plural((int) x, "day");
      case CANCELLATION_ENQUIRIES_90D:
        return plural((int) x, "cancellation enquiry", "cancellation enquiries") + " in 90 days";
      case SERVICE_CONTACTS_30D:
        return plural((int) x, "service contact") + " in 30 days";
      case REJECTED_CLAIMS_365D:
        return plural((int) x, "rejected claim") + " this year";
      case MEAN_DAYS_TO_SETTLE:
        return String.format(Locale.ROOT, "claims took %.0f days to settle", x);
      case CLAIMS_365D:
        return plural((int) x, "claim") + " this year";
      case ORPHANED:
        return "agent has left the company";
      case LATEST_NPS:
        return "latest NPS " + (int) x + "/10";
      case LOWEST_CSAT_180D:
        return "satisfaction score " + (int) x + "/5";
      case DAYS_TO_RENEWAL:
        return "renews in " + plural((int) x, "day");
      case RENEWAL_PAGE_VIEWS:
        return plural((int) x, "renewal page view") + " in 30 days";
      case TENURE_DAYS:
        return String.format(Locale.ROOT, "customer for %.1f years", x / 365.0);
      default:
        return feature.key().replace('_', ' ') + " " + RoundedNumber.of(x);
    }
  }

  private static String plural(int n, String one) {
    return plural(n, one, one + "s");
  }

  private static String plural(int n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }

  /** Compact number formatting for the fallback sentence. */
  private static final class RoundedNumber {
    static String of(double x) {
      return x == Math.rint(x) ? Long.toString((long) x) : String.format(Locale.ROOT, "%.2f", x);
    }
  }
}
