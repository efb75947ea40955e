package io.lapsewatch.alerts.service;

import io.lapsewatch.alerts.delivery.InMemoryNotificationLog;
import io.lapsewatch.alerts.delivery.NotificationLog;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory log that pretends another process holds the first {@code busyClaims} claims, as a
 * crashed or slower service instance would.
 */
final class TestingNotificationLog implements NotificationLog {
  private final InMemoryNotificationLog delegate;
  private final AtomicInteger busyClaims;
  final AtomicInteger claims = new AtomicInteger();

  TestingNotificationLog(Clock clock, int busyClaims) {
    this.delegate = new InMemoryNotificationLog(Duration.ofMinutes(1), Duration.ofDays(1), clock);
    this.busyClaims = new AtomicInteger(busyClaims);
  }

  @Override
  public void track(String policyholderId, String alertId, Collection<String> targets) {
    delegate.track(policyholderId, alertId, targets);
  }

  @Override
  public Set<String> erase(String policyholderId) {
    return delegate.erase(policyholderId);
  }

  @Override
  public Claim claim(String alertId, String target) {
    claims.incrementAndGet();
    if (busyClaims.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      return Claim.IN_FLIGHT;
    }
    return delegate.claim(alertId, target);
  }

  @Override
  public boolean isSent(String alertId, String target) {
    return delegate.isSent(alertId, target);
  }

  @Override
  public void markSent(String alertId, String target) {
    delegate.markSent(alertId, target);
  }

  @Override
  public void release(String alertId, String target) {
    delegate.release(alertId, target);
  }

  @Override
  public String describe() {
    return "testing";
  }
}
