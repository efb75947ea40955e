package io.lapsewatch.featurestore.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
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

  /** Longest accepted code or reference (product, channel, claim id...); ids follow {@link Ids}. */
  public static final int MAX_TEXT_LENGTH = JsonFields.MAX_TEXT_LENGTH;

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<String> SURVEYS = Set.of("NPS", "CSAT");
  private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");
  private static final LocalDate FIRST_DAY = LocalDate.of(1970, 1, 1);
  private static final LocalDate END_DAY = LocalDate.of(2100, 1, 1);

  private EventCodec() {}

  /**
   * Parses and validates one record value.
   *
   * @throws InvalidEventException with the reason codes listed in the module README (contract
   *     section), e.g. {@code duplicate_key} or {@code invalid_id}
   */
  public static PolicyEvent parse(byte[] value) throws InvalidEventException {
    try {
      return read(value);
    } catch (InvalidEventException e) {
      throw e;
    } catch (InvalidRecordException e) {
      throw new InvalidEventException(e.reasonCode(), e.getMessage());
    }
  }

  private static PolicyEvent read(byte[] value) throws InvalidRecordException {
    ObjectNode root = StrictJson.readObject(value, MAX_RECORD_BYTES, "event");
    PolicyEvent e = new PolicyEvent();
    e.eventId = JsonFields.id(root, "eventId");
    e.policyholderId = JsonFields.id(root, "policyholderId");
    String type = JsonFields.text(root, "type");
    try {
      e.type = EventType.valueOf(type);
    } catch (IllegalArgumentException ex) {
      throw new InvalidEventException(
          "unknown_type", "unknown event type " + Printable.quote(type));
    }
    e.occurredAt = JsonFields.epochMilli(root, "occurredAt", EARLIEST, LATEST);
    JsonNode payload = root.get("payload");
    if (payload == null || payload.isNull()) {
      payload = MAPPER.createObjectNode();
    } else if (!payload.isObject()) {
      throw new InvalidEventException("wrong_type", "field 'payload' must be an object");
    }
    if (needsPolicy(e.type)) {
      e.policyId = JsonFields.id(root, "policyId");
    } else {
      e.policyId = JsonFields.optionalId(root, "policyId");
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
      case CONTACT_CONSENT_CHANGED:
        return false;
      default:
        return true;
    }
  }

  private static void readPayload(PolicyEvent e, JsonNode p) throws InvalidRecordException {
    switch (e.type) {
      case POLICY_ISSUED:
        e.product = text(p, "product");
        e.channel = text(p, "channel");
        e.agentId = JsonFields.optionalId(p, "agentId");
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
              "bad_value", "payload.survey must be NPS or CSAT, was " + Printable.quote(e.survey));
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
        e.agentId = JsonFields.id(p, "agentId");
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
      case CONTACT_CONSENT_CHANGED:
        e.doNotContact = bool(p, "doNotContact");
        e.channel = optionalText(p, "channel");
        break;
      default:
        break;
    }
  }

  /** An optional code: absent or null is null; anything else must be a valid text field. */
  private static String optionalText(JsonNode n, String field) throws InvalidRecordException {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : JsonFields.text(n, field);
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
      case CONTACT_CONSENT_CHANGED:
        p.put("doNotContact", e.doNotContact);
        if (e.channel != null) {
          p.put("channel", e.channel);
        }
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

  private static String text(JsonNode n, String field) throws InvalidRecordException {
    return JsonFields.text(n, field);
  }

  /** A premium or amount: a finite number in (0, 1e9]. */
  private static double positive(JsonNode n, String field) throws InvalidRecordException {
    double d = JsonFields.number(n, field, 0, 1e9);
    if (d == 0) {
      throw new InvalidEventException(
          "bad_value", "field '" + field + "' must be in (0, 1e9], was " + d);
    }
    return d;
  }

  private static int intIn(JsonNode n, String field, int min, int max)
      throws InvalidRecordException {
    return (int) JsonFields.integer(n, field, min, max);
  }

  private static boolean bool(JsonNode n, String field) throws InvalidRecordException {
    return JsonFields.bool(n, field);
  }

  private static int date(JsonNode n, String field) throws InvalidRecordException {
    return JsonFields.epochDay(n, field, FIRST_DAY, END_DAY);
  }
}
