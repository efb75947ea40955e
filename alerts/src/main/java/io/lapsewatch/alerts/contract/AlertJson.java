package io.lapsewatch.alerts.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Alert contract v1 as JSON: dates as ISO strings ({@code asOf} an instant, {@code renewalDate} and
 * {@code deadline} dates), enums by name.
 */
public final class AlertJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private AlertJson() {}

  public static byte[] toBytes(Alert a) {
    return toJson(a).getBytes(StandardCharsets.UTF_8);
  }

  public static String toJson(Alert a) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("alertId", a.alertId);
    n.put("policyholderId", a.policyholderId);
    n.put("policyId", a.policyId);
    n.put("agentId", a.agentId);
    n.put("score", a.score);
    n.put("riskBand", a.riskBand.name());
    n.put("modelVersion", a.modelVersion);
    n.put("asOf", Instant.ofEpochMilli(a.asOf).toString());
    n.put("renewalDate", LocalDate.ofEpochDay(a.renewalDate).toString());
    n.put("daysToRenewal", a.daysToRenewal);
    n.put("annualPremium", a.annualPremium);
    n.put("tier", a.tier.name());
    n.put("action", a.action.name());
    n.put("arm", a.arm.name());
    ArrayNode reasons = n.putArray("reasons");
    if (a.reasons != null) {
      for (Reason r : a.reasons) {
        ObjectNode rn = reasons.addObject();
        rn.put("feature", r.feature);
        rn.put("value", r.value);
        rn.put("contribution", r.contribution);
        rn.put("text", r.text);
      }
    }
    n.put("deadline", LocalDate.ofEpochDay(a.deadline).toString());
    return n.toString();
  }

  /** Parses an alert; throws {@link IOException} naming the field that is wrong. */
  public static Alert parse(byte[] bytes) throws IOException {
    JsonNode n = MAPPER.readTree(bytes);
    if (n == null || !n.isObject()) {
      throw new IOException("alert is not a JSON object");
    }
    try {
      Alert a = new Alert();
      a.alertId = required(n, "alertId").asText();
      a.policyholderId = required(n, "policyholderId").asText();
      a.policyId = required(n, "policyId").asText();
      a.agentId = n.hasNonNull("agentId") ? n.get("agentId").asText() : null;
      a.score = required(n, "score").asDouble();
      a.riskBand = RiskBand.valueOf(required(n, "riskBand").asText());
      a.modelVersion = required(n, "modelVersion").asText();
      a.asOf = Instant.parse(required(n, "asOf").asText()).toEpochMilli();
      a.renewalDate = (int) LocalDate.parse(required(n, "renewalDate").asText()).toEpochDay();
      a.daysToRenewal = required(n, "daysToRenewal").asInt();
      a.annualPremium = required(n, "annualPremium").asDouble();
      a.tier = Tier.valueOf(required(n, "tier").asText());
      a.action = RetentionAction.valueOf(required(n, "action").asText());
      a.arm = Arm.valueOf(required(n, "arm").asText());
      JsonNode rs = n.get("reasons");
      a.reasons = new Reason[rs == null ? 0 : rs.size()];
      for (int i = 0; i < a.reasons.length; i++) {
        JsonNode r = rs.get(i);
        a.reasons[i] =
            new Reason(
                r.path("feature").asText(),
                r.path("value").asDouble(),
                r.path("contribution").asDouble(),
                r.path("text").asText());
      }
      a.deadline = (int) LocalDate.parse(required(n, "deadline").asText()).toEpochDay();
      return a;
    } catch (IllegalArgumentException | java.time.DateTimeException e) {
      throw new IOException("alert has a bad field: " + e.getMessage(), e);
    }
  }

  private static JsonNode required(JsonNode n, String field) throws IOException {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      throw new IOException("alert field '" + field + "' is missing");
    }
    return v;
  }
}
