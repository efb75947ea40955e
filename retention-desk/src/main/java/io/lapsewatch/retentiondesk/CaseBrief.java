package io.lapsewatch.retentiondesk;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.Reason;
import io.lapsewatch.alertcontract.RiskBand;
import io.lapsewatch.alertcontract.Tier;
import java.util.List;
import java.util.Objects;

/**
 * What the alert said about the risk, as the case page and the worklist show it: tier, risk band,
 * annual premium at stake, the reasons (feature, value, business sentence) and how old the newest
 * event behind them was ({@link Alert#featureAgeSeconds}, null when the alert did not say). Nothing
 * in it identifies the policyholder.
 */
public record CaseBrief(
    Tier tier,
    RiskBand riskBand,
    double annualPremium,
    List<Reason> reasons,
    Long featureAgeSeconds) {
  public CaseBrief {
    Objects.requireNonNull(tier, "tier");
    Objects.requireNonNull(riskBand, "riskBand");
    reasons = List.copyOf(reasons);
    if (featureAgeSeconds != null && featureAgeSeconds < 0) {
      throw new IllegalArgumentException(
          "feature age must not be negative, was " + featureAgeSeconds);
    }
  }

  /** A brief without a feature age (cases opened before alerts carried one). */
  public CaseBrief(Tier tier, RiskBand riskBand, double annualPremium, List<Reason> reasons) {
    this(tier, riskBand, annualPremium, reasons, null);
  }

  /** Most reasons a case keeps: the page shows the strongest few, as the message does. */
  public static final int MAX_REASONS = 5;

  /** The brief of {@code alert}, with its first {@value #MAX_REASONS} reasons (strongest first). */
  public static CaseBrief of(Alert alert) {
    List<Reason> reasons = alert.reasons == null ? List.of() : List.of(alert.reasons);
    return new CaseBrief(
        alert.tier,
        alert.riskBand,
        alert.annualPremium,
        reasons.subList(0, Math.min(MAX_REASONS, reasons.size())),
        alert.featureAgeSeconds);
  }
}
