package io.lapsewatch.alerts.routing;

import io.lapsewatch.alerts.metrics.AlertMetrics;
import java.time.Clock;

/** Turns what the {@link RoutingWatcher} hears into the routing reload metrics. */
public final class RoutingReloadMetrics implements RoutingWatcher.Listener {
  private final AlertMetrics metrics;
  private final Clock clock;

  public RoutingReloadMetrics(AlertMetrics metrics, Clock clock) {
    this.metrics = metrics;
    this.clock = clock;
  }

  @Override
  public void reloaded(RoutingTable table) {
    metrics.routingReloaded(clock.instant().getEpochSecond());
  }

  @Override
  public void reloadFailed(String message) {
    metrics.routingReloadFailed();
  }

  @Override
  public void inForceAgain() {
    metrics.routingInForceAgain();
  }
}
