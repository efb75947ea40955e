package io.lapsewatch.alerts.routing;

import io.lapsewatch.alerts.notify.EnrichedAlert;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the routing file's agent directory knows of one agent: branch and region for routing, and
 * chat ids, mobile and email for mentions and mail. The mobile and email are personal data: never
 * logged.
 */
public record AgentEntry(Map<String, String> attributes) {
  public AgentEntry {
    attributes = Map.copyOf(attributes);
  }

  /** Directory keys and the alert attributes they become. */
  static final Map<String, String> KEYS = new LinkedHashMap<>();

  static {
    KEYS.put("branch", EnrichedAlert.BRANCH);
    KEYS.put("region", EnrichedAlert.REGION);
    KEYS.put("mobile", EnrichedAlert.AGENT_MOBILE);
    KEYS.put("email", EnrichedAlert.AGENT_EMAIL);
    KEYS.put("wecom-user-id", EnrichedAlert.AGENT_WECOM_USER_ID);
    KEYS.put("dingtalk-user-id", EnrichedAlert.AGENT_DINGTALK_USER_ID);
    KEYS.put("feishu-open-id", EnrichedAlert.AGENT_FEISHU_OPEN_ID);
  }

  @Override
  public String toString() {
    return "AgentEntry" + attributes.keySet();
  }
}
