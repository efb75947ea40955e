package io.lapsewatch.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Set;

/**
 * Reads and writes event contract v1 (UTF-8 JSON). Reading validates every field the event's type
 * needs and throws {@link InvalidEventException} with a reason fit for the dead-letter topic.
 */
public final class EventCodec {
  /** Records above this size are rejected before parsing. */
  public static final int MAX_RECORD_BYTES = 64 * 1024;

  /** Longest accepted identifier or code. */
  public static final int MAX_TEXT_LENGTH = 128;

  // Trailing tokens would let two events glued into one record pass as the first alone.
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final Set<String> SURVEYS = Set.of("NPS", "CSAT");
  private static final long EARLIEST = Instant.parse("1970-01-01T00:00:00Z").toEpochMilli();
  private static final long LATEST = Instant.parse("2100-01-01T00:00:00Z").toEpochMilli();

  private EventCodec() {}

  /** Parses and validates one record value. */
  public static PolicyEvent parse(byte[] value) throws InvalidEventException {
    if (value == null || value.length == 0) {
      throw new InvalidEventException("empty", "record value is empty");
    }
    if (value.length > MAX_RECORD_BYTES) {
      throw new InvalidEventException(
          "too_large", "record is " + value.length + " bytes, limit " + MAX_RECORD_BYTES);
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(value);
    } catch (IOException e) {
      throw new InvalidEventException("malformed_json", "not valid UTF-8 JSON: " + firstLine(e));
    }
    if (root == null || !root.isObject()) {
      throw new InvalidEventException("malformed_json", "record is not a JSON object");
    }
    PolicyEvent e = new PolicyEvent();
    e.eventId = text(root, "eventId");
    e.policyholderId = text(root, "policyholderId");
    String type = text(root, "type");
    try {
      e.type = EventType.valueOf(type);
    } catch (IllegalArgumentException ex) {
      throw new InvalidEventException("unknown_type", "unknown event type '" + type + "'");
    }
    e.occurredAt = instant(root, "occurredAt");
    JsonNode payload = root.get("payload");
    if (payload == null || payload.isNull()) {
      payload = MAPPER.createObjectNode();
    } else if (!payload.isObject()) {
      throw new InvalidEventException("wrong_type", "field 'payload' must be an object");
    }
    if (needsPolicy(e.type)) {
      e.policyId = text(root, "policyId");
    } else if (root.hasNonNull("policyId")) {
      e.policyId = text(root, "policyId");
    }
    readPayload(e, payload);
    return e;
  }

  private static boolean needsPolicy(EventType type) {
    switch (type) {
      case SURVEY_RESPONSE:
      case DIGITAL_SESSION:
      case SERVICE_CONTACT:
      case POLICYHOLDER_ERASED:
        return false;
      default:
        return true;
    }
  }

  private static void readPayload(PolicyEvent e, JsonNode p) throws InvalidEventException {
    switch (e.type) {
      case POLICY_ISSUED:
        e.product = text(p, "product");
        e.channel = text(p, "channel");
        e.agentId = p.hasNonNull("agentId") ? text(p, "agentId") : null;
        e.annualPremium = positive(p, "annualPremium");
        e.startDate = date(p, "startDate");
        e.endDate = date(p, "endDate");
        if (e.endDate <= e.startDate) {
          throw new InvalidEventException(
              "bad_value", "payload.endDate must be after payload.startDate");
        }
        break;
      case POLICY_RENEWED:
        e.annualPremium = positive(p, "annualPremium");
        e.endDate = date(p, "endDate");
        break;
      case PREMIUM_PAID:
      case PREMIUM_MISSED:
        e.amount = positive(p, "amount");
        break;
      case CLAIM_FILED:
        e.refId = text(p, "claimId");
        e.amount = positive(p, "amount");
        break;
      case CLAIM_SETTLED:
        e.refId = text(p, "claimId");
        e.approved = bool(p, "approved");
        e.daysToSettle = intIn(p, "daysToSettle", 0, 3650);
        break;
      case COMPLAINT_OPENED:
      case COMPLAINT_RESOLVED:
        e.refId = text(p, "complaintId");
        break;
      case SURVEY_RESPONSE:
        e.survey = text(p, "survey");
        if (!SURVEYS.contains(e.survey)) {
          throw new InvalidEventException(
              "bad_value", "payload.survey must be NPS or CSAT, was '" + e.survey + "'");
        }
        e.score = "NPS".equals(e.survey) ? intIn(p, "score", 0, 10) : intIn(p, "score", 1, 5);
        break;
      case DIGITAL_SESSION:
        e.channel = text(p, "channel");
        e.page = text(p, "page");
        break;
      case SERVICE_CONTACT:
        e.topic = text(p, "topic");
        break;
      case AGENT_LEFT:
        e.agentId = text(p, "agentId");
        break;
      case RENEWAL_QUOTED:
        e.lastPremium = positive(p, "lastPremium");
        e.newPremium = positive(p, "newPremium");
        break;
      case OFFER_SENT:
        e.refId = text(p, "offerId");
        break;
      case CALLBACK_COMPLETED:
        e.topic = text(p, "result");
        break;
      default:
        break;
    }
  }

