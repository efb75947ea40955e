package io.lapsewatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.featurestore.events.EventCodec;
import io.lapsewatch.featurestore.events.PolicyEvent;
import io.lapsewatch.featurestore.simulator.SimulationConfig;
import io.lapsewatch.featurestore.simulator.Simulator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PackedEventsTest {
  @Test
  void givesBackEveryEventAndFindsTheFirstOfEachPolicyholderAndTime() throws Exception {
    List<PolicyEvent> events = new ArrayList<>();
    new Simulator(SimulationConfig.of(30, 60, 5)).run(events::add);
    PackedEvents packed = new PackedEvents(events.size());
    events.forEach(packed::add);

    assertThat(packed.size()).isEqualTo(events.size());
    for (int i = 0; i < events.size(); i++) {
      PolicyEvent e = events.get(i);
      assertThat(new String(packed.key(i), StandardCharsets.UTF_8)).isEqualTo(e.policyholderId);
      assertThat(EventCodec.parse(packed.value(i)).eventId).isEqualTo(e.eventId);
      int first = packed.indexOf(e.policyholderId, e.occurredAt);
      assertThat(first).isBetween(0, i);
      assertThat(events.get(first).policyholderId).isEqualTo(e.policyholderId);
      assertThat(events.get(first).occurredAt).isEqualTo(e.occurredAt);
    }
    assertThat(packed.indexOf("nobody", 0)).isEqualTo(-1);
  }

  @Test
  void refusesEventsPastItsCapacity() {
    List<PolicyEvent> events = new ArrayList<>();
    new Simulator(SimulationConfig.of(5, 30, 2)).run(events::add);
    PackedEvents packed = new PackedEvents(2);

    assertThat(packed.add(events.get(0))).isTrue();
    assertThat(packed.add(events.get(1))).isTrue();
    assertThat(packed.add(events.get(2))).isFalse();
    assertThat(packed.size()).isEqualTo(2);
  }
}
