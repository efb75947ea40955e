package io.lapsewatch.flinkjobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.featurestore.events.PolicyEvent;
import io.lapsewatch.featurestore.scenarios.Scenarios;
import java.time.LocalDate;
import java.util.List;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** The job's per-policyholder value survives a checkpoint (and a heap copy) unchanged. */
class PolicyholderRecordSerializerTest {
  private static final PolicyholderRecordSerializer SERIALIZER =
      PolicyholderRecordSerializer.INSTANCE;

  private static PolicyholderRecord sample() {
    List<PolicyEvent> history = Scenarios.atRisk("PH9", 2400, LocalDate.of(2025, 9, 1));
    PolicyholderRecord r = new PolicyholderRecord();
    history.subList(0, history.size() - 3).forEach(r.features::apply);
    // The last three wait for the watermark; every payload field must come back.
    history.subList(history.size() - 3, history.size()).forEach(r::addPending);
    r.remember("e-1", 10L, 0L);
    r.remember("e-2", 20L, 0L);
    r.nextCalendar = 100L;
    r.calendarRenewals = new int[] {20_000};
    r.calendarEndedDay = 19_000;
    return r;
  }

  private static PolicyholderRecord roundTrip(PolicyholderRecord r) throws Exception {
    DataOutputSerializer out = new DataOutputSerializer(64);
    SERIALIZER.serialize(r, out);
    return SERIALIZER.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
  }

  @Test
  void everyPartComesBackFromTheBytes() throws Exception {
    PolicyholderRecord r = sample();
    PolicyholderRecord back = roundTrip(r);

    assertThat(back.pending).containsExactlyElementsOf(r.pending);
    assertThat(back.recentIds).containsExactly("e-1", "e-2");
    assertThat(back.recentTimes).containsExactly(10L, 20L);
    assertThat(back.nextCalendar).isEqualTo(100L);
    assertThat(back.calendarRenewals).containsExactly(20_000);
    assertThat(back.calendarEndedDay).isEqualTo(19_000);
    long asOf = r.pending.get(0).occurredAt;
    assertThat(back.features.vector("PH9", asOf).values)
        .containsExactly(r.features.vector("PH9", asOf).values);
  }

  @Test
  void copyIsDeepWhereTheRecordIsChangedInPlace() {
    PolicyholderRecord r = sample();
    long asOf = r.pending.get(0).occurredAt;
    double[] before = r.features.vector("PH9", asOf).values;
    PolicyholderRecord copy = SERIALIZER.copy(r);
    PolicyEvent next = copy.pending.get(0);
    for (PolicyEvent e : copy.takePendingUpTo(Long.MAX_VALUE)) {
      copy.logApplied(e);
      copy.features.apply(e);
    }
    copy.remember("e-3", 30L, 0L);

    assertThat(r.pending).hasSize(3).first().isEqualTo(next);
    assertThat(r.features.vector("PH9", asOf).values).containsExactly(before);
    assertThat(r.applied).isEmpty();
    assertThat(r.settled).isNull();
    assertThat(r.recentIds).containsExactly("e-1", "e-2");
  }

  @Test
  void theSettledFeaturesAndTheAppliedLogComeBackFromTheBytes() throws Exception {
    PolicyholderRecord r = sample();
    for (PolicyEvent e : r.takePendingUpTo(Long.MAX_VALUE)) {
      r.logApplied(e);
      r.features.apply(e);
    }
    PolicyholderRecord back = roundTrip(r);

    assertThat(back.applied).containsExactlyElementsOf(r.applied).hasSize(3);
    assertThat(back.settled).isEqualTo(r.settled).isNotEmpty();
  }

  @Test
  void oldIdsAreForgottenWhenANewOneIsRemembered() {
    PolicyholderRecord r = new PolicyholderRecord();
    r.remember("old", 5L, 0L);
    r.remember("new", 50L, 10L);

    assertThat(r.seen("old")).isFalse();
    assertThat(r.seen("new")).isTrue();
  }

  @Test
  void pendingEventsStayInTimeThenIdOrder() {
    List<PolicyEvent> h = Scenarios.atRisk("PH9", 2400, LocalDate.of(2025, 9, 1));
    PolicyholderRecord r = new PolicyholderRecord();
    for (int i = h.size() - 1; i >= 0; i--) {
      r.addPending(h.get(i));
    }
    long previous = Long.MIN_VALUE;
    for (PolicyEvent e : r.pending) {
      assertThat(e.occurredAt).isGreaterThanOrEqualTo(previous);
      previous = e.occurredAt;
    }
    assertThat(r.takePendingUpTo(h.get(0).occurredAt))
        .isNotEmpty()
        .allMatch(e -> e.occurredAt == h.get(0).occurredAt);
  }
}
