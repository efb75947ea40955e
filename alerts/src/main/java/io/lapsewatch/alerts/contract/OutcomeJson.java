package io.lapsewatch.alerts.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Outcome contract v1 as JSON; instants as ISO strings. */
public final class OutcomeJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private OutcomeJson() {}

  public static byte[] toBytes(Outcome o) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("alertId", o.alertId);
    n.put("policyholderId", o.policyholderId);
    n.put("policyId", o.policyId);
    n.put("arm", o.arm.name());
    n.put("tier", o.tier.name());
    n.put("action", o.action.name());
    n.put("outcome", o.outcome.name());
    n.put("alertedAt", Instant.ofEpochMilli(o.alertedAt).toString());
    n.put("resolvedAt", Instant.ofEpochMilli(o.resolvedAt).toString());
    if (o.timeToFirstContactMs >= 0) {
      n.put("timeToFirstContactMs", o.timeToFirstContactMs);
    }
    return n.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Parses an outcome; throws {@link IOException} naming the bad field. */
  public static Outcome parse(byte[] bytes) throws IOException {
    JsonNode n = MAPPER.readTree(bytes);
    if (n == null || !n.isObject()) {
      throw new IOException("outcome is not a JSON object");
    }
    try {
      Outcome o = new Outcome();
      o.alertId = text(n, "alertId");
      o.policyholderId = text(n, "policyholderId");
      o.policyId = text(n, "policyId");
      o.arm = Arm.valueOf(text(n, "arm"));
      o.tier = Tier.valueOf(text(n, "tier"));
      o.action = RetentionAction.valueOf(text(n, "action"));
      o.outcome = OutcomeKind.valueOf(text(n, "outcome"));
      o.alertedAt = Instant.parse(text(n, "alertedAt")).toEpochMilli();
      o.resolvedAt = Instant.parse(text(n, "resolvedAt")).toEpochMilli();
      o.timeToFirstContactMs = n.path("timeToFirstContactMs").asLong(-1);
      return o;
    } catch (IllegalArgumentException | java.time.DateTimeException e) {
      throw new IOException("outcome has a bad field: " + e.getMessage(), e);
    }
  }

  private static String text(JsonNode n, String field) throws IOException {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      throw new IOException("outcome field '" + field + "' is missing");
    }
    return v.asText();
  }
}
