package io.lapsewatch.retentiondesk.web;

import io.lapsewatch.featurestore.events.Ids;
import io.lapsewatch.retentiondesk.CaseEventJson;
import io.lapsewatch.retentiondesk.ResultKind;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The case page's result form as posted: which button, the optional note, next-attempt and
 * contacted-at times (entered in the desk's zone), and the request id that makes a double tap
 * record once.
 *
 * @param nextAttemptAt null when not given
 * @param contactedAt null when not given (the desk then takes now)
 */
public record ResultForm(
    ResultKind result, String note, Instant nextAttemptAt, Instant contactedAt, String requestId) {
  /** Form field names. */
  public static final String RESULT = "result";

  public static final String NOTE = "note";
  public static final String NEXT_ATTEMPT = "nextAttemptAt";
  public static final String CONTACTED_AT = "contactedAt";
  public static final String REQUEST_ID = "requestId";

  /** A field the agent (or a forged post) got wrong; the page answers 400 naming it. */
  public static final class BadField extends Exception {
    private static final long serialVersionUID = 1L;
    private final String field;

    BadField(String field, String message) {
      super(message);
      this.field = field;
    }

    /** The form field's name. */
    public String field() {
      return field;
    }
  }

  /** Reads the posted {@code fields}; times in {@code zone}. */
  public static ResultForm parse(Map<String, String> fields, ZoneId zone) throws BadField {
    String kind = fields.get(RESULT);
    ResultKind result;
    try {
      result = ResultKind.valueOf(kind == null ? "" : kind);
    } catch (IllegalArgumentException e) {
      throw new BadField(
          RESULT,
          "result must be one of REACHED, ACCEPTED, DECLINED, UNREACHABLE,"
              + " WRONG_CONTACT, was '"
              + shorten(kind)
              + "'");
    }
    String note = note(fields.get(NOTE));
    String requestId = fields.get(REQUEST_ID);
    if (!Ids.isValid(requestId)) {
      throw new BadField(REQUEST_ID, "requestId must be an id (" + Ids.RULE + ")");
    }
    return new ResultForm(
        result,
        note,
        time(fields, NEXT_ATTEMPT, zone),
        time(fields, CONTACTED_AT, zone),
        requestId);
  }

  private static String note(String raw) throws BadField {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    // The case-event contract keeps a note on one line; a textarea sends line breaks.
    String note = raw.strip().replaceAll("[\\r\\n\\t]+", " ");
    if (note.length() > CaseEventJson.MAX_NOTE) {
      throw new BadField(
          NOTE, "note is " + note.length() + " characters, limit " + CaseEventJson.MAX_NOTE);
    }
    for (int i = 0; i < note.length(); i++) {
      char c = note.charAt(i);
      boolean control = c < 0x20 || (c >= 0x7F && c <= 0x9F);
      boolean bidi =
          c == 0x200E
              || c == 0x200F
              || (c >= 0x202A && c <= 0x202E)
              || (c >= 0x2066 && c <= 0x2069);
      boolean loneSurrogate =
          Character.isHighSurrogate(c)
              ? i + 1 >= note.length() || !Character.isLowSurrogate(note.charAt(++i))
              : Character.isLowSurrogate(c);
      if (control || bidi || loneSurrogate) {
        throw new BadField(
            NOTE,
            String.format(
                "note has U+%04X at index %d (control, bidi control or lone surrogate)",
                (int) c, i));
      }
    }
    return note;
  }

  private static Instant time(Map<String, String> fields, String field, ZoneId zone)
      throws BadField {
    String v = blankToNull(fields.get(field));
    if (v == null) {
      return null;
    }
    try {
      return LocalDateTime.parse(v.trim()).atZone(zone).toInstant();
    } catch (DateTimeParseException e) {
      throw new BadField(
          field,
          field + " must be a date and time like 2026-06-01T14:30, was '" + shorten(v) + "'");
    }
  }

  private static String blankToNull(String v) {
    return v == null || v.isBlank() ? null : v;
  }

  /** Echoes at most a few characters of a bad value: enough to recognise, never a whole note. */
  private static String shorten(String v) {
    if (v == null) {
      return "";
    }
    return v.length() <= 40 ? v : v.substring(0, 40) + "...";
  }
}
