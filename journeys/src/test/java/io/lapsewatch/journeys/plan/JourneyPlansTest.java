package io.lapsewatch.journeys.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.Reason;
import io.lapsewatch.alertcontract.RiskBand;
import io.lapsewatch.alertcontract.TestingAlerts;
import io.lapsewatch.alertcontract.Tier;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JourneyPlansTest {
  /**
   * Three plans: a broad low-priority offer plan, a narrower orphaned-client plan of higher
   * priority in two versions, and a high-value plan of the highest priority.
   */
  private static final String PLANS =
      """
      version: 1
      plans:
        - id: standard-renewal
          version: 1
          priority: 10
          steps:
            - id: renewal-offer
              action: renewal-offer
        - id: orphaned-clients
          version: 1
          priority: 15
          entry:
            orphaned: true
          steps:
            - id: senior-callback
              action: callback
        - id: high-value-callback
          version: 1
          priority: 20
          entry:
            tiers: [HIGH_VALUE]
          steps:
            - id: priority-callback
              action: callback
        - id: orphaned-clients
          version: 2
          priority: 15
          entry:
            orphaned: true
          steps:
            - id: senior-callback
              action: callback
            - id: offer-if-unreachable
              when:
                callback-unreachable-at-least: 1
              within-days: 10
              action: renewal-offer
      """;

  private final JourneyPlans plans = PlanLoader.parse(PLANS, "plans.yaml");

  private static Alert orphaned(Alert a) {
    a.orphaned = true;
    return a;
  }

  private static PlanEntry entry(
      Set<Tier> tiers,
      Set<RiskBand> bands,
      Set<String> products,
      Boolean orphaned,
      Set<String> reasons) {
    return new PlanEntry(tiers, bands, products, orphaned, reasons);
  }

  private static final PlanEntry ANYONE = entry(Set.of(), Set.of(), Set.of(), null, Set.of());

  @Test
  void shouldEnterTheHighestPriorityPlanThatAdmitsTheAlert() {
    Alert standard = TestingAlerts.standardOffer("PH-1");
    Alert orphanedStandard = orphaned(TestingAlerts.standardOffer("PH-2"));
    Alert orphanedHighValue = orphaned(TestingAlerts.highValueCallback("PH-3"));

    assertThat(plans.entryFor(standard)).map(JourneyPlan::label).contains("standard-renewal v1");
    assertThat(plans.entryFor(orphanedStandard))
        .map(JourneyPlan::label)
        .contains("orphaned-clients v2");
    assertThat(plans.entryFor(orphanedHighValue))
        .map(JourneyPlan::label)
        .contains("high-value-callback v1");
  }

  @Test
  void shouldEnterTheLatestVersionButStillFindTheOldOne() {
    assertThat(plans.latest("orphaned-clients")).map(JourneyPlan::version).contains(2);
    // Policyholders who entered version 1 stay on it.
    assertThat(plans.find("orphaned-clients", 1)).map(p -> p.steps().size()).contains(1);
    assertThat(plans.find("orphaned-clients", 2)).map(p -> p.steps().size()).contains(2);
    assertThat(plans.find("orphaned-clients", 3)).isEmpty();
    assertThat(plans.find("no-such-plan", 1)).isEmpty();
  }

  @Test
  void shouldEnterTheLatestVersionWhateverItsPlaceInTheFile() {
    String newerFirst =
        """
        version: 1
        plans:
          - id: standard-renewal
            version: 3
            steps:
              - {id: renewal-offer, action: renewal-offer}
          - id: standard-renewal
            version: 2
            steps:
              - {id: renewal-offer, action: renewal-offer}
        """;
    JourneyPlans p = PlanLoader.parse(newerFirst, "plans.yaml");

    assertThat(p.entryFor(TestingAlerts.standardOffer("PH-1")))
        .map(JourneyPlan::version)
        .contains(3);
    assertThat(p.all()).hasSize(2);
  }

  @Test
  void shouldLetTheFirstInTheFileWinATieOfPriority() {
    String tie =
        """
        version: 1
        plans:
          - id: offer-first
            version: 1
            priority: 5
            steps:
              - {id: renewal-offer, action: renewal-offer}
          - id: callback-first
            version: 1
            priority: 5
            steps:
              - {id: callback, action: callback}
        """;

    assertThat(PlanLoader.parse(tie, "plans.yaml").entryFor(TestingAlerts.standardOffer("PH-1")))
        .map(JourneyPlan::id)
        .contains("offer-first");
  }

  @Test
  void shouldEnterNoPlanWhenNoneAdmitsOrThereAreNone() {
    JourneyPlans highValueOnly =
        new JourneyPlans(
            plans.all().stream().filter(p -> p.id().equals("high-value-callback")).toList());

    assertThat(highValueOnly.entryFor(TestingAlerts.standardOffer("PH-1"))).isEmpty();
    assertThat(JourneyPlans.none().entryFor(TestingAlerts.standardOffer("PH-1"))).isEmpty();
    assertThat(JourneyPlans.none().isEmpty()).isTrue();
    assertThat(plans.isEmpty()).isFalse();
  }

  @Test
  void shouldAdmitAnyoneWithAnEmptyEntry() {
    assertThat(ANYONE.admits(TestingAlerts.standardOffer("PH-1"))).isTrue();
    assertThat(ANYONE.admits(orphaned(TestingAlerts.highValueCallback("PH-2")))).isTrue();
  }

  @Test
  void shouldAdmitByTier() {
    PlanEntry highValue = entry(Set.of(Tier.HIGH_VALUE), Set.of(), Set.of(), null, Set.of());

    assertThat(highValue.admits(TestingAlerts.highValueCallback("PH-1"))).isTrue();
    assertThat(highValue.admits(TestingAlerts.standardOffer("PH-2"))).isFalse();
  }

  @Test
  void shouldAdmitByRiskBand() {
    PlanEntry critical = entry(Set.of(), Set.of(RiskBand.CRITICAL), Set.of(), null, Set.of());

    // highValueCallback scores 0.82 (CRITICAL), standardOffer 0.55 (HIGH).
    assertThat(critical.admits(TestingAlerts.highValueCallback("PH-1"))).isTrue();
    assertThat(critical.admits(TestingAlerts.standardOffer("PH-2"))).isFalse();
  }

  @Test
  void shouldAdmitByProductLineAndNeverAnAlertWithoutOne() {
    PlanEntry motor = entry(Set.of(), Set.of(), Set.of("MOTOR"), null, Set.of());
    Alert motorTerm = TestingAlerts.standardOffer("PH-1");
    motorTerm.product = "MOTOR";
    Alert homeTerm = TestingAlerts.standardOffer("PH-2");
    homeTerm.product = "HOME";
    Alert unknownProduct = TestingAlerts.standardOffer("PH-3");

    assertThat(motor.admits(motorTerm)).isTrue();
    assertThat(motor.admits(homeTerm)).isFalse();
    assertThat(motor.admits(unknownProduct)).isFalse();
    // Without a product-lines criterion, an alert without a product is admitted.
    assertThat(ANYONE.admits(unknownProduct)).isTrue();
  }

  @Test
  void shouldAdmitByOrphanedTrueFalseOrAny() {
    PlanEntry onlyOrphaned = entry(Set.of(), Set.of(), Set.of(), true, Set.of());
    PlanEntry onlyWithAgent = entry(Set.of(), Set.of(), Set.of(), false, Set.of());
    Alert orphan = orphaned(TestingAlerts.standardOffer("PH-1"));
    Alert withAgent = TestingAlerts.standardOffer("PH-2");

    assertThat(onlyOrphaned.admits(orphan)).isTrue();
    assertThat(onlyOrphaned.admits(withAgent)).isFalse();
    assertThat(onlyWithAgent.admits(orphan)).isFalse();
    assertThat(onlyWithAgent.admits(withAgent)).isTrue();
    assertThat(ANYONE.admits(orphan)).isTrue();
    assertThat(ANYONE.admits(withAgent)).isTrue();
  }

  @Test
  void shouldAdmitWhenAnyOneOfTheReasonsIsAmongTheAlerts() {
    PlanEntry complaintsOrOverdue =
        entry(Set.of(), Set.of(), Set.of(), null, Set.of("open_complaints", "days_overdue"));
    Alert complaints = TestingAlerts.standardOffer("PH-1"); // open_complaints, premium_missed_90d
    Alert other = TestingAlerts.standardOffer("PH-2");
    other.reasons = new Reason[] {new Reason("tenure_days", 90, 0.4, "a new client")};
    Alert noReasons = TestingAlerts.standardOffer("PH-3");
    noReasons.reasons = null;

    assertThat(complaintsOrOverdue.admits(complaints)).isTrue();
    assertThat(complaintsOrOverdue.admits(other)).isFalse();
    assertThat(complaintsOrOverdue.admits(noReasons)).isFalse();
  }

  @Test
  void shouldRequireEveryCriterionGiven() {
    PlanEntry orphanedHighValueMotor =
        entry(Set.of(Tier.HIGH_VALUE), Set.of(), Set.of("MOTOR"), true, Set.of());
    Alert all = orphaned(TestingAlerts.highValueCallback("PH-1"));
    all.product = "MOTOR";
    Alert notOrphaned = TestingAlerts.highValueCallback("PH-2");
    notOrphaned.product = "MOTOR";

    assertThat(orphanedHighValueMotor.admits(all)).isTrue();
    assertThat(orphanedHighValueMotor.admits(notOrphaned)).isFalse();
  }

  @Test
  void shouldReadEntryFromTheFileAsAdmitsJudgesIt() {
    JourneyPlans fromFile =
        PlanLoader.parse(
            """
            version: 1
            plans:
              - id: complaints
                version: 1
                entry:
                  tiers: STANDARD
                  risk-bands: [HIGH, CRITICAL]
                  product-lines: [MOTOR]
                  orphaned: false
                  reasons: [OPEN_COMPLAINTS]
                steps:
                  - {id: callback, action: callback}
            """,
            "plans.yaml");
    Alert motorComplaint = TestingAlerts.standardOffer("PH-1");
    motorComplaint.product = "MOTOR";
    Alert homeComplaint = TestingAlerts.standardOffer("PH-2");
    homeComplaint.product = "HOME";

    assertThat(fromFile.entryFor(motorComplaint)).map(JourneyPlan::id).contains("complaints");
    assertThat(fromFile.entryFor(homeComplaint)).isEmpty();
  }
}
