package io.lapsewatch.featurestore.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.featurestore.events.EventType;
import io.lapsewatch.featurestore.events.PolicyEvent;
import io.lapsewatch.featurestore.features.FeatureVector;
import io.lapsewatch.featurestore.features.PolicyholderState;
import io.lapsewatch.featurestore.simulator.RetentionProgramme.Treatment;
import io.lapsewatch.featurestore.simulator.TreatmentTruth.TermTruth;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The heterogeneous world: the type mix documented in docs/uplift.md ("The simulated world"), an
 * effect that does not follow lapse risk, and outcomes that follow the type.
 */
class HeterogeneousWorldTest {
  private static final Treatment[] ACTIONS = {Treatment.RENEWAL_OFFER, Treatment.AGENT_CALLBACK};

  /** A year of 5,000 policyholders, nobody contacted, with its ground truth. */
  private static TreatmentTruth year;

  @BeforeAll
  static void simulateAYear() {
    year = new TreatmentTruth();
    new Simulator(SimulationConfig.of(5_000, 365, 16L))
        .withTreatmentEffects(TreatmentEffects.HETEROGENEOUS)
        .withGroundTruth(year)
        .run(e -> {});
  }

  private static double share(Treatment action, ResponseType type, boolean lapsers) {
    long of = year.terms().stream().filter(t -> t.wouldLapse() == lapsers).count();
    long typed =
        year.terms().stream()
            .filter(t -> t.wouldLapse() == lapsers && t.of(action).type() == type)
            .count();
    return (double) typed / of;
  }

  @Test
  void shouldMixTheTypesAsDocumented() {
    assertThat(year.size()).isGreaterThan(6_000);
    // Would-be lapsers (about a fifth of terms): persuadable or lost cause.
    assertThat(share(Treatment.RENEWAL_OFFER, ResponseType.PERSUADABLE, true))
        .isBetween(0.18, 0.30);
    assertThat(share(Treatment.AGENT_CALLBACK, ResponseType.PERSUADABLE, true))
        .isBetween(0.34, 0.48);
    // Would-be renewers: sure thing or sleeping dog; calls disturb more than letters.
    assertThat(share(Treatment.RENEWAL_OFFER, ResponseType.SLEEPING_DOG, false))
        .isBetween(0.015, 0.04);
    assertThat(share(Treatment.AGENT_CALLBACK, ResponseType.SLEEPING_DOG, false))
        .isBetween(0.06, 0.12);
    for (Treatment a : ACTIONS) {
      assertThat(year.mix(a)).doesNotContainKey(ResponseType.PARTLY_PERSUADABLE);
      for (TermTruth t : year.terms()) {
        ResponseType type = t.of(a).type();
        assertThat(type == ResponseType.PERSUADABLE || type == ResponseType.LOST_CAUSE)
            .isEqualTo(t.wouldLapse());
      }
    }
  }

  @Test
  void shouldNotOrderTheEffectByLapseRisk() {
    List<TermTruth> byRisk = new ArrayList<>(year.terms());
    byRisk.sort(Comparator.comparingDouble(TermTruth::lapseLogit).reversed());
    int n = byRisk.size();
    List<TermTruth> riskiestTenth = byRisk.subList(0, n / 10);
    List<TermTruth> riskiestQuarter = byRisk.subList(0, n / 4);
    for (Treatment a : ACTIONS) {
      // Over every term the true effect hardly follows the risk ...
      double overall =
          pearson(
              byRisk.stream().mapToDouble(TermTruth::lapseLogit).toArray(),
              byRisk.stream().mapToDouble(t -> t.of(a).effect()).toArray());
      assertThat(overall).as("corr(effect, lapse logit), %s", a).isBetween(-0.25, 0.25);
      // ... and among the riskiest quarter (whom a risk ranking contacts) the expected effect falls
      // as the risk rises.
      double atRisk =
          pearson(
              riskiestQuarter.stream().mapToDouble(TermTruth::lapseLogit).toArray(),
              riskiestQuarter.stream().mapToDouble(t -> t.of(a).meanEffect()).toArray());
      assertThat(atRisk).as("corr(mean effect, lapse logit) at risk, %s", a).isNegative();
      // The riskiest tenth are mostly lost causes.
      Map<ResponseType, Integer> top = mix(riskiestTenth, a);
      assertThat(top.getOrDefault(ResponseType.LOST_CAUSE, 0))
          .isGreaterThan(2 * top.getOrDefault(ResponseType.PERSUADABLE, 0));
      // Sleeping dogs are low-risk: below the average term's lapse logit.
      assertThat(meanLogit(byRisk, a, ResponseType.SLEEPING_DOG))
          .isLessThan(byRisk.stream().mapToDouble(TermTruth::lapseLogit).average().orElseThrow());
      // Persuadables sit below lost causes.
      assertThat(meanLogit(byRisk, a, ResponseType.PERSUADABLE))
          .isLessThan(meanLogit(byRisk, a, ResponseType.LOST_CAUSE));
    }
  }

