package io.lapsewatch.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.AlertJson;
import io.lapsewatch.alertcontract.Outcome;
import io.lapsewatch.alertcontract.OutcomeJson;
import io.lapsewatch.alertcontract.OutcomeKind;
import io.lapsewatch.featurestore.events.InvalidRecordException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Records that look like an alert or an outcome of {@code retention-alerts} / {@code
 * retention-outcomes} but break the contract, each made from a valid record (its "victim") and
 * written to collide with it: same key, and the victim's id wherever a lax reader (last key wins,
 * trimming, dropping controls, UTF-8 turning a lone surrogate into {@code ?}) would find it. Every
 * copy also differs from the victim in a visible field (the score, or the outcome kind), so a copy
 * that got through is told apart from the victim at the receiver and in the outcome counts.
 */
final class PoisonRecords {
  /** As large as Kafka's default limits let a producer send (the broker takes 1,048,588). */
  static final int NEAR_ONE_MB = 1_048_000;

  /** The score every poison alert carries unless it breaks the score itself. */
  static final double MARKER_SCORE = 0.0123456789;

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One injected record.
   *
   * @param kind what is wrong with it, e.g. {@code alertId-nul}
   * @param victimId the id of the valid record it imitates (and precedes on the topic)
   * @param reason the reason code the contract gives it: what its dead letter must carry
   */
  record Poison(String kind, String victimId, byte[] key, byte[] value, String reason) {}

  /** A way to spoil a valid record's JSON into the bytes of a poison record. */
  private record Variant(String kind, Function<String, byte[]> spoil) {
    /** A variant whose spoiled record is text (sent as UTF-8). */
    static Variant text(String kind, UnaryOperator<String> spoil) {
      return new Variant(kind, json -> utf8(spoil.apply(json)));
    }
  }

  private PoisonRecords() {}

  /** How many poison alerts {@link #alerts} makes, one victim each. */
  static int alertKinds() {
    return alertVariants().size();
  }

  /** How many poison outcomes {@link #outcomes} makes, one victim each. */
  static int outcomeKinds() {
    return outcomeVariants().size();
  }

  /** One poison alert per kind, the i-th imitating {@code victims.get(i)} (keyed like it). */
  static List<Poison> alerts(List<Alert> victims, List<byte[]> keys) {
    List<Variant> variants = alertVariants();
    List<Poison> out = new ArrayList<>(variants.size());
    for (int i = 0; i < variants.size(); i++) {
      Alert v = victims.get(i);
      ObjectNode marked = tree(AlertJson.toJson(v));
      marked.put("score", MARKER_SCORE);
      byte[] value = variants.get(i).spoil().apply(marked.toString());
      out.add(
          new Poison(variants.get(i).kind(), v.alertId, keys.get(i), value, alertReason(value)));
    }
    return out;
  }

  /** One poison outcome per kind, the i-th imitating {@code victims.get(i)} (keyed like it). */
  static List<Poison> outcomes(List<Outcome> victims, List<byte[]> keys) {
    List<Variant> variants = outcomeVariants();
    List<Poison> out = new ArrayList<>(variants.size());
    for (int i = 0; i < variants.size(); i++) {
      Outcome v = victims.get(i);
      ObjectNode flipped = tree(new String(OutcomeJson.toBytes(v), StandardCharsets.UTF_8));
      flipped.put("outcome", flipped(v.outcome).name());
      byte[] value = variants.get(i).spoil().apply(flipped.toString());
      out.add(
          new Poison(variants.get(i).kind(), v.alertId, keys.get(i), value, outcomeReason(value)));
    }
    return out;
  }

  /** The outcome a poison copy claims: never the victim's, so a copy that counts shows. */
  static OutcomeKind flipped(OutcomeKind k) {
    return k == OutcomeKind.RECOVERED ? OutcomeKind.LAPSED : OutcomeKind.RECOVERED;
  }

