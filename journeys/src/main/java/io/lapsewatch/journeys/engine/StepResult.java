package io.lapsewatch.journeys.engine;

import java.util.Locale;

/** What became of a step. */
public enum StepResult {
  /** Its condition held in its window and its action went out. */
  TAKEN,
  /** Its window closed with the condition unmet (or the renewal date had passed). */
  SKIPPED,
  /** The journey ended before the step came due. */
  CANCELLED;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
