package io.lapsewatch.alerts.routing;

import java.util.List;

/**
 * One rule of the routing file: alerts that {@link #match} go to {@link #receivers}; evaluation
 * stops at the first matching route unless it says {@code continue: true}.
 *
 * @param line where the route starts in the file, for messages
 */
public record Route(
    String name, RouteMatch match, List<String> receivers, boolean continueMatching, int line) {
  public Route {
    receivers = List.copyOf(receivers);
  }
}