  private static List<Variant> alertVariants() {
    return List.of(
        new Variant("alert-1mb-junk", json -> junk(NEAR_ONE_MB, 12)),
        Variant.text("alert-1mb-json", json -> padded(json, NEAR_ONE_MB)),
        // Last key wins in a lax reader: the victim's id, with the marker score.
        Variant.text(
            "duplicate-alertId", json -> "{\"alertId\":\"faults-shadow\"," + json.substring(1)),
        Variant.text(
            "duplicate-policyholderId",
            json -> json.substring(0, json.length() - 1) + ",\"policyholderId\":\"PH-SHADOW\"}"),
        Variant.text("alertId-nul", json -> withId(json, "alertId", id -> id + "\u0000")),
        Variant.text(
            "alertId-newline-ansi", json -> withId(json, "alertId", id -> id + "\n\u001b[31m")),
        Variant.text("alertId-rtl-override", json -> withId(json, "alertId", id -> "\u202E" + id)),
        Variant.text("alertId-spaces", json -> withId(json, "alertId", id -> " " + id + " ")),
        // A lone surrogate only survives as a JSON escape: UTF-8 has no bytes for it.
        Variant.text("alertId-lone-surrogate", json -> withRawId(json, "alertId", "\\ud800")),
        Variant.text(
            "policyholderId-lone-surrogate", json -> withRawId(json, "policyholderId", "\\udc00")),
        Variant.text("alertId-object", json -> withRaw(json, "alertId", "{}")),
        // Twice: an id that a lax reader makes empty made the next such alert its "duplicate".
        Variant.text("alertId-object-again", json -> withRaw(json, "alertId", "{}")),
        Variant.text("score-NaN-token", json -> withRaw(json, "score", "NaN")),
        Variant.text("score-NaN-string", json -> withRaw(json, "score", "\"NaN\"")),
        Variant.text(
            "asOf-year-99999", json -> withRaw(json, "asOf", "\"+99999-01-01T00:00:00Z\"")),
        Variant.text(
            "renewalDate-year-99999", json -> withRaw(json, "renewalDate", "\"+99999-06-30\"")));
  }

  private static List<Variant> outcomeVariants() {
    return List.of(
        Variant.text("outcome-1mb-json", json -> padded(json, NEAR_ONE_MB)),
        Variant.text(
            "outcome-duplicate-alertId",
            json -> "{\"alertId\":\"faults-shadow\"," + json.substring(1)),
        Variant.text("outcome-alertId-nul", json -> withId(json, "alertId", id -> id + "\u0000")),
        Variant.text("outcome-alertId-spaces", json -> withId(json, "alertId", id -> id + " ")),
        Variant.text("outcome-alertId-object", json -> withRaw(json, "alertId", "{}")),
        Variant.text("outcome-unknown-kind", json -> withRaw(json, "outcome", "\"RENEWED\"")),
        Variant.text(
            "outcome-resolvedAt-year-99999",
            json -> withRaw(json, "resolvedAt", "\"+99999-01-01T00:00:00Z\"")),
        Variant.text(
            "outcome-negative-contact-time", json -> withRaw(json, "timeToFirstContactMs", "-5")));
  }

  /** The reason code {@link AlertJson#read} gives {@code value}; fails if it reads as valid. */
  private static String alertReason(byte[] value) {
    try {
      AlertJson.read(value);
    } catch (InvalidRecordException e) {
      return e.reasonCode();
    }
    throw new IllegalStateException("a poison alert reads as a valid alert: " + preview(value));
  }

  private static String outcomeReason(byte[] value) {
    try {
      OutcomeJson.read(value);
    } catch (InvalidRecordException e) {
      return e.reasonCode();
    }
    throw new IllegalStateException("a poison outcome reads as a valid outcome: " + preview(value));
  }

  /** {@code json} of exactly {@code size} bytes, with a padding field in front. */
  static String padded(String json, int size) {
    String head = "{\"padding\":\"";
    String tail = "\"," + json.substring(1);
    int fill = size - utf8(head).length - utf8(tail).length;
    return head + "x".repeat(fill) + tail;
  }

  /** {@code size} bytes of seeded noise: mostly invalid UTF-8, never JSON. */
  private static byte[] junk(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String withId(String json, String field, UnaryOperator<String> change) {
    ObjectNode n = tree(json);
    n.put(field, change.apply(n.get(field).asText()));
    return n.toString();
  }

  private static String withRawId(String json, String field, String rawSuffix) {
    ObjectNode n = tree(json);
    String quoted = n.get(field).toString();
    return withRaw(json, field, quoted.substring(0, quoted.length() - 1) + rawSuffix + "\"");
  }

  /** {@code json} with {@code field}'s value replaced by {@code raw} JSON text, as written. */
  private static String withRaw(String json, String field, String raw) {
    ObjectNode n = tree(json);
    n.putRawValue(field, new RawValue(raw));
    return n.toString();
  }

  private static ObjectNode tree(String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String preview(byte[] value) {
    String s = new String(value, 0, Math.min(value.length, 200), StandardCharsets.UTF_8);
    return s + (value.length > 200 ? "... (" + value.length + " bytes)" : "");
  }
}