  @Test
  void shouldMakeUpliftRankingSaveMoreThanRiskRankingAmongTheAtRisk() {
    // The headroom a learned model can take: contact a quarter of the riskiest quarter.
    List<TermTruth> atRisk = new ArrayList<>(year.terms());
    atRisk.sort(Comparator.comparingDouble(TermTruth::lapseLogit).reversed());
    atRisk = new ArrayList<>(atRisk.subList(0, atRisk.size() / 4));
    int k = atRisk.size() / 4;
    for (Treatment a : ACTIONS) {
      double byRisk = atRisk.subList(0, k).stream().mapToDouble(t -> t.of(a).effect()).sum();
      List<TermTruth> byUplift = new ArrayList<>(atRisk);
      byUplift.sort(Comparator.comparingDouble((TermTruth t) -> t.of(a).meanEffect()).reversed());
      double byEffect = byUplift.subList(0, k).stream().mapToDouble(t -> t.of(a).effect()).sum();
      assertThat(byRisk).isPositive();
      assertThat(byEffect).as("saves, %s", a).isGreaterThan(2 * byRisk);
    }
  }

  @Test
  void shouldRenewTreatedPersuadablesAndLoseTreatedSleepingDogs() {
    SimulationConfig config = SimulationConfig.of(1_500, 240, 21L);
    for (Treatment action : ACTIONS) {
      TreatmentTruth truth = new TreatmentTruth();
      List<PolicyEvent> events = new ArrayList<>();
      new Simulator(config)
          .withTreatmentEffects(TreatmentEffects.HETEROGENEOUS)
          .withGroundTruth(truth)
          .run(events::add, d -> {}, v -> nearRenewal(v) ? action : Treatment.NONE);

      Map<String, Boolean> renewed = outcomes(events);
      Set<String> treated = treatedTerms(events, action);
      Map<ResponseType, Integer> checked = new EnumMap<>(ResponseType.class);
      int untreated = 0;
      for (TermTruth t : truth.terms()) {
        String key = t.term().policyId() + "@" + t.term().renewalDate();
        Boolean didRenew = renewed.get(key);
        if (didRenew == null) {
          continue; // renews or lapses after the simulated period
        }
        ResponseType type = t.of(action).type();
        if (treated.contains(key)) {
          boolean expected = type == ResponseType.PERSUADABLE || type == ResponseType.SURE_THING;
          assertThat(didRenew).as("%s treated with %s", type, action).isEqualTo(expected);
          assertThat(t.of(action).effect())
              .isEqualTo(
                  type == ResponseType.PERSUADABLE
                      ? 1
                      : type == ResponseType.SLEEPING_DOG ? -1 : 0);
          checked.merge(type, 1, Integer::sum);
        } else {
          assertThat(didRenew).as("untreated %s", type).isEqualTo(!t.wouldLapse());
          untreated++;
        }
      }
      assertThat(checked.getOrDefault(ResponseType.PERSUADABLE, 0)).isGreaterThan(20);
      assertThat(checked.getOrDefault(ResponseType.SLEEPING_DOG, 0)).isGreaterThan(5);
      assertThat(checked.getOrDefault(ResponseType.LOST_CAUSE, 0)).isGreaterThan(20);
      assertThat(untreated).isGreaterThan(0);
    }
  }

  /** Every renewing term within 40 days of renewal (after its quote, 45 days before). */
  private static boolean nearRenewal(FeatureVector v) {
    return v.renewalDate - PolicyholderState.dayOf(v.asOf) <= 40;
  }

  /** Renewed (true) or lapsed (false) per "policy@renewal date". */
  private static Map<String, Boolean> outcomes(List<PolicyEvent> events) {
    Map<String, Boolean> out = new HashMap<>();
    for (PolicyEvent e : events) {
      int day = PolicyholderState.dayOf(e.occurredAt);
      if (e.type == EventType.POLICY_RENEWED) {
        out.put(e.policyId + "@" + LocalDate.ofEpochDay(day), true);
      } else if (e.type == EventType.POLICY_LAPSED) {
        out.put(
            e.policyId + "@" + LocalDate.ofEpochDay(day - SimulatedPolicyholder.GRACE_DAYS), false);
      }
    }
    return out;
  }

  /** Terms that received {@code action} before renewal, as "policy@renewal date". */
  private static Set<String> treatedTerms(List<PolicyEvent> events, Treatment action) {
    EventType delivered =
        action == Treatment.AGENT_CALLBACK ? EventType.CALLBACK_COMPLETED : EventType.OFFER_SENT;
    Set<String> contacted = new HashSet<>();
    Set<String> terms = new HashSet<>();
    for (PolicyEvent e : events) {
      if (e.type == delivered) {
        contacted.add(e.policyId);
      } else if ((e.type == EventType.POLICY_RENEWED || e.type == EventType.POLICY_LAPSED)
          && contacted.remove(e.policyId)) {
        int day = PolicyholderState.dayOf(e.occurredAt);
        int renewal =
            e.type == EventType.POLICY_RENEWED ? day : day - SimulatedPolicyholder.GRACE_DAYS;
        terms.add(e.policyId + "@" + LocalDate.ofEpochDay(renewal));
      }
    }
    return terms;
  }

  private static Map<ResponseType, Integer> mix(List<TermTruth> terms, Treatment a) {
    Map<ResponseType, Integer> mix = new EnumMap<>(ResponseType.class);
    for (TermTruth t : terms) {
      mix.merge(t.of(a).type(), 1, Integer::sum);
    }
    return mix;
  }

  private static double meanLogit(List<TermTruth> terms, Treatment a, ResponseType type) {
    return terms.stream()
        .filter(t -> t.of(a).type() == type)
        .mapToDouble(TermTruth::lapseLogit)
        .average()
        .orElseThrow();
  }

  static double pearson(double[] x, double[] y) {
    double mx = 0;
    double my = 0;
    for (int i = 0; i < x.length; i++) {
      mx += x[i] / x.length;
      my += y[i] / y.length;
    }
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < x.length; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
    return sxy / Math.sqrt(sxx * syy);
  }
}
