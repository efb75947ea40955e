package io.lapsewatch.alertcontract.policy;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.Arm;
import io.lapsewatch.alertcontract.Reason;
import io.lapsewatch.alertcontract.RetentionAction;
import io.lapsewatch.alertcontract.RiskBand;
import io.lapsewatch.alertcontract.Tier;
import io.lapsewatch.featurestore.features.Feature;
import io.lapsewatch.featurestore.features.FeatureVector;
import io.lapsewatch.featurestore.features.PolicyholderState;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Turns a scored feature vector into a retention decision: at risk or not, tier, action and
 * deadline. Pure: the same vector and score always give the same alert, id included.
 */
public final class AlertPolicy {
  /** Trigger name baked into alert ids; a new trigger kind gets a new name. */
  public static final String RISK_TRIGGER = "risk-threshold";

  /** Who gets an orphaned high-value client's callback: the senior agents' pool. */
  public static final String SENIOR_AGENT_POOL = "SENIOR-AGENT-POOL";

  private final DecisionConfig config;

  public AlertPolicy(DecisionConfig config) {
    this.config = config;
  }

  public DecisionConfig config() {
    return config;
  }

  /** True when a term renewing in {@code daysToRenewal} days can still be acted on. */
  public boolean inHorizon(int daysToRenewal) {
    return daysToRenewal > config.leadTimeDays() && daysToRenewal <= config.horizonDays();
  }

  /** The tier of a policyholder paying {@code annualPremium} a year in total. */
  public Tier tier(double annualPremium) {
    return annualPremium >= config.highValuePremium() ? Tier.HIGH_VALUE : Tier.STANDARD;
  }

  /**
   * The alert for a scored vector, or empty when the term is not at risk, has no policy in force,
   * or renews outside the horizon.
   */
  public Optional<Alert> decide(
      FeatureVector v, double score, String modelVersion, Reason[] reasons) {
    return decide(v, score, modelVersion, reasons, Arm.TREATED, null);
  }

  /**
   * The alert for a scored vector in the given experiment arm. {@code alertedBand} is the risk band
   * of an earlier alert for the same term (null if none): the term is alerted again only when its
   * band has risen, with an id of its own.
   */
  public Optional<Alert> decide(
      FeatureVector v,
      double score,
      String modelVersion,
      Reason[] reasons,
      Arm arm,
      RiskBand alertedBand) {
    // Written so that a NaN score (a broken model) never raises an alert.
    if (!v.hasRenewingPolicy() || !(score >= config.threshold())) {
      return Optional.empty();
    }
    int today = PolicyholderState.dayOf(v.asOf);
    int daysToRenewal = v.renewalDate - today;
    if (!inHorizon(daysToRenewal)) {
      return Optional.empty();
    }
    RiskBand band = RiskBand.of(score);
    if (alertedBand != null && band.compareTo(alertedBand) <= 0) {
      return Optional.empty();
    }
    String trigger = alertedBand == null ? RISK_TRIGGER : RISK_TRIGGER + ":" + band;
    double premium = v.get(Feature.TOTAL_ANNUAL_PREMIUM);
    Alert a = new Alert();
    a.alertId = alertId(v.policyholderId, v.policyId, v.renewalDate, trigger);
    a.policyholderId = v.policyholderId;
    a.policyId = v.policyId;
    a.agentId = v.agentId;
    a.product = v.product;
    a.orphaned = v.get(Feature.ORPHANED) > 0;
    a.score = score;
    a.riskBand = band;
    a.modelVersion = modelVersion;
    a.asOf = v.asOf;
    a.renewalDate = v.renewalDate;
    a.daysToRenewal = daysToRenewal;
    a.annualPremium = premium;
    a.tier = tier(premium);
    a.action =
        a.tier == Tier.HIGH_VALUE ? RetentionAction.AGENT_CALLBACK : RetentionAction.RENEWAL_OFFER;
    a.arm = arm;
    if (a.action == RetentionAction.AGENT_CALLBACK
        && (v.get(Feature.ORPHANED) > 0 || v.agentId == null)) {
      // A callback needs someone to make it: the agent has left, or there never was one.
      a.agentId = SENIOR_AGENT_POOL;
    }
    a.reasons = reasons == null ? new Reason[0] : reasons;
    a.deadline = v.renewalDate - config.leadTimeDays();
    return Optional.of(a);
  }

  /**
   * Deterministic alert id from policyholder, policy term (policy and renewal date) and trigger.
   */
  public static String alertId(
      String policyholderId, String policyId, int renewalDate, String trigger) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      String material = policyholderId + "|" + policyId + "|" + renewalDate + "|" + trigger;
      byte[] digest = sha.digest(material.getBytes(StandardCharsets.UTF_8));
      return "al-" + HexFormat.of().formatHex(digest, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }
}
