package io.lapsewatch.flinkjobs.contact;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;

/**
 * The hours of the day (in the policyholders' time zone) when nothing may reach a policyholder
 * directly, e.g. {@code 21:00-08:00}; a period may cross midnight. Start inclusive, end exclusive.
 */
public final class QuietHours implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final String FORM = "must be HH:mm-HH:mm (e.g. 21:00-08:00) or empty";

  private final LocalTime start;
  private final LocalTime end;
  private final ZoneId zone;

  private QuietHours(LocalTime start, LocalTime end, ZoneId zone) {
    this.start = start;
    this.end = end;
    this.zone = zone;
  }

  /** No quiet hours: nothing is ever held. */
  public static QuietHours none() {
    return new QuietHours(null, null, ZoneId.of("UTC"));
  }

  /**
   * Parses {@code HH:mm-HH:mm} (empty = none).
   *
   * @throws IllegalArgumentException saying what is expected when it is not two different times
   *     (the caller names the setting and the value)
   */
  public static QuietHours parse(String period, ZoneId zone) {
    if (period == null || period.isBlank()) {
      return none();
    }
    String[] parts = period.trim().split("-", -1);
    if (parts.length != 2) {
      throw new IllegalArgumentException(FORM);
    }
    try {
      LocalTime from = LocalTime.parse(parts[0].trim());
      LocalTime to = LocalTime.parse(parts[1].trim());
      if (from.equals(to)) {
        throw new IllegalArgumentException("must start and end at different times");
      }
      return new QuietHours(from, to, zone);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(FORM);
    }
  }

  public boolean isNone() {
    return start == null;
  }

  /** True when {@code epochMs} falls inside the quiet period. */
  public boolean holds(long epochMs) {
    if (isNone()) {
      return false;
    }
    LocalTime t = Instant.ofEpochMilli(epochMs).atZone(zone).toLocalTime();
    return start.isBefore(end)
        ? !t.isBefore(start) && t.isBefore(end)
        : !t.isBefore(start) || t.isBefore(end);
  }

  /** The first instant at or after {@code epochMs} outside the quiet period. */
  public long endAfter(long epochMs) {
    if (!holds(epochMs)) {
      return epochMs;
    }
    ZonedDateTime at = Instant.ofEpochMilli(epochMs).atZone(zone);
    LocalDate day =
        at.toLocalTime().isBefore(end) ? at.toLocalDate() : at.toLocalDate().plusDays(1);
    return ZonedDateTime.of(day, end, zone).toInstant().toEpochMilli();
  }

  @Override
  public String toString() {
    return isNone() ? "none" : start + "-" + end + " " + zone;
  }
}
