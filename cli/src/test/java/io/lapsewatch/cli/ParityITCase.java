package io.lapsewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.featurestore.events.PolicyEvent;
import io.lapsewatch.featurestore.simulator.SimulationConfig;
import io.lapsewatch.featurestore.simulator.Simulator;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parity command on a small population: the Flink job and the offline code agree. */
class ParityITCase {
  @Test
  void jobAndOfflineFeaturesAreIdenticalOnAShuffledHistory() throws Exception {
    ParityCommand.Result r =
        ParityCommand.check(300, 75, 21, 600_000, new PrintStream(OutputStream.nullOutputStream()));

    assertThat(r.compared()).isGreaterThan(r.events() / 2);
    assertThat(r.mismatching()).isZero();
    assertThat(r.missing()).isZero();
  }

  @Test
  void shuffleReordersButKeepsEveryEventWithinHalfTheBound() {
    List<PolicyEvent> events = new ArrayList<>();
    new Simulator(SimulationConfig.of(50, 30, 2)).run(events::add);
    List<PolicyEvent> shuffled = ParityCommand.shuffleWithin(events, 600_000, 2);

    assertThat(shuffled).containsExactlyInAnyOrderElementsOf(events).isNotEqualTo(events);
    long maxSeen = Long.MIN_VALUE;
    for (PolicyEvent e : shuffled) {
      maxSeen = Math.max(maxSeen, e.occurredAt);
      assertThat(maxSeen - e.occurredAt).isLessThan(300_000);
    }
  }

  @Test
  void comparisonCountsAVectorThatDisagrees() {
    List<PolicyEvent> events = new ArrayList<>();
    new Simulator(SimulationConfig.of(5, 30, 4)).run(events::add);
    io.lapsewatch.featurestore.features.PolicyholderState s =
        new io.lapsewatch.featurestore.features.PolicyholderState();
    PolicyEvent first = events.get(0);
    s.apply(first);
    io.lapsewatch.featurestore.features.FeatureVector wrong =
        s.vector(first.policyholderId, first.occurredAt);
    wrong.values[0] += 1;

    ParityCommand.Result r = ParityCommand.compare(events, List.of(wrong));

    assertThat(r.mismatching()).isEqualTo(1);
    assertThat(r.missing()).isPositive();
  }

  @Test
  void comparisonCountsAVectorWhoseNewestEventDisagrees() {
    List<PolicyEvent> events = new ArrayList<>();
    new Simulator(SimulationConfig.of(5, 30, 4)).run(events::add);
    io.lapsewatch.featurestore.features.PolicyholderState s =
        new io.lapsewatch.featurestore.features.PolicyholderState();
    PolicyEvent first = events.get(0);
    s.apply(first);
    io.lapsewatch.featurestore.features.FeatureVector right =
        s.vector(first.policyholderId, first.occurredAt);
    io.lapsewatch.featurestore.features.FeatureVector stale =
        s.vector(first.policyholderId, first.occurredAt);
    stale.newestEventAt -= 86_400_000L; // same values, but an older feed behind them

    assertThat(ParityCommand.compare(events, List.of(right)).mismatching()).isZero();
    assertThat(ParityCommand.compare(events, List.of(stale)).mismatching()).isEqualTo(1);
  }
}
