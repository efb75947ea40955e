package io.lapsewatch.alerts.notify;

import java.util.List;

/** A notifier that can fold several alerts into one message when its rate limit is reached. */
public interface DigestNotifier extends Notifier {

  /**
   * How many of {@code alerts}, from the start, fit into one digest message within the channel's
   * size limits; at least 1 when {@code alerts} is not empty.
   */
  int digestCapacity(List<EnrichedAlert> alerts);

  /**
   * Delivers {@code alerts} (no more than {@link #digestCapacity}) as one message.
   *
   * @throws DeliveryException when the channel gave up; every alert in it counts as failed
   */
  DeliveryReceipt deliverDigest(List<EnrichedAlert> alerts)
      throws DeliveryException, InterruptedException;
}
