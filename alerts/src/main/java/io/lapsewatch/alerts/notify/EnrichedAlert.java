package io.lapsewatch.alerts.notify;

import io.lapsewatch.alertcontract.Alert;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An alert with the optional attributes that routing and messages use beyond the contract: the
 * branch and region (from the record or the routing file's agent directory), the agent's chat ids
 * and mobile for mentions, and personal data such as the policyholder's name and phone when a
 * producer supplies them (always masked in messages unless configured otherwise).
 */
public record EnrichedAlert(Alert alert, Map<String, String> attributes) {
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
    // Attributes can hold personal data; only their names are shown.
    return "EnrichedAlert{" + alert + " attributes=" + attributes.keySet() + "}";
  }
}
