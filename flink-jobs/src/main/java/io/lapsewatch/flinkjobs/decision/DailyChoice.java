package io.lapsewatch.flinkjobs.decision;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.RetentionAction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which of a day's treated alerts a team contacts within its capacity, by expected value: the risk
 * ranking (lapse probability × annual premium × save rate) or, when the alerts were marked {@code
 * rankedBy=uplift}, the uplift ranking (uplift × premium at risk − contact cost, negative effects
 * never contacted). The other ranking runs beside it as a shadow; where the two choose differently
 * is counted in {@link #upliftOnly} and {@link #riskOnly}.
 *
 * @param contact the alerts to send today, best first
 * @param waiting the alerts not chosen today (they may wait for another day)
 * @param negativeEffect treated alerts suppressed because their estimated effect is negative
 * @param upliftOnly alerts the uplift ranking contacts and the risk ranking does not
 * @param riskOnly alerts the risk ranking contacts and the uplift ranking does not
 * @param shadowCompared whether every alert had an uplift estimate, so the two could be compared
 */
public record DailyChoice(
    List<Alert> contact,
    List<Alert> waiting,
    List<Alert> negativeEffect,
    int upliftOnly,
    int riskOnly,
    boolean shadowCompared) {

  /** Expected value of acting under the risk ranking: what the save would be worth. */
  public static double riskValue(Alert a) {
    double saveRate = a.action == RetentionAction.AGENT_CALLBACK ? 0.5 : 0.3;
    return a.score * a.annualPremium * saveRate;
  }

  /** Expected incremental value under the uplift ranking; alerts without an estimate come last. */
  public static double upliftValue(Alert a) {
    return a.expectedValue == null ? Double.NEGATIVE_INFINITY : a.expectedValue;
  }

  private static Comparator<Alert> by(java.util.function.ToDoubleFunction<Alert> value) {
    return Comparator.comparingDouble(value).reversed().thenComparing(a -> a.alertId);
  }

  private static boolean negative(Alert a) {
    return a.uplift != null && a.uplift < 0;
  }

  /**
   * Chooses among {@code due} (treated alerts, one action) at most {@code capacity}; {@link
   * Integer#MAX_VALUE} for a team without a limit.
   */
  public static DailyChoice of(List<Alert> due, int capacity) {
    boolean byUplift = due.stream().anyMatch(a -> UpliftModels.RANKED_BY_UPLIFT.equals(a.rankedBy));
    List<Alert> byRisk = new ArrayList<>(due);
    byRisk.sort(by(DailyChoice::riskValue));
    List<Alert> eligible = new ArrayList<>();
    List<Alert> negatives = new ArrayList<>();
    for (Alert a : due) {
      (negative(a) ? negatives : eligible).add(a);
    }
    // Risk order among alerts without an estimate, so a day that mixes both stays deterministic.
    eligible.sort(by(DailyChoice::upliftValue).thenComparing(by(DailyChoice::riskValue)));
    List<Alert> riskPick = byRisk.subList(0, Math.min(capacity, byRisk.size()));
    List<Alert> upliftPick = eligible.subList(0, Math.min(capacity, eligible.size()));

    boolean compared = due.stream().allMatch(a -> a.uplift != null);
    int upliftOnly = 0;
    int riskOnly = 0;
    if (compared) {
      Set<String> risk = ids(riskPick);
      Set<String> uplift = ids(upliftPick);
      upliftOnly = (int) uplift.stream().filter(id -> !risk.contains(id)).count();
      riskOnly = (int) risk.stream().filter(id -> !uplift.contains(id)).count();
    }
    List<Alert> contact = List.copyOf(byUplift ? upliftPick : riskPick);
    Set<String> chosen = ids(contact);
    List<Alert> waiting = new ArrayList<>();
    for (Alert a : byUplift ? eligible : byRisk) {
      if (!chosen.contains(a.alertId)) {
        waiting.add(a);
      }
    }
    return new DailyChoice(
        contact,
        waiting,
        byUplift ? List.copyOf(negatives) : List.of(),
        upliftOnly,
        riskOnly,
        compared);
  }

  private static Set<String> ids(List<Alert> alerts) {
    Set<String> s = new HashSet<>();
    alerts.forEach(a -> s.add(a.alertId));
    return s;
  }
}
