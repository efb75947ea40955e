package io.lapsewatch.alerts.service;

import io.lapsewatch.alerts.contract.Alert;
import io.lapsewatch.alerts.notify.DeliveryException;
import io.lapsewatch.alerts.notify.DeliveryReceipt;
import io.lapsewatch.alerts.notify.Notifier;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A notifier that records what it delivers, or always fails, as told. */
final class TestingNotifier implements Notifier {
  private final String channel;
  private final boolean failing;
  final List<Alert> delivered = new CopyOnWriteArrayList<>();

  private TestingNotifier(String channel, boolean failing) {
    this.channel = channel;
    this.failing = failing;
  }

  static TestingNotifier working(String channel) {
    return new TestingNotifier(channel, false);
  }

  static TestingNotifier failing(String channel) {
    return new TestingNotifier(channel, true);
  }

  @Override
  public String channel() {
    return channel;
  }

  @Override
  public DeliveryReceipt deliver(Alert alert) throws DeliveryException {
    if (failing) {
      throw new DeliveryException(
          channel, "gave up after 3 attempts; last: HTTP 503", 3, false, null);
    }
    delivered.add(alert);
    return DeliveryReceipt.firstTry();
  }
}
