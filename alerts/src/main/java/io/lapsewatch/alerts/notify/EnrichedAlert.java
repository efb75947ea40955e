package io.lapsewatch.alerts.notify;

import io.lapsewatch.alertcontract.Alert;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An alert with the optional attributes that routing and messages use beyond the contract: the
 * branch and region (from the record or the routing file's agent directory), the agent's chat ids
 * and mobile for mentions, and personal data such as the policyholder's name and phone when a
 * producer supplies them (always masked in messages unless configured otherwise); and the signed
 * link to the alert's case on the retention desk, which every message of a treated alert carries
 * (empty for holdout alerts and when no desk runs).
 */
public record EnrichedAlert(Alert alert, Map<String, String> attributes, Optional<URI> caseLink) {
  public static final String BRANCH = "branch";
  public static final String REGION = "region";
  public static final String AGENT_MOBILE = "agentMobile";
  public static final String AGENT_WECOM_USER_ID = "agentWecomUserId";
  public static final String AGENT_DINGTALK_USER_ID = "agentDingtalkUserId";
  public static final String AGENT_FEISHU_OPEN_ID = "agentFeishuOpenId";
  public static final String AGENT_EMAIL = "agentEmail";

  public EnrichedAlert {
    Objects.requireNonNull(alert, "alert");
    attributes = Map.copyOf(attributes);
    Objects.requireNonNull(caseLink, "caseLink");
  }

  /** The alert and its attributes, without a case link. */
  public EnrichedAlert(Alert alert, Map<String, String> attributes) {
    this(alert, attributes, Optional.empty());
  }

  /** This alert carrying {@code link} to its case. */
  public EnrichedAlert withCaseLink(Optional<URI> link) {
    return new EnrichedAlert(alert, attributes, link);
  }

  /** The alert without attributes. */
  public static EnrichedAlert of(Alert alert) {
    return new EnrichedAlert(alert, Map.of());
  }

  /** An attribute, if present and not blank. */
  public Optional<String> attribute(String key) {
    String v = attributes.get(key);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
  }

  @Override
  public String toString() {
    // Attributes can hold personal data, and the case link's token opens the case: neither shown.
    return "EnrichedAlert{"
        + alert
        + " attributes="
        + attributes.keySet()
        + (caseLink.isPresent() ? " caseLink=yes" : "")
        + "}";
  }
}
