package io.lapsewatch.alerts.notify;

/**
 * Proof that a notifier delivered an alert.
 *
 * @param attempts how many tries it took (1 = first try), so retries can be counted
 */
public record DeliveryReceipt(int attempts) {

  /** Validates the attempt count. */
  public DeliveryReceipt {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be >= 1, was " + attempts);
    }
  }

  /** A delivery that succeeded on the first try. */
  public static DeliveryReceipt firstTry() {
    return new DeliveryReceipt(1);
  }
}
