package io.lapsewatch.alerts.metrics;

import java.util.Locale;

/**
 * Why a record on the alerts topic could not be read as an alert; a bounded metrics label and the
 * dead-letter reason. The codes are the event contract's (feature-store README, contract section).
 */
public enum RejectReason {
  /** The record value has no bytes. (A null value is an erasure tombstone, not a rejection.) */
  EMPTY,
  /** Larger than the contract allows ({@code AlertJson.MAX_RECORD_BYTES}), or a text too long. */
  TOO_LARGE,
  /** The bytes are not UTF-8 JSON, or not one JSON object. */
  MALFORMED_JSON,
  /** A key appears twice in one object. */
  DUPLICATE_KEY,
  /** An id breaks the id rule ({@code io.lapsewatch.featurestore.events.Ids}). */
  INVALID_ID,
  /** A required field is absent or null. */
  MISSING_FIELD,
  /** A field has the wrong JSON type, e.g. {@code "alertId": {}}. */
  WRONG_TYPE,
  /** A value outside its range or set: a NaN or out-of-range score, an unknown enum name. */
  BAD_VALUE,
  /** A date or instant that does not parse or lies outside [2000, 2100). */
  BAD_TIMESTAMP,
  /** Anything the parser could not classify (a bug in the parser, not in the record). */
  INVALID_ALERT;

  /** The label value and dead-letter reason, e.g. {@code malformed_json}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The reason for a contract reason code; {@link #INVALID_ALERT} for a code not listed here. */
  public static RejectReason of(String reasonCode) {
    for (RejectReason r : values()) {
      if (r.label().equals(reasonCode)) {
        return r;
      }
    }
    return INVALID_ALERT;
  }
}
