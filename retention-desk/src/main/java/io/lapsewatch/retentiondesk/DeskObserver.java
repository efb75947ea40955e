package io.lapsewatch.retentiondesk;

/**
 * Told what the desk did, after it is committed: for metrics. Called on the desk's threads; an
 * implementation must be quick and must not throw.
 */
public interface DeskObserver {
  /** Observes nothing. */
  DeskObserver NONE =
      new DeskObserver() {
        @Override
        public void casesOpened(int count) {}

        @Override
        public void resultRecorded(RetentionCase before, RecordedResult recorded) {}
      };

  /** {@code count} cases were opened by this instance (their events committed). */
  void casesOpened(int count);

  /**
   * A new result was recorded (never called for a repeated request).
   *
   * @param before the case as it was before the result
   */
  void resultRecorded(RetentionCase before, RecordedResult recorded);

  /**
   * This instance committed an escalation step that the projection applied (level 1 is also the
   * case's service-level breach).
   *
   * @param caseAfter the case with the step applied
   */
  default void escalated(RetentionCase caseAfter, CaseEvent escalation) {}
}
