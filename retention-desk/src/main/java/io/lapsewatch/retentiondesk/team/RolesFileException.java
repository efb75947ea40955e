package io.lapsewatch.retentiondesk.team;

/** The roles file is unreadable or invalid; the message names the key path and the value. */
public final class RolesFileException extends IllegalArgumentException {
  public RolesFileException(String message) {
    super(message);
  }

  public RolesFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
