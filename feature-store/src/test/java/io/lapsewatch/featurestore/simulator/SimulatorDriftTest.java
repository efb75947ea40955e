package io.lapsewatch.featurestore.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lapsewatch.featurestore.events.EventCodec;
import io.lapsewatch.featurestore.events.EventType;
import io.lapsewatch.featurestore.events.PolicyEvent;
import io.lapsewatch.featurestore.features.PolicyholderState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A drift shifts the simulated world from its day on and leaves the history before it alone. */
class SimulatorDriftTest {
  private static final SimulationConfig BOOK = SimulationConfig.of(1500, 300, 11L);
  private static final int DRIFT_DAY = 120;
  private static final int FIRST = BOOK.firstDay();

  private static List<String> events(Simulator simulator) {
    List<String> out = new ArrayList<>();
    simulator.run(e -> out.add(EventCodec.toJson(e)));
    return out;
  }

  private static List<PolicyEvent> parsed(Simulator simulator) {
    List<PolicyEvent> out = new ArrayList<>();
    simulator.run(out::add);
    return out;
  }

  private static int day(PolicyEvent e) {
    return PolicyholderState.dayOf(e.occurredAt);
  }

  @Test
  void shouldSilenceEverySessionFromTheOutageDayAndChangeNothingElse() {
    List<PolicyEvent> plain = parsed(new Simulator(BOOK));
    List<PolicyEvent> outage =
        parsed(new Simulator(BOOK).withDrift(BehaviourDrift.appOutage(DRIFT_DAY)));

    List<String> expected = new ArrayList<>();
    long sessionsAfter = 0;
    for (PolicyEvent e : plain) {
      boolean silenced = e.type == EventType.DIGITAL_SESSION && day(e) >= FIRST + DRIFT_DAY;
      sessionsAfter += silenced ? 1 : 0;
      if (!silenced) {
        expected.add(EventCodec.toJson(e));
      }
    }
    assertThat(sessionsAfter).as("sessions the outage must silence").isGreaterThan(1000);
    assertThat(outage)
        .filteredOn(e -> e.type == EventType.DIGITAL_SESSION)
        .isNotEmpty()
        .allSatisfy(e -> assertThat(day(e)).isLessThan(FIRST + DRIFT_DAY));
    // Same seed: the sessions before the day and every other event (renewals and lapses
    // included) are exactly those without the outage.
    assertThat(outage.stream().map(EventCodec::toJson).toList()).isEqualTo(expected);
  }

  @Test
  void shouldLapseMoreAfterAPriceRiseAndKeepTheHistoryBeforeIt() {
    List<PolicyEvent> plain = parsed(new Simulator(BOOK));
    List<PolicyEvent> dearer =
        parsed(new Simulator(BOOK).withDrift(BehaviourDrift.priceRise(DRIFT_DAY, 20)));

    assertThat(before(dearer)).isEqualTo(before(plain));
    long plainLapses = lapsesFromQuotesAfterTheRise(plain);
    long dearerLapses = lapsesFromQuotesAfterTheRise(dearer);
    assertThat(plainLapses).as("lapses without the rise").isGreaterThan(30);
    // 20% dearer adds 1.4 (price term, mean sensitivity 1) + 0.8 (shopping) to the lapse logit:
    // about two and a half times the lapses at this book's rate; 1.5 leaves room for the noise.
    assertThat(dearerLapses).isGreaterThan(Math.round(plainLapses * 1.5));
    assertThat(dearer)
        .filteredOn(e -> e.type == EventType.RENEWAL_QUOTED && day(e) >= FIRST + DRIFT_DAY)
        .isNotEmpty()
        // The steepest own cut is 15%, so every quote after the rise is at least 0.85 x 1.2 = 1.02.
        .allSatisfy(e -> assertThat(e.newPremium / e.lastPremium).isGreaterThan(1.01));
  }

  @Test
  void shouldBeDeterministicBySeed() {
    Simulator drifted =
        new Simulator(BOOK)
            .withDrift(BehaviourDrift.appOutage(60))
            .withDrift(BehaviourDrift.priceRise(90, 10));
    assertThat(drifted.drifts())
        .containsExactly(BehaviourDrift.appOutage(60), BehaviourDrift.priceRise(90, 10));
    assertThat(events(drifted)).isEqualTo(events(drifted));
  }

  @Test
  void shouldReplaceADriftOfTheSameKind() {
    Simulator s =
        new Simulator(BOOK)
            .withDrift(BehaviourDrift.priceRise(90, 10))
            .withDrift(BehaviourDrift.priceRise(100, 30));
    assertThat(s.drifts()).containsExactly(BehaviourDrift.priceRise(100, 30));
  }

  @Test
  void shouldParseTheOptionTextAndNameABadOne() {
    assertThat(BehaviourDrift.parse("app-outage@180")).isEqualTo(BehaviourDrift.appOutage(180));
    assertThat(BehaviourDrift.parse("price-rise@120")).isEqualTo(BehaviourDrift.priceRise(120, 20));
    assertThat(BehaviourDrift.parse("Price-Rise@120:25%"))
        .isEqualTo(BehaviourDrift.priceRise(120, 25));
    BehaviourDrift rise = BehaviourDrift.priceRise(7, 12.5);
    assertThat(BehaviourDrift.parse(rise.toString())).isEqualTo(rise);
    for (String bad : List.of("outage@3", "app-outage", "app-outage@x", "app-outage@3:5")) {
      assertThatThrownBy(() -> BehaviourDrift.parse(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'" + bad + "'");
    }
    assertThatThrownBy(() -> BehaviourDrift.parse("price-rise@3:0")).hasMessageContaining("0.0%");
    assertThatThrownBy(() -> new Simulator(BOOK).withDrift(BehaviourDrift.appOutage(300)))
        .hasMessageContaining("app-outage@300");
  }

  private static List<String> before(List<PolicyEvent> events) {
    return events.stream().filter(e -> day(e) < FIRST + DRIFT_DAY).map(EventCodec::toJson).toList();
  }

  /** Lapses of terms quoted on or after the drift day (a lapse follows its quote by 75 days). */
  private static long lapsesFromQuotesAfterTheRise(List<PolicyEvent> events) {
    int lead = SimulatedPolicyholder.QUOTE_LEAD_DAYS + SimulatedPolicyholder.GRACE_DAYS;
    return events.stream()
        .filter(e -> e.type == EventType.POLICY_LAPSED && day(e) - lead >= FIRST + DRIFT_DAY)
        .count();
  }
}
