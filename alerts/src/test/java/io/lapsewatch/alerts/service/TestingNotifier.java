package io.lapsewatch.alerts.service;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alerts.notify.DeliveryException;
import io.lapsewatch.alerts.notify.DeliveryReceipt;
import io.lapsewatch.alerts.notify.DigestNotifier;
import io.lapsewatch.alerts.notify.EnrichedAlert;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A notifier that records what it delivers (alerts and digests), or fails as often as told. */
final class TestingNotifier implements DigestNotifier {
  private final String channel;
  private final AtomicInteger failuresLeft;
  private final int digestCapacity;
  final List<Alert> delivered = new CopyOnWriteArrayList<>();
  final List<EnrichedAlert> enriched = new CopyOnWriteArrayList<>();
  final List<List<Alert>> digests = new CopyOnWriteArrayList<>();
  final List<List<EnrichedAlert>> enrichedDigests = new CopyOnWriteArrayList<>();
  final AtomicInteger attempts = new AtomicInteger();
  final List<io.lapsewatch.alerts.notify.DeskNotice> notices = new CopyOnWriteArrayList<>();

  private final boolean permanent;

  private TestingNotifier(String channel, int failures, int digestCapacity) {
    this(channel, failures, digestCapacity, false);
  }

  private TestingNotifier(String channel, int failures, int digestCapacity, boolean permanent) {
    this.permanent = permanent;
    this.channel = channel;
    this.failuresLeft = new AtomicInteger(failures);
    this.digestCapacity = digestCapacity;
  }

  static TestingNotifier working(String channel) {
    return new TestingNotifier(channel, 0, Integer.MAX_VALUE);
  }

  static TestingNotifier failing(String channel) {
    return new TestingNotifier(channel, Integer.MAX_VALUE, Integer.MAX_VALUE);
  }

  /** Always fails with an answer retrying cannot fix (e.g. HTTP 404). */
  static TestingNotifier refusing(String channel) {
    return new TestingNotifier(channel, Integer.MAX_VALUE, Integer.MAX_VALUE, true);
  }

  /** Fails the first {@code n} deliveries, then works. */
  static TestingNotifier failingFirst(String channel, int n) {
    return new TestingNotifier(channel, n, Integer.MAX_VALUE);
  }

  /** Works; a digest holds at most {@code n} alerts. */
  static TestingNotifier digestingAtMost(String channel, int n) {
    return new TestingNotifier(channel, 0, n);
  }

  @Override
  public String channel() {
    return channel;
  }

  @Override
  public DeliveryReceipt deliver(Alert alert) throws DeliveryException {
    return deliver(EnrichedAlert.of(alert));
  }

  @Override
  public DeliveryReceipt deliver(EnrichedAlert alert) throws DeliveryException {
    attempts.incrementAndGet();
    failIfTold();
    delivered.add(alert.alert());
    enriched.add(alert);
    return DeliveryReceipt.firstTry();
  }

  @Override
  public DeliveryReceipt deliverNotice(io.lapsewatch.alerts.notify.DeskNotice notice)
      throws DeliveryException {
    attempts.incrementAndGet();
    failIfTold();
    notices.add(notice);
    return DeliveryReceipt.firstTry();
  }

  @Override
  public int digestCapacity(List<EnrichedAlert> alerts) {
    return Math.min(alerts.size(), digestCapacity);
  }

  @Override
  public DeliveryReceipt deliverDigest(List<EnrichedAlert> alerts) throws DeliveryException {
    attempts.incrementAndGet();
    failIfTold();
    digests.add(alerts.stream().map(EnrichedAlert::alert).toList());
    enrichedDigests.add(List.copyOf(alerts));
    return DeliveryReceipt.firstTry();
  }

  /** Every alert this notifier got, singly or in digests. */
  List<Alert> everything() {
    List<Alert> all = new java.util.ArrayList<>(delivered);
    digests.forEach(all::addAll);
    return all;
  }

  private void failIfTold() throws DeliveryException {
    if (failuresLeft.get() > 0) {
      failuresLeft.decrementAndGet();
      throw new DeliveryException(
          channel,
          permanent ? "HTTP 404" : "gave up after 3 attempts; last: HTTP 503",
          permanent ? 1 : 3,
          permanent,
          null);
    }
  }
}
