package io.lapsewatch.retentiondesk;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/** What the case page needs of the desk: read a case, record an agent's result on it. */
public interface CaseDesk {
  /** The case as the projection has it, or empty when the desk does not have it (yet). */
  Optional<RetentionCase> find(String caseId);

  /** Records a result; see {@link RetentionDesk#recordResult} for the rules. */
  RecordedResult recordResult(
      String caseId,
      ResultKind resultKind,
      String actor,
      String note,
      Instant nextAttemptAt,
      Instant contactedAt,
      String requestId)
      throws CaseTransitionException, TimeoutException, InterruptedException;
}
