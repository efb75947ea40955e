package io.lapsewatch.alertcontract;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The ranges alert and outcome records must keep to. Dates and instants lie in [2000, 2100): an
 * alert is about a policy term in force now, so anything before 2000 is a default or a unit error
 * (epoch 0, seconds read as milliseconds) and anything from 2100 on, like year 99999, a typo or an
 * overflow; the event contract stops at 2099 too, and no replay of history an insurer keeps for
 * retention goes back further than 2000.
 */
public final class ContractRange {
  static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
  static final Instant END = Instant.parse("2100-01-01T00:00:00Z");
  static final LocalDate FIRST_DAY = LocalDate.of(2000, 1, 1);
  static final LocalDate END_DAY = LocalDate.of(2100, 1, 1);

  /** Largest day count either way (daysToRenewal): the span of the date range. */
  static final long MAX_DAYS = 36_600;

  /** Largest premium or feature value: the event contract's premium bound. */
  public static final double MAX_AMOUNT = 1e9;

  private ContractRange() {}
}
