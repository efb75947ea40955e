package io.lapsewatch.retentiondesk;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The current state of the cases, as projected from the case-event topic (Redis in production). */
public interface CaseStore {
  /** The case with {@code caseId}, if the projection has it. */
  Optional<RetentionCase> get(String caseId);

  /** What {@link #write} and {@link #advance} return when the store lost the projection. */
  long LOST = -1;

  /**
   * Stores {@code next} as the state after the record at {@code offset} of {@code partition}, and
   * moves that partition's progress past it; does nothing to the case if it already reflects that
   * offset or a later one (another projection got there first).
   *
   * @param expectProgress true when this projection has written progress for the partition before:
   *     then a missing progress means the store was emptied, and nothing is written
   * @return 1 when the case was written, 0 when it was already as new, {@link #LOST} when the store
   *     was emptied under the projection (rebuild from the start)
   */
  long write(RetentionCase next, int partition, long offset, boolean expectProgress);

  /**
   * Moves {@code partition}'s progress to {@code nextOffset} if it is behind.
   *
   * @return 0, or {@link #LOST} as for {@link #write}
   */
  long advance(int partition, long nextOffset, boolean expectProgress);

  /** Next offset to read per partition; empty when the store holds no projection (rebuild). */
  Map<Integer, Long> progress();

  /** Unfinished cases of {@code owner}, earliest deadline first. */
  List<String> openCasesOfOwner(String owner);

  /** Unfinished cases of {@code branch}, earliest deadline first. */
  List<String> openCasesOfBranch(String branch);

  /**
   * Cases of {@code branch}, finished ones included (not erased), whose deadline is at or after
   * {@code epochMilli}, earliest deadline first.
   */
  List<String> casesOfBranchDueSince(String branch, long epochMilli);

  /** Every case id the store holds (erased ones included), earliest deadline first. */
  List<String> allCases();

  /** Unfinished cases whose deadline is before {@code epochMilli}, earliest first. */
  List<String> openCasesDueBefore(long epochMilli);

  /** The cases of {@code policyholderId} (for erasure). */
  List<String> casesOfPolicyholder(String policyholderId);
}
