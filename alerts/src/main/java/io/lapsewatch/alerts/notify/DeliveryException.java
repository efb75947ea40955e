package io.lapsewatch.alerts.notify;

/**
 * A notifier gave up on an alert. The message says why in words an operator can act on; it never
 * contains a webhook URL (for most chat channels the URL is the secret) or personal data.
 */
public class DeliveryException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String channel;
  private final int attempts;
  private final boolean permanent;

  public DeliveryException(
      String channel, String message, int attempts, boolean permanent, Throwable cause) {
    super(message, cause);
    this.channel = channel;
    this.attempts = attempts;
    this.permanent = permanent;
  }

  /** The channel that failed. */
  public String channel() {
    return channel;
  }

  /** How many tries were made before giving up. */
  public int attempts() {
    return attempts;
  }

  /** True when retrying later cannot help (e.g. 404, 401): fix the configuration first. */
  public boolean permanent() {
    return permanent;
  }
}
