package io.lapsewatch.alerts.routing;

import io.lapsewatch.alerts.delivery.RateLimit;
import io.lapsewatch.alerts.notify.Notifier;
import java.util.Optional;

/**
 * A named receiver of the routing file, ready to deliver: its notifier and its rate limit. The name
 * identifies the target in the notification log and dead letters; the notifier's channel (wecom,
 * slack...) is the metrics label.
 */
public record Target(String name, Notifier notifier, Optional<RateLimit> rateLimit) {
  public String channel() {
    return notifier.channel();
  }

  @Override
  public String toString() {
    return "Target{"
        + name
        + " "
        + notifier.channel()
        + rateLimit.map(r -> " " + r).orElse("")
        + "}";
  }
}
