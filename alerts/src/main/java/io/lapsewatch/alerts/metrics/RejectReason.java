package io.lapsewatch.alerts.metrics;

import java.util.Locale;

/** Why a record on the alerts topic could not be read as an alert; a bounded metrics label. */
public enum RejectReason {
  /** The record had no value (e.g. a tombstone). */
  EMPTY,
  /** The bytes are not JSON. */
  MALFORMED_JSON,
  /** JSON, but not a valid contract-v1 alert (missing or bad field). */
  INVALID_ALERT;

  /** The label value and dead-letter reason, e.g. {@code malformed_json}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
