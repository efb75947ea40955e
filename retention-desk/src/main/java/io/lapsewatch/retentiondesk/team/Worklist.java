package io.lapsewatch.retentiondesk.team;

import io.lapsewatch.retentiondesk.CaseStatus;
import io.lapsewatch.retentiondesk.Resolution;
import io.lapsewatch.retentiondesk.RetentionCase;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A branch's worklist: the cases a user may see, filtered by owner and status, unfinished ones
 * first by deadline (most urgent on top), then finished ones by deadline. Erased cases are left
 * out: nothing is left to work on them.
 */
public final class Worklist {
  /** What the status filter offers: a case status, or how a closed case ended. */
  public enum StatusFilter {
    OPEN,
    CONTACTED,
    CLOSED,
    ACCEPTED,
    DECLINED,
    UNREACHABLE,
    EXPIRED;

    /** The filter named {@code value} (any case); empty for null or blank; error if unknown. */
    public static Optional<StatusFilter> parse(String value) {
      if (value == null || value.isBlank()) {
        return Optional.empty();
      }
      try {
        return Optional.of(valueOf(value.trim().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "unknown status '" + value + "'; one of " + List.of(values()), e);
      }
    }

    boolean matches(RetentionCase c) {
      return switch (this) {
        case OPEN -> c.status() == CaseStatus.OPEN;
        case CONTACTED -> c.status() == CaseStatus.CONTACTED;
        case CLOSED -> c.status() == CaseStatus.CLOSED;
        case ACCEPTED -> c.resolution() == Resolution.ACCEPTED;
        case DECLINED -> c.resolution() == Resolution.DECLINED;
        case UNREACHABLE -> c.resolution() == Resolution.UNREACHABLE;
        case EXPIRED -> c.resolution() == Resolution.EXPIRED;
      };
    }
  }

  /**
   * @param agent only cases owned by this id, or null for all
   * @param status only cases matching this, or null for all
   */
  public record Filter(String agent, StatusFilter status) {}

  private static final Comparator<RetentionCase> ORDER =
      Comparator.comparing(RetentionCase::isFinished)
          .thenComparing(RetentionCase::deadline)
          .thenComparing(RetentionCase::caseId);

  private Worklist() {}

  /** The rows {@code user} sees of {@code cases} under {@code filter}, in worklist order. */
  public static List<RetentionCase> rows(
      List<RetentionCase> cases, DeskUser user, Access access, Filter filter) {
    return cases.stream()
        .filter(c -> c.status() != CaseStatus.ERASED)
        .filter(c -> access.maySee(user, c))
        .filter(c -> filter.agent() == null || filter.agent().equals(c.owner()))
        .filter(c -> filter.status() == null || filter.status().matches(c))
        .sorted(ORDER)
        .toList();
  }

  /** True when the row is overdue at {@code now}. */
  public static boolean overdue(RetentionCase c, Instant now) {
    return c.isOverdue(now);
  }
}
