package io.lapsewatch.alertcontract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lapsewatch.featurestore.events.Ids;
import io.lapsewatch.featurestore.events.InvalidRecordException;
import io.lapsewatch.featurestore.events.JsonFields;
import io.lapsewatch.featurestore.events.StrictJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Alert contract v1 as JSON: dates as ISO strings ({@code asOf} an instant, {@code renewalDate} and
 * {@code deadline} dates), enums by name. Version 1.1 added optional fields, written only when set:
 * {@code product}, {@code orphaned} (when true), the journey step ({@code journey}, {@code
 * journeyVersion}, {@code journeyStep}, {@code followUp}), {@code offerChannel} and {@code
 * messageTo}. Version 1.2 added, also optional: {@code uplift} (estimated effect of the action on
 * renewal, -1..1), {@code expectedValue} (uplift × annual premium − contact cost) and {@code
 * rankedBy} ({@code uplift} when the uplift ranking chose the contact). Version 1.3 added, also
 * optional: {@code featureAgeSeconds} (asOf minus the newest event behind the features, whole
 * seconds, 0..{@value #MAX_FEATURE_AGE_SECONDS}).
 */
public final class AlertJson {
  /** Records above this size are rejected before parsing (an alert is about 1 KB). */
  public static final int MAX_RECORD_BYTES = 64 * 1024;

  /** Most reasons one alert may carry. */
  public static final int MAX_REASONS = 32;

  /** Longest reason text, in characters. */
  public static final int MAX_REASON_TEXT = 1000;

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
    writeReasons(n.putArray("reasons"), a.reasons);
    n.put("deadline", LocalDate.ofEpochDay(a.deadline).toString());
    putIfSet(n, "product", a.product);
    if (a.orphaned) {
      n.put("orphaned", true);
    }
    if (a.journey != null) {
      n.put("journey", a.journey);
      n.put("journeyVersion", a.journeyVersion);
      n.put("journeyStep", a.journeyStep);
      n.put("followUp", a.followUp);
    }
    putIfSet(n, "offerChannel", a.offerChannel);
    putIfSet(n, "messageTo", a.messageTo);
    if (a.uplift != null) {
      n.put("uplift", a.uplift);
    }
    if (a.expectedValue != null) {
      n.put("expectedValue", a.expectedValue);
    }
    putIfSet(n, "rankedBy", a.rankedBy);
    if (a.featureAgeSeconds != null) {
      n.put("featureAgeSeconds", a.featureAgeSeconds.longValue());
    }
    return n.toString();
  }

  /**
   * Parses an alert; throws {@link IOException} naming the field that is wrong (the message of
   * {@link #read}).
   */
  public static Alert parse(byte[] bytes) throws IOException {
    try {
      return read(bytes);
    } catch (InvalidRecordException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /**
   * Reads and validates one alert record the way the alerts service consumes it: strict JSON (no
   * duplicate keys, at most {@value #MAX_RECORD_BYTES} bytes), ids by {@link Ids}, every required
   * field present and well typed, {@code score} a finite number in [0, 1], dates and instants in
   * [2000, 2100), enums by their exact names.
   *
   * @throws InvalidRecordException with a reason code from {@link StrictJson} or {@link JsonFields}
   */
  public static Alert read(byte[] bytes) throws InvalidRecordException {
    ObjectNode n = StrictJson.readObject(bytes, MAX_RECORD_BYTES, "alert");
    Alert a = new Alert();
    a.alertId = JsonFields.id(n, "alertId");
    a.policyholderId = JsonFields.id(n, "policyholderId");
    a.policyId = JsonFields.id(n, "policyId");
    a.agentId = JsonFields.optionalId(n, "agentId");
    a.score = JsonFields.number(n, "score", 0, 1);
    a.riskBand = JsonFields.enumValue(n, "riskBand", RiskBand.class);
    a.modelVersion = JsonFields.text(n, "modelVersion");
    a.asOf = JsonFields.epochMilli(n, "asOf", ContractRange.EARLIEST, ContractRange.END);
    a.renewalDate =
        JsonFields.epochDay(n, "renewalDate", ContractRange.FIRST_DAY, ContractRange.END_DAY);
    a.daysToRenewal =
        (int)
            JsonFields.integer(n, "daysToRenewal", -ContractRange.MAX_DAYS, ContractRange.MAX_DAYS);
    a.annualPremium = JsonFields.number(n, "annualPremium", 0, ContractRange.MAX_AMOUNT);
    a.tier = JsonFields.enumValue(n, "tier", Tier.class);
    a.action = JsonFields.enumValue(n, "action", RetentionAction.class);
    a.arm = JsonFields.enumValue(n, "arm", Arm.class);
    a.reasons = readReasons(n.get("reasons"));
    a.deadline = JsonFields.epochDay(n, "deadline", ContractRange.FIRST_DAY, ContractRange.END_DAY);
    // Optional (contract v1.1): alerts written before journeys carry none of these.
    a.product = JsonFields.optionalId(n, "product");
    a.orphaned = n.has("orphaned") && JsonFields.bool(n, "orphaned");
    a.journey = JsonFields.optionalId(n, "journey");
    if (a.journey != null) {
      a.journeyVersion = (int) JsonFields.integer(n, "journeyVersion", 1, MAX_JOURNEY_VERSION);
      a.journeyStep = JsonFields.id(n, "journeyStep");
      a.followUp = JsonFields.bool(n, "followUp");
    }
    a.offerChannel = JsonFields.optionalId(n, "offerChannel");
    a.messageTo = JsonFields.optionalId(n, "messageTo");
    // Optional (contract v1.2): the uplift estimate and the expected incremental value.
    a.uplift = n.has("uplift") ? JsonFields.number(n, "uplift", -1, 1) : null;
    a.expectedValue =
        n.has("expectedValue")
            ? JsonFields.number(
                n, "expectedValue", -ContractRange.MAX_AMOUNT, ContractRange.MAX_AMOUNT)
            : null;
    a.rankedBy = JsonFields.optionalId(n, "rankedBy");
    // Optional (contract v1.3): how old the newest event behind the features was.
    a.featureAgeSeconds =
        n.has("featureAgeSeconds")
            ? JsonFields.integer(n, "featureAgeSeconds", 0, MAX_FEATURE_AGE_SECONDS)
            : null;
    return a;
  }

  /** Oldest feature age a record may carry: 100 years, in seconds. */
  public static final long MAX_FEATURE_AGE_SECONDS = 100L * 366 * 86_400;

  /** Highest journey plan version a record may name. */
  public static final int MAX_JOURNEY_VERSION = 1_000_000;

  private static void putIfSet(ObjectNode n, String field, String value) {
    if (value != null) {
      n.put(field, value);
    }
  }

  /** Appends {@code reasons} (may be null) to {@code into} as the contract writes them. */
  public static void writeReasons(ArrayNode into, Reason[] reasons) {
    if (reasons == null) {
      return;
    }
    for (Reason r : reasons) {
      ObjectNode rn = into.addObject();
      rn.put("feature", r.feature);
      rn.put("value", r.value);
      rn.put("contribution", r.contribution);
      rn.put("text", r.text);
    }
  }

  /**
   * Reads an optional {@code reasons} array (null: none): at most {@value #MAX_REASONS} well-formed
   * entries.
   */
  public static Reason[] readReasons(JsonNode rs) throws InvalidRecordException {
    if (rs == null || rs.isNull()) {
      return new Reason[0];
    }
    if (!rs.isArray()) {
      throw new InvalidRecordException(
          JsonFields.WRONG_TYPE, "field 'reasons' must be an array, was " + rs.getNodeType());
    }
    if (rs.size() > MAX_REASONS) {
      throw new InvalidRecordException(
          StrictJson.TOO_LARGE,
          "field 'reasons' has " + rs.size() + " entries, limit " + MAX_REASONS);
    }
    Reason[] out = new Reason[rs.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode r = rs.get(i);
      if (!r.isObject()) {
        throw new InvalidRecordException(
            JsonFields.WRONG_TYPE,
            "field 'reasons[" + i + "]' must be an object, was " + r.getNodeType());
      }
      out[i] =
          new Reason(
              JsonFields.text(r, "feature"),
              JsonFields.number(r, "value", -ContractRange.MAX_AMOUNT, ContractRange.MAX_AMOUNT),
              JsonFields.number(
                  r, "contribution", -ContractRange.MAX_AMOUNT, ContractRange.MAX_AMOUNT),
              JsonFields.text(r, "text", MAX_REASON_TEXT));
    }
    return out;
  }
}