  /** Writes an event as contract v1 JSON (the inverse of {@link #parse}). */
  public static String toJson(PolicyEvent e) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("eventId", e.eventId);
    root.put("policyholderId", e.policyholderId);
    root.put("type", e.type.name());
    root.put(
        "occurredAt",
        DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
            Instant.ofEpochMilli(e.occurredAt).atOffset(ZoneOffset.UTC)));
    if (e.policyId != null) {
      root.put("policyId", e.policyId);
    }
    ObjectNode p = root.putObject("payload");
    switch (e.type) {
      case POLICY_ISSUED:
        p.put("product", e.product);
        p.put("channel", e.channel);
        if (e.agentId != null) {
          p.put("agentId", e.agentId);
        }
        p.put("annualPremium", e.annualPremium);
        p.put("startDate", LocalDate.ofEpochDay(e.startDate).toString());
        p.put("endDate", LocalDate.ofEpochDay(e.endDate).toString());
        break;
      case POLICY_RENEWED:
        p.put("annualPremium", e.annualPremium);
        p.put("endDate", LocalDate.ofEpochDay(e.endDate).toString());
        break;
      case PREMIUM_PAID:
      case PREMIUM_MISSED:
        p.put("amount", e.amount);
        break;
      case CLAIM_FILED:
        p.put("claimId", e.refId);
        p.put("amount", e.amount);
        break;
      case CLAIM_SETTLED:
        p.put("claimId", e.refId);
        p.put("approved", e.approved);
        p.put("daysToSettle", e.daysToSettle);
        break;
      case COMPLAINT_OPENED:
      case COMPLAINT_RESOLVED:
        p.put("complaintId", e.refId);
        break;
      case SURVEY_RESPONSE:
        p.put("survey", e.survey);
        p.put("score", e.score);
        break;
      case DIGITAL_SESSION:
        p.put("channel", e.channel);
        p.put("page", e.page);
        break;
      case SERVICE_CONTACT:
        p.put("topic", e.topic);
        break;
      case AGENT_LEFT:
        p.put("agentId", e.agentId);
        break;
      case RENEWAL_QUOTED:
        p.put("lastPremium", e.lastPremium);
        p.put("newPremium", e.newPremium);
        break;
      case OFFER_SENT:
        p.put("offerId", e.refId);
        break;
      case CALLBACK_COMPLETED:
        p.put("result", e.topic);
        break;
      default:
        break;
    }
    try {
      return MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("cannot write event " + e.eventId, ex);
    }
  }

  /** UTF-8 bytes of {@link #toJson}. */
  public static byte[] toBytes(PolicyEvent e) {
    return toJson(e).getBytes(StandardCharsets.UTF_8);
  }

  private static String text(JsonNode n, String field) throws InvalidEventException {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      throw missing(n, field);
    }
    if (!v.isTextual()) {
      throw new InvalidEventException(
          "wrong_type", "field '" + field + "' must be a string, was " + v.getNodeType());
    }
    String s = v.textValue();
    if (s.isBlank()) {
      throw new InvalidEventException("bad_value", "field '" + field + "' is blank");
    }
    if (s.length() > MAX_TEXT_LENGTH) {
      throw new InvalidEventException(
          "too_large",
          "field '" + field + "' is " + s.length() + " characters, limit " + MAX_TEXT_LENGTH);
    }
    return s;
  }

  private static InvalidEventException missing(JsonNode n, String field) {
    return new InvalidEventException("missing_field", "required field '" + field + "' is missing");
  }

  private static double positive(JsonNode n, String field) throws InvalidEventException {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      throw missing(n, field);
    }
    if (!v.isNumber()) {
      throw new InvalidEventException(
          "wrong_type", "field '" + field + "' must be a number, was " + v.getNodeType());
    }
    double d = v.doubleValue();
    if (!(d > 0) || Double.isInfinite(d) || d > 1e9) {
      throw new InvalidEventException(
          "bad_value", "field '" + field + "' must be in (0, 1e9], was " + d);
    }
    return d;
  }

  private static int intIn(JsonNode n, String field, int min, int max)
      throws InvalidEventException {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      throw missing(n, field);
    }
    if (!v.isIntegralNumber()) {
      throw new InvalidEventException(
          "wrong_type", "field '" + field + "' must be an integer, was " + v.getNodeType());
    }
    if (!v.canConvertToLong()) {
      throw new InvalidEventException(
          "bad_value", "field '" + field + "' must be in [" + min + ", " + max + "], was " + v);
    }
    long l = v.longValue();
    if (l < min || l > max) {
      throw new InvalidEventException(
          "bad_value", "field '" + field + "' must be in [" + min + ", " + max + "], was " + l);
    }
    return (int) l;
  }

  private static boolean bool(JsonNode n, String field) throws InvalidEventException {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      throw missing(n, field);
    }
    if (!v.isBoolean()) {
      throw new InvalidEventException(
          "wrong_type", "field '" + field + "' must be true or false, was " + v.getNodeType());
    }
    return v.booleanValue();
  }

  private static int date(JsonNode n, String field) throws InvalidEventException {
    String s = text(n, field);
    try {
      long day = LocalDate.parse(s).toEpochDay();
      if (day < 0 || day > 47_482) {
        throw new InvalidEventException(
            "bad_timestamp", "field '" + field + "' is outside 1970..2099: " + s);
      }
      return (int) day;
    } catch (DateTimeException ex) {
      throw new InvalidEventException(
          "bad_timestamp", "field '" + field + "' is not an ISO date (yyyy-MM-dd): " + s);
    }
  }

  private static long instant(JsonNode n, String field) throws InvalidEventException {
    String s = text(n, field);
    long millis;
    try {
      millis = OffsetDateTime.parse(s).toInstant().toEpochMilli();
    } catch (DateTimeException ex) {
      throw new InvalidEventException(
          "bad_timestamp", "field '" + field + "' is not ISO-8601 with an offset: " + s);
    }
    if (millis < EARLIEST || millis >= LATEST) {
      throw new InvalidEventException(
          "bad_timestamp", "field '" + field + "' is outside 1970..2099: " + s);
    }
    return millis;
  }

  private static String firstLine(Exception e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
