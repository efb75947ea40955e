package io.lapsewatch.retentiondesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lapsewatch.featurestore.events.InvalidRecordException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link RetentionCase} as the JSON kept in its Redis hash (field {@code state}). Not a contract
 * between systems: the projection writes it and the pages read it, and a rebuild from the topic
 * rewrites it, so a format change only needs a rebuild (bump the key prefix).
 */
public final class CaseStateJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private CaseStateJson() {}

  /** The case as JSON. */
  public static String toJson(RetentionCase c) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("caseId", c.caseId());
    n.put("alertId", c.alertId());
    n.put("policyholderId", c.policyholderId());
    n.put("policyId", c.policyId());
    n.put("action", c.action().name());
    n.put("owner", c.owner());
    n.put("branch", c.branch());
    n.put("openedAt", text(c.openedAt()));
    n.put("deadline", text(c.deadline()));
    if (c.brief() != null) {
      n.set("brief", CaseBriefJson.write(c.brief()));
    }
    n.put("status", c.status().name());
    n.put("resolution", c.resolution() == null ? null : c.resolution().name());
    n.put("lastResult", c.lastResult() == null ? null : c.lastResult().name());
    n.put("nextAttemptAt", text(c.nextAttemptAt()));
    n.put("updatedAt", text(c.updatedAt()));
    ArrayNode history = n.putArray("history");
    for (CaseHistoryEntry h : c.history()) {
      ObjectNode e = history.addObject();
      e.put("eventId", h.eventId());
      e.put("kind", h.kind().name());
      e.put("actor", h.actor());
      e.put("at", text(h.at()));
      e.put("result", h.result() == null ? null : h.result().name());
      e.put("owner", h.owner());
      e.put("note", h.note());
      if (h.level() > 0) {
        e.put("level", h.level());
      }
    }
    return n.toString();
  }

  /**
   * Reads what {@link #toJson} wrote.
   *
   * @throws IllegalStateException naming the case key when the stored JSON is not a case
   */
  public static RetentionCase read(String json, String where) {
    try {
      JsonNode n = MAPPER.readTree(json);
      List<CaseHistoryEntry> history = new ArrayList<>();
      for (JsonNode e : n.get("history")) {
        history.add(
            new CaseHistoryEntry(
                e.get("eventId").textValue(),
                CaseEventKind.valueOf(e.get("kind").textValue()),
                e.get("actor").textValue(),
                instant(e.get("at")),
                e.get("result").isNull() ? null : ResultKind.valueOf(e.get("result").textValue()),
                e.get("owner").textValue(),
                e.get("note").textValue(),
                // States written before escalations have no level.
                e.hasNonNull("level") ? e.get("level").intValue() : 0));
      }
      return new RetentionCase(
          n.get("caseId").textValue(),
          n.get("alertId").textValue(),
          n.get("policyholderId").textValue(),
          n.get("policyId").textValue(),
          CaseAction.valueOf(n.get("action").textValue()),
          n.get("owner").textValue(),
          n.get("branch").textValue(),
          instant(n.get("openedAt")),
          instant(n.get("deadline")),
          n.hasNonNull("brief") ? CaseBriefJson.read(n.get("brief")) : null,
          CaseStatus.valueOf(n.get("status").textValue()),
          n.get("resolution").isNull() ? null : Resolution.valueOf(n.get("resolution").textValue()),
          n.get("lastResult").isNull() ? null : ResultKind.valueOf(n.get("lastResult").textValue()),
          instant(n.get("nextAttemptAt")),
          instant(n.get("updatedAt")),
          history);
    } catch (IOException | RuntimeException | InvalidRecordException e) {
      throw new IllegalStateException(
          where + " does not hold a retention case (" + e + "); rebuild the projection", e);
    }
  }

  private static String text(Instant t) {
    return t == null ? null : t.toString();
  }

  private static Instant instant(JsonNode n) {
    return n == null || n.isNull() ? null : Instant.parse(n.textValue());
  }
}
