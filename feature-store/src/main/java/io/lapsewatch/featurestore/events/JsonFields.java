package io.lapsewatch.featurestore.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * Typed, bounded readers of one field of a JSON object, shared by the contract parsers (events,
 * alerts, outcomes) so that every contract reports the same problem with the same reason code:
 * {@value #MISSING_FIELD}, {@value #WRONG_TYPE}, {@value #BAD_VALUE}, {@value #BAD_TIMESTAMP},
 * {@value StrictJson#TOO_LARGE} (a text too long) and {@value Ids#INVALID_ID}. Messages name the
 * field and show the offending value escaped ({@link Printable}).
 */
public final class JsonFields {
  /** Reason code: a required field is absent or JSON null. */
  public static final String MISSING_FIELD = "missing_field";

  /** Reason code: a field has the wrong JSON type (a number as a string, an object as an id). */
  public static final String WRONG_TYPE = "wrong_type";

  /** Reason code: a value of the right type outside its range or set. */
  public static final String BAD_VALUE = "bad_value";

  /** Reason code: a date or instant that does not parse or lies outside its range. */
  public static final String BAD_TIMESTAMP = "bad_timestamp";

  /** Longest accepted free text (codes, names, versions) unless a reader says otherwise. */
  public static final int MAX_TEXT_LENGTH = 128;

  private JsonFields() {}

  private static JsonNode required(JsonNode n, String field) throws InvalidRecordException {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      throw new InvalidRecordException(MISSING_FIELD, "required field '" + field + "' is missing");
    }
    return v;
  }

  private static InvalidRecordException wrongType(String field, String expected, JsonNode v) {
    return new InvalidRecordException(
        WRONG_TYPE, "field '" + field + "' must be " + expected + ", was " + v.getNodeType());
  }

  /** A required id ({@link Ids}). */
  public static String id(JsonNode n, String field) throws InvalidRecordException {
    JsonNode v = required(n, field);
    if (!v.isTextual()) {
      throw wrongType(field, "a string id", v);
    }
    return Ids.require(field, v.textValue());
  }

  /** An optional id: {@code null} when absent or JSON null, else checked like {@link #id}. */
  public static String optionalId(JsonNode n, String field) throws InvalidRecordException {
    return n.hasNonNull(field) ? id(n, field) : null;
  }

  /**
   * Required text of at most {@value #MAX_TEXT_LENGTH} characters; see {@link #text(JsonNode,
   * String, int)}.
   */
  public static String text(JsonNode n, String field) throws InvalidRecordException {
    return text(n, field, MAX_TEXT_LENGTH);
  }

  /**
   * Required, non-blank text of at most {@code maxLength} characters with no control characters,
   * bidi controls or lone surrogates (they rewrite terminals and messages, or turn into {@code ?}).
   */
  public static String text(JsonNode n, String field, int maxLength) throws InvalidRecordException {
    JsonNode v = required(n, field);
    if (!v.isTextual()) {
      throw wrongType(field, "a string", v);
    }
    String s = v.textValue();
    if (s.isBlank()) {
      throw new InvalidRecordException(BAD_VALUE, "field '" + field + "' is blank");
    }
    if (s.length() > maxLength) {
      throw new InvalidRecordException(
          StrictJson.TOO_LARGE,
          "field '" + field + "' is " + s.length() + " characters, limit " + maxLength);
    }
    int bad = firstUnsafe(s);
    if (bad >= 0) {
      throw new InvalidRecordException(
          BAD_VALUE,
          "field '"
              + field
              + "' has "
              + String.format("U+%04X", (int) s.charAt(bad))
              + " at index "
              + bad
              + " (control, bidi control or lone surrogate): "
              + Printable.quote(s));
    }
    return s;
  }

  /** Index of the first character a message must not carry raw, or -1. */
  static int firstUnsafe(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
        return i;
      }
      if (c < 0x200E) {
        continue;
      }
      if (c == 0x200E
          || c == 0x200F
          || (c >= 0x202A && c <= 0x202E)
          || (c >= 0x2066 && c <= 0x2069)) {
        return i;
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
          continue;
        }
        return i;
      }
      if (Character.isLowSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  /** A required JSON number, finite and within [{@code min}, {@code max}]. */
  public static double number(JsonNode n, String field, double min, double max)
      throws InvalidRecordException {
    JsonNode v = required(n, field);
    if (!v.isNumber()) {
      throw wrongType(field, "a number", v);
    }
    double d = v.doubleValue();
    if (!Double.isFinite(d) || d < min || d > max) {
      throw new InvalidRecordException(
          BAD_VALUE,
          "field '" + field + "' must be a finite number in [" + min + ", " + max + "], was " + v);
    }
    return d;
  }

  /** A required JSON integer within [{@code min}, {@code max}]. */
  public static long integer(JsonNode n, String field, long min, long max)
      throws InvalidRecordException {
    JsonNode v = required(n, field);
    if (!v.isIntegralNumber()) {
      throw wrongType(field, "an integer", v);
    }
    // canConvertToLong first: 2^64 + 10 must not wrap round into range.
    if (!v.canConvertToLong() || v.longValue() < min || v.longValue() > max) {
      throw new InvalidRecordException(
          BAD_VALUE, "field '" + field + "' must be in [" + min + ", " + max + "], was " + v);
    }
    return v.longValue();
  }

  /** A required {@code true} or {@code false}. */
  public static boolean bool(JsonNode n, String field) throws InvalidRecordException {
    JsonNode v = required(n, field);
    if (!v.isBoolean()) {
      throw wrongType(field, "true or false", v);
    }
    return v.booleanValue();
  }

  /** A required string naming one of {@code type}'s constants exactly. */
  public static <E extends Enum<E>> E enumValue(JsonNode n, String field, Class<E> type)
      throws InvalidRecordException {
    JsonNode v = required(n, field);
    if (!v.isTextual()) {
      throw wrongType(field, "a string", v);
    }
    String s = v.textValue();
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(s)) {
        return e;
      }
    }
    throw new InvalidRecordException(
        BAD_VALUE,
        "field '"
            + field
            + "' must be one of "
            + java.util.Arrays.toString(type.getEnumConstants())
            + ", was "
            + Printable.quote(s));
  }

  /** A required ISO date ({@code yyyy-MM-dd}) in [{@code from}, {@code until}), as an epoch day. */
  public static int epochDay(JsonNode n, String field, LocalDate from, LocalDate until)
      throws InvalidRecordException {
    String s = text(n, field);
    LocalDate d;
    try {
      d = LocalDate.parse(s);
    } catch (DateTimeException e) {
      throw new InvalidRecordException(
          BAD_TIMESTAMP,
          "field '" + field + "' is not an ISO date (yyyy-MM-dd): " + Printable.quote(s));
    }
    if (d.isBefore(from) || !d.isBefore(until)) {
      throw new InvalidRecordException(
          BAD_TIMESTAMP,
          "field '" + field + "' is outside " + from + ".." + until.minusDays(1) + ": " + s);
    }
    return (int) d.toEpochDay();
  }

  /**
   * A required ISO-8601 instant with an offset ({@code Z} or {@code +08:00}) in [{@code from},
   * {@code until}), as epoch milliseconds.
   */
  public static long epochMilli(JsonNode n, String field, Instant from, Instant until)
      throws InvalidRecordException {
    String s = text(n, field);
    Instant t;
    try {
      t = OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeException e) {
      throw new InvalidRecordException(
          BAD_TIMESTAMP,
          "field '" + field + "' is not ISO-8601 with an offset: " + Printable.quote(s));
    }
    if (t.isBefore(from) || !t.isBefore(until)) {
      throw new InvalidRecordException(
          BAD_TIMESTAMP, "field '" + field + "' is outside " + from + ".." + until + ": " + s);
    }
    return t.toEpochMilli();
  }
}
