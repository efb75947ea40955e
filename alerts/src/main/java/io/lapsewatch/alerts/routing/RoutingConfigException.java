package io.lapsewatch.alerts.routing;

/**
 * The routing file is wrong: the message names the file, the key path (e.g. {@code
 * routes[1].match.tier}), the line and the offending value (hidden for secrets).
 */
public class RoutingConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RoutingConfigException(String message) {
    super(message);
  }

  public RoutingConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
