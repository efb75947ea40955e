package io.lapsewatch.retentiondesk;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lapsewatch.featurestore.events.InvalidRecordException;
import io.lapsewatch.featurestore.events.JsonFields;
import io.lapsewatch.featurestore.events.StrictJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.Set;

/**
 * Case-event contract v1 as JSON: instants as ISO strings, enums by name, ids by the {@code Ids}
 * rule; a field that does not belong to the event's kind is refused rather than ignored, so a
 * writer's mistake shows at once.
 */
public final class CaseEventJson {
  /**
   * Records above this size are rejected before parsing (a case event is about 400 bytes; an OPENED
   * one with its brief's reasons a few kilobytes).
   */
  public static final int MAX_RECORD_BYTES = 64 * 1024;

  /** Longest agent note, in characters. */
  public static final int MAX_NOTE = 1000;

  /** Reason code: the record's {@code v} is not a version this reader knows. */
  public static final String UNKNOWN_VERSION = "unknown_version";

  /** Earliest and end of accepted instants, as in the alert contract: [2000, 2100). */
  static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

  static final Instant END = Instant.parse("2100-01-01T00:00:00Z");

  private static final Set<String> COMMON = Set.of("v", "eventId", "caseId", "kind", "actor", "at");

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private CaseEventJson() {}

  /** UTF-8 bytes of {@link #toJson}. */
  public static byte[] toBytes(CaseEvent e) {
    return toJson(e).getBytes(StandardCharsets.UTF_8);
  }

  /** Writes an event as contract v1 JSON (the inverse of {@link #read}). */
  public static String toJson(CaseEvent e) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("v", CaseEvent.VERSION);
    n.put("eventId", e.eventId());
    n.put("caseId", e.caseId());
    n.put("kind", e.kind().name());
    n.put("actor", e.actor());
    n.put("at", e.at().toString());
    switch (e.kind()) {
      case OPENED -> {
        n.put("alertId", e.alertId());
        n.put("policyholderId", e.policyholderId());
        n.put("policyId", e.policyId());
        n.put("action", e.action().name());
        n.put("owner", e.owner());
        if (e.branch() != null) {
          n.put("branch", e.branch());
        }
        n.put("deadline", e.deadline().toString());
        if (e.brief() != null) {
          n.set("brief", CaseBriefJson.write(e.brief()));
        }
      }
      case RESULT_RECORDED -> {
        n.put("result", e.result().name());
        if (e.note() != null) {
          n.put("note", e.note());
        }
        if (e.nextAttemptAt() != null) {
          n.put("nextAttemptAt", e.nextAttemptAt().toString());
        }
      }
      case REASSIGNED -> {
        n.put("owner", e.owner());
        if (e.branch() != null) {
          n.put("branch", e.branch());
        }
      }
      case ESCALATED -> {
        n.put("level", e.level());
        if (e.owner() != null) {
          n.put("owner", e.owner());
        }
        if (e.branch() != null) {
          n.put("branch", e.branch());
        }
      }
      case EXPIRED, ERASED -> {}
    }
    return n.toString();
  }

  /**
   * Reads and validates one case event: strict JSON (no duplicate keys, at most {@value
   * #MAX_RECORD_BYTES} bytes), {@code v} = 1, ids by the {@code Ids} rule, instants in [2000,
   * 2100), enums by exact name, the fields of the kind present and no others.
   *
   * @throws InvalidRecordException with a reason code from {@link StrictJson}, {@link JsonFields}
   *     or {@value #UNKNOWN_VERSION}, naming the field
   */
  public static CaseEvent read(byte[] bytes) throws InvalidRecordException {
    ObjectNode n = StrictJson.readObject(bytes, MAX_RECORD_BYTES, "case event");
    long v = JsonFields.integer(n, "v", 0, Integer.MAX_VALUE);
    if (v != CaseEvent.VERSION) {
      throw new InvalidRecordException(
          UNKNOWN_VERSION,
          "field 'v' is " + v + "; this reader knows case-event version " + CaseEvent.VERSION);
    }
    String eventId = JsonFields.id(n, "eventId");
    String caseId = JsonFields.id(n, "caseId");
    CaseEventKind kind = JsonFields.enumValue(n, "kind", CaseEventKind.class);
    String actor = JsonFields.id(n, "actor");
    Instant at = instant(n, "at");
    return switch (kind) {
      case OPENED -> {
        onlyFields(
            n,
            kind,
            Set.of(
                "alertId",
                "policyholderId",
                "policyId",
                "action",
                "owner",
                "branch",
                "deadline",
                "brief"));
        yield CaseEvent.opened(
            eventId,
            caseId,
            actor,
            at,
            JsonFields.id(n, "alertId"),
            JsonFields.id(n, "policyholderId"),
            JsonFields.id(n, "policyId"),
            JsonFields.enumValue(n, "action", CaseAction.class),
            JsonFields.id(n, "owner"),
            JsonFields.optionalId(n, "branch"),
            instant(n, "deadline"),
            n.hasNonNull("brief") ? CaseBriefJson.read(n.get("brief")) : null);
      }
      case RESULT_RECORDED -> {
        onlyFields(n, kind, Set.of("result", "note", "nextAttemptAt"));
        yield CaseEvent.resultRecorded(
            eventId,
            caseId,
            actor,
            at,
            JsonFields.enumValue(n, "result", ResultKind.class),
            n.hasNonNull("note") ? JsonFields.text(n, "note", MAX_NOTE) : null,
            n.hasNonNull("nextAttemptAt") ? instant(n, "nextAttemptAt") : null);
      }
      case REASSIGNED -> {
        onlyFields(n, kind, Set.of("owner", "branch"));
        yield CaseEvent.reassigned(
            eventId,
            caseId,
            actor,
            at,
            JsonFields.id(n, "owner"),
            JsonFields.optionalId(n, "branch"));
      }
      case ESCALATED -> {
        onlyFields(n, kind, Set.of("level", "owner", "branch"));
        int level = (int) JsonFields.integer(n, "level", 1, CaseEvent.MAX_ESCALATION_LEVEL);
        String owner = n.has("owner") ? JsonFields.id(n, "owner") : null;
        String branch = JsonFields.optionalId(n, "branch");
        if ((level == 1) != (owner == null) || (owner == null && branch != null)) {
          throw new InvalidRecordException(
              JsonFields.BAD_VALUE,
              "an ESCALATED case event names 'owner' (and optionally 'branch') at level 2 and"
                  + " only there; level is "
                  + level
                  + (owner == null ? ", no owner" : ", owner given"));
        }
        yield CaseEvent.escalated(eventId, caseId, actor, at, level, owner, branch);
      }
      case EXPIRED, ERASED -> {
        onlyFields(n, kind, Set.of());
        yield CaseEvent.bare(eventId, caseId, kind, actor, at);
      }
    };
  }

  private static Instant instant(ObjectNode n, String field) throws InvalidRecordException {
    return Instant.ofEpochMilli(JsonFields.epochMilli(n, field, EARLIEST, END));
  }

  private static void onlyFields(ObjectNode n, CaseEventKind kind, Set<String> own)
      throws InvalidRecordException {
    for (Iterator<String> names = n.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!COMMON.contains(name) && !own.contains(name)) {
        throw new InvalidRecordException(
            JsonFields.BAD_VALUE,
            "field '"
                + name
                + "' does not belong to a "
                + kind
                + " case event; its fields: "
                + own);
      }
    }
  }
}
