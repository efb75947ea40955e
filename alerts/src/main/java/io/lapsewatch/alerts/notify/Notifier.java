package io.lapsewatch.alerts.notify;

import io.lapsewatch.alertcontract.Alert;

/** Delivers retention alerts to one channel (console, webhook, later chat and email). */
public interface Notifier extends AutoCloseable {

  /**
   * A short, fixed channel name (e.g. {@code webhook}); it becomes a metrics label and a
   * dead-letter header, so it must not depend on the alert or carry a URL.
   */
  String channel();

  /**
   * Delivers one alert, retrying as the channel sees fit.
   *
   * @return how the delivery went, once it succeeded
   * @throws DeliveryException when the channel gave up; the caller dead-letters the alert
   * @throws InterruptedException when the service is shutting down: the alert counts as not
   *     delivered and is consumed again after a restart, so it must not be dead-lettered
   */
  DeliveryReceipt deliver(Alert alert) throws DeliveryException, InterruptedException;

  /**
   * Delivers one alert with its attributes (branch, mentions, personal data for templates). The
   * default ignores the attributes.
   */
  default DeliveryReceipt deliver(EnrichedAlert alert)
      throws DeliveryException, InterruptedException {
    return deliver(alert.alert());
  }

  /**
   * Delivers a desk notice (an escalation to a branch lead). Channels that cannot carry one (email
   * for now) refuse it permanently, so a roles file naming such a receiver shows at the first send.
   */
  default DeliveryReceipt deliverNotice(DeskNotice notice)
      throws DeliveryException, InterruptedException {
    throw new DeliveryException(
        channel(), "channel " + channel() + " cannot carry desk notices", 0, true, null);
  }

  /** Releases connections; the default has none. */
  @Override
  default void close() {}
}
