package io.lapsewatch.modeltraining.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lapsewatch.featurestore.events.InvalidRecordException;
import io.lapsewatch.featurestore.events.JsonFields;
import io.lapsewatch.featurestore.events.StrictJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A {@link MonitoredTerm} as JSON (the monitoring topic's records, one per line in a monitoring
 * file): {@code asOf} an ISO instant, {@code renewalDate} and {@code endDay} ISO dates, {@code
 * features} an array of finite numbers; {@code outcome} and {@code endDay} only once the term
 * ended; {@code "contacted": true} only for a term the retention programme contacted (absent means
 * not contacted, so older records still read).
 */
public final class MonitoredTermJson {
  /** Records above this size are rejected before parsing. */
  public static final int MAX_RECORD_BYTES = 64 * 1024;

  /** Most features one record may carry. */
  public static final int MAX_FEATURES = 1024;

  private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
  private static final Instant END = Instant.parse("2100-01-01T00:00:00Z");
  private static final LocalDate FIRST_DAY = LocalDate.of(2000, 1, 1);
  private static final LocalDate END_DAY = LocalDate.of(2100, 1, 1);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private MonitoredTermJson() {}

  public static String write(MonitoredTerm t) {
    ObjectNode n = MAPPER.createObjectNode();
    // Optional: the job's monitoring topic leaves it out (nothing downstream needs to know who).
    if (t.policyholderId != null) {
      n.put("policyholderId", t.policyholderId);
    }
    n.put("policyId", t.policyId);
    n.put("renewalDate", LocalDate.ofEpochDay(t.renewalDate).toString());
    n.put("asOf", Instant.ofEpochMilli(t.asOf).toString());
    n.put("modelVersion", t.modelVersion);
    n.put("score", t.score);
    ArrayNode features = n.putArray("features");
    for (double f : t.features) {
      features.add(f);
    }
    if (t.outcome != null) {
      n.put("outcome", t.outcome);
      n.put("endDay", LocalDate.ofEpochDay(t.endDay).toString());
    }
    if (t.contacted) {
      n.put("contacted", true);
    }
    return n.toString();
  }

  public static byte[] toBytes(MonitoredTerm t) {
    return write(t).getBytes(StandardCharsets.UTF_8);
  }

  /** Parses one record; the {@link IOException} names the field that is wrong and why. */
  public static MonitoredTerm parse(byte[] bytes) throws IOException {
    try {
      return read(bytes);
    } catch (InvalidRecordException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  public static MonitoredTerm parse(String json) throws IOException {
    return parse(json.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads and validates one record: strict JSON (no duplicate keys, at most {@value
   * #MAX_RECORD_BYTES} bytes), ids checked, {@code score} in [0, 1], dates in [2000, 2100), every
   * feature finite, {@code outcome} {@code RENEWED} or {@code LAPSED} and then {@code endDay}
   * required (neither while the term is open).
   *
   * @throws InvalidRecordException with a reason code from {@link StrictJson} or {@link JsonFields}
   */
  public static MonitoredTerm read(byte[] bytes) throws InvalidRecordException {
    ObjectNode n = StrictJson.readObject(bytes, MAX_RECORD_BYTES, "monitored term");
    MonitoredTerm t = new MonitoredTerm();
    t.policyholderId = JsonFields.optionalId(n, "policyholderId");
    t.policyId = JsonFields.id(n, "policyId");
    t.renewalDate = JsonFields.epochDay(n, "renewalDate", FIRST_DAY, END_DAY);
    t.asOf = JsonFields.epochMilli(n, "asOf", EARLIEST, END);
    t.modelVersion = JsonFields.text(n, "modelVersion");
    t.score = JsonFields.number(n, "score", 0, 1);
    t.features = features(n.get("features"));
    t.contacted = contacted(n.get("contacted"));
    String outcome = JsonFields.optionalId(n, "outcome");
    if (outcome == null) {
      if (n.has("endDay")) {
        throw new InvalidRecordException(
            JsonFields.BAD_VALUE,
            "field 'endDay' is set but 'outcome' is not; set both or neither");
      }
      return t;
    }
    if (!outcome.equals(MonitoredTerm.RENEWED) && !outcome.equals(MonitoredTerm.LAPSED)) {
      throw new InvalidRecordException(
          JsonFields.BAD_VALUE, "field 'outcome' must be RENEWED or LAPSED, was '" + outcome + "'");
    }
    t.outcome = outcome;
    t.endDay = JsonFields.epochDay(n, "endDay", FIRST_DAY, END_DAY);
    return t;
  }

  private static boolean contacted(JsonNode v) throws InvalidRecordException {
    if (v == null || v.isNull()) {
      return false;
    }
    if (!v.isBoolean()) {
      throw new InvalidRecordException(
          JsonFields.WRONG_TYPE, "field 'contacted' must be a boolean, was " + v.getNodeType());
    }
    return v.booleanValue();
  }

  private static double[] features(JsonNode v) throws InvalidRecordException {
    if (v == null || v.isNull()) {
      throw new InvalidRecordException(JsonFields.MISSING_FIELD, "field 'features' is missing");
    }
    if (!v.isArray()) {
      throw new InvalidRecordException(
          JsonFields.WRONG_TYPE, "field 'features' must be an array, was " + v.getNodeType());
    }
    if (v.size() > MAX_FEATURES) {
      throw new InvalidRecordException(
          JsonFields.BAD_VALUE,
          "field 'features' has " + v.size() + " values, at most " + MAX_FEATURES + " allowed");
    }
    double[] out = new double[v.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode e = v.get(i);
      if (!e.isNumber() || !Double.isFinite(e.doubleValue())) {
        throw new InvalidRecordException(
            JsonFields.WRONG_TYPE, "field 'features[" + i + "]' must be a finite number, was " + e);
      }
      out[i] = e.doubleValue();
    }
    return out;
  }
}
