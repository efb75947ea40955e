package io.lapsewatch.retentiondesk;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.Arm;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which alerts open a case and how: a treated alert opens one, owned by its agent or, for orphans
 * (no agent), by the senior pool; a holdout alert only tracks the outcome, so it opens none, and
 * neither does a journey's message to a receiver ({@code messageTo}), which is no contact.
 *
 * @param seniorPool owner of orphaned policies' cases
 * @param actor who the OPENED events name
 * @param branchOf the branch of an owner (the senior pool included), or null when unknown; the
 *     roles file's {@code DeskUsers.branchLookup}
 */
public record CaseOpening(String seniorPool, String actor, Function<String, String> branchOf) {

  /** Opens cases without branches (no roles file). */
  public CaseOpening(String seniorPool, String actor) {
    this(seniorPool, actor, owner -> null);
  }

  /** The OPENED event for {@code alert}, or empty for a holdout alert or a message. */
  public Optional<CaseEvent> openFor(Alert alert) {
    if (alert.arm != Arm.TREATED || alert.messageTo != null) {
      return Optional.empty();
    }
    String owner = alert.agentId == null ? seniorPool : alert.agentId;
    return Optional.of(
        CaseEvent.opened(
            CaseIds.openedEvent(alert.alertId),
            CaseIds.caseFor(alert.alertId),
            actor,
            // The alert's own time, not the clock's: a replayed alert yields the identical event.
            Instant.ofEpochMilli(alert.asOf),
            alert.alertId,
            alert.policyholderId,
            alert.policyId,
            CaseAction.of(alert.action),
            owner,
            branchOf.apply(owner),
            endOfDay(alert.deadline),
            CaseBrief.of(alert)));
  }

  /** The alert's deadline is a date; the case is due by the end of that day (UTC). */
  static Instant endOfDay(int epochDay) {
    return LocalDate.ofEpochDay(epochDay + 1L).atStartOfDay(ZoneOffset.UTC).toInstant();
  }
}
