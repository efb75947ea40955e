package io.lapsewatch.alerts.service;

import io.lapsewatch.alerts.routing.RoutingTable;
import io.lapsewatch.alerts.routing.RoutingWatcher;
import io.lapsewatch.alerts.routing.Target;
import java.util.Optional;

/**
 * The routing in force: the table with the retention-actions writer added for every alert (when
 * enabled), swapped for a reloaded one between batches when the routing file is watched.
 */
final class LiveRouting {
  private final Optional<Target> actionTarget;
  private final Optional<RoutingWatcher> watcher;

  LiveRouting(Optional<Target> actionTarget, Optional<RoutingWatcher> watcher) {
    this.actionTarget = actionTarget;
    this.watcher = watcher;
  }

  /** {@code table} with the retention-actions writer added for every alert, when enabled. */
  RoutingTable withActions(RoutingTable table) {
    return actionTarget.map(table::withTarget).orElse(table);
  }

  /** Between batches, so a reload never races a delivery: swaps in a changed file's rules. */
  void reloadInto(AlertProcessor processor) {
    watcher
        .flatMap(RoutingWatcher::poll)
        .ifPresent(t -> processor.useRouting(withActions(t)).close());
  }
}
