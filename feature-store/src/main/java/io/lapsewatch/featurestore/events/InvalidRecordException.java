package io.lapsewatch.featurestore.events;

/**
 * A record that breaks its contract (event, alert or outcome); the message is the dead-letter
 * detail and {@link #reasonCode()} a short, bounded code for headers and metrics labels.
 */
public class InvalidRecordException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String reasonCode;

  public InvalidRecordException(String reasonCode, String message) {
    super(message);
    this.reasonCode = reasonCode;
  }

  /** Short, bounded reason code for metrics labels, e.g. {@code missing_field}. */
  public String reasonCode() {
    return reasonCode;
  }
}
