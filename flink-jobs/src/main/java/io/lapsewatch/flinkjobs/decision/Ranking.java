package io.lapsewatch.flinkjobs.decision;

import java.util.Locale;

/** How treated alerts compete for a team's daily capacity: by lapse risk or by uplift. */
public enum Ranking {
  /** Lapse probability × annual premium × the action's save rate. */
  RISK,
  /** Estimated uplift × premium at risk − contact cost (once the model passed the gate). */
  UPLIFT;

  /** Lower case, as written in settings ({@code decision.ranking uplift}). */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
