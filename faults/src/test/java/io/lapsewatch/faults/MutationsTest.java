package io.lapsewatch.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lapsewatch.featurestore.events.EventCodec;
import io.lapsewatch.featurestore.events.InvalidEventException;
import io.lapsewatch.featurestore.events.PolicyEvent;
import io.lapsewatch.featurestore.simulator.SimulationConfig;
import io.lapsewatch.featurestore.simulator.Simulator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MutationsTest {
  @Test
  void everyMutationOfEveryKindBreaksTheEventContract() throws Exception {
    List<PolicyEvent> events = new ArrayList<>();
    new Simulator(SimulationConfig.of(20, 60, 5)).run(events::add);
    Mutations m = new Mutations(1, 500);
    Set<String> kinds = new HashSet<>();
    for (int seq = 0; seq < 2_000; seq++) {
      byte[] valid = EventCodec.toBytes(events.get(seq % events.size()));
      byte[] mutant = m.mutate(seq, valid);
      kinds.add(m.kindOf(seq));
      int n = seq;
      assertThatThrownBy(() -> EventCodec.parse(mutant))
          .as("mutation %d (%s)", n, m.kindOf(seq))
          .isInstanceOf(InvalidEventException.class);
    }
    assertThat(kinds).containsExactlyInAnyOrder(Mutations.KINDS);
  }

  @Test
  void hugeMutationsAreAboutOneMegabyteAndStillFitAKafkaRecord() throws Exception {
    List<PolicyEvent> events = new ArrayList<>();
    new Simulator(SimulationConfig.of(5, 30, 5)).run(events::add);
    Mutations m = new Mutations(1, 10);
    byte[] huge = m.mutate(9, EventCodec.toBytes(events.get(0)));
    assertThat(m.kindOf(9)).isEqualTo("huge_field");
    assertThat(huge.length).isBetween(Mutations.HUGE_BYTES, 1_048_576 - 4_096);
  }
}
