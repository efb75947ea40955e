package io.lapsewatch.retentiondesk;

import java.time.Duration;
import java.time.Instant;

/**
 * How soon a case of one tier must reach its policyholder: within {@code contactWithin} of opening
 * and at least {@code beforeDeadline} before its deadline, whichever comes first.
 */
public record ServiceLevel(Duration contactWithin, Duration beforeDeadline) {
  public ServiceLevel {
    if (contactWithin.isNegative() || beforeDeadline.isNegative()) {
      throw new IllegalArgumentException(
          "service level times must not be negative: " + contactWithin + ", " + beforeDeadline);
    }
  }

  /** When a case opened at {@code openedAt} with {@code deadline} breaches if not contacted. */
  public Instant breachAt(Instant openedAt, Instant deadline) {
    Instant byAge = openedAt.plus(contactWithin);
    Instant byDeadline = deadline.minus(beforeDeadline);
    return byAge.isBefore(byDeadline) ? byAge : byDeadline;
  }
}
