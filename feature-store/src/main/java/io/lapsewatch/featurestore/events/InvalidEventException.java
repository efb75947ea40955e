package io.lapsewatch.featurestore.events;

/** A record that breaks event contract v1; the message is the dead-letter reason. */
public class InvalidEventException extends InvalidRecordException {
  private static final long serialVersionUID = 1L;

  public InvalidEventException(String reasonCode, String message) {
    super(reasonCode, message);
  }
}
