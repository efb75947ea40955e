package io.lapsewatch.retentiondesk;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The current state of one retention case: the fold of its events ({@link CaseFile}). Immutable;
 * {@link #history} lists every applied event, oldest first, which is also what makes applying an
 * event twice a no-op.
 *
 * @param policyholderId personal data: show {@link #maskedPolicyholderId()}; null once erased
 * @param branch the branch of the owner, when the desk knows it
 * @param brief what the alert said about the risk; null once erased or for old events
 * @param resolution set once {@link #status} is CLOSED
 * @param lastResult the latest reported result, if any
 * @param nextAttemptAt a planned next attempt, if the latest result named one
 */
public record RetentionCase(
    String caseId,
    String alertId,
    String policyholderId,
    String policyId,
    CaseAction action,
    String owner,
    String branch,
    Instant openedAt,
    Instant deadline,
    CaseBrief brief,
    CaseStatus status,
    Resolution resolution,
    ResultKind lastResult,
    Instant nextAttemptAt,
    Instant updatedAt,
    List<CaseHistoryEntry> history) {

  public RetentionCase {
    history = List.copyOf(history);
  }

  /** True once the case is closed or erased: no result may change it any more. */
  public boolean isFinished() {
    return status == CaseStatus.CLOSED || status == CaseStatus.ERASED;
  }

  /** True when the case is still open past {@code deadline}. */
  public boolean isOverdue(Instant now) {
    return !isFinished() && now.isAfter(deadline);
  }

  /** True when the event with {@code eventId} was already applied. */
  public boolean hasApplied(String eventId) {
    return history.stream().anyMatch(h -> h.eventId().equals(eventId));
  }

  /**
   * True once a result reached the policyholder (REACHED, ACCEPTED, DECLINED): the service level is
   * met. UNREACHABLE and WRONG_CONTACT are attempts, not contact, so they do not stop escalation.
   */
  public boolean contacted() {
    return history.stream().anyMatch(h -> h.result() != null && h.result().reached());
  }

  /** The highest escalation level applied, 0 when the case never escalated. */
  public int escalationLevel() {
    return history.stream()
        .filter(h -> h.kind() == CaseEventKind.ESCALATED)
        .mapToInt(CaseHistoryEntry::level)
        .max()
        .orElse(0);
  }

  /** The escalation steps applied, oldest first (the chain the pages show). */
  public List<CaseHistoryEntry> escalations() {
    return history.stream().filter(h -> h.kind() == CaseEventKind.ESCALATED).toList();
  }

  /** This case with another owner and branch (nothing else changes; not an event). */
  public RetentionCase ownedBy(String newOwner, String newBranch) {
    return new RetentionCase(
        caseId,
        alertId,
        policyholderId,
        policyId,
        action,
        newOwner,
        newBranch,
        openedAt,
        deadline,
        brief,
        status,
        resolution,
        lastResult,
        nextAttemptAt,
        updatedAt,
        history);
  }

  /** The id of the last applied event. */
  public String lastEventId() {
    return history.get(history.size() - 1).eventId();
  }

  /** The policyholder id as pages and logs may show it: first two and last two characters. */
  public String maskedPolicyholderId() {
    return mask(policyholderId);
  }

  /** The resolution, when closed. */
  public Optional<Resolution> resolutionIfClosed() {
    return Optional.ofNullable(resolution);
  }

  /** {@code id} with all but its first two and last two characters replaced by {@code *}. */
  public static String mask(String id) {
    if (id == null) {
      return "(erased)";
    }
    if (id.length() <= 4) {
      return "*".repeat(id.length());
    }
    return id.substring(0, 2) + "*".repeat(id.length() - 4) + id.substring(id.length() - 2);
  }

  @Override
  public String toString() {
    return "RetentionCase{"
        + caseId
        + " "
        + action
        + " "
        + status
        + (resolution == null ? "" : "/" + resolution)
        + " owner="
        + owner
        + " holder="
        + maskedPolicyholderId()
        + "}";
  }
}
