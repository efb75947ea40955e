package io.lapsewatch.events;

/** A record that breaks event contract v1; the message is the dead-letter reason. */
public class InvalidEventException extends Exception {
  private final String reasonCode;

  public InvalidEventException(String reasonCode, String message) {
    super(message);
    this.reasonCode = reasonCode;
  }

  /** Short, bounded reason code for metrics labels, e.g. {@code missing_field}. */
  public String reasonCode() {
    return reasonCode;
  }
}
