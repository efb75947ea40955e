package io.lapsewatch.flinkjobs.types;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.featurestore.events.PolicyEvent;
import io.lapsewatch.featurestore.features.FeatureVector;
import io.lapsewatch.featurestore.features.PolicyholderState;
import io.lapsewatch.featurestore.scenarios.Scenarios;
import java.time.LocalDate;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** The job's hand-written record serializers give back exactly what they were given. */
class JobTypesTest {
  private static final List<PolicyEvent> HISTORY =
      Scenarios.atRisk("PH7", 5200, LocalDate.of(2025, 9, 1));

  private static <T> T roundTrip(TypeSerializer<T> s, T value) throws Exception {
    DataOutputSerializer out = new DataOutputSerializer(64);
    s.serialize(value, out);
    DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
    T back = s.deserialize(in);
    assertThat(in.available()).as("every byte read").isZero();
    return back;
  }

  @Test
  void everyEventOfAHistoryComesBackEqual() throws Exception {
    TypeSerializer<PolicyEvent> s =
        JobTypes.POLICY_EVENT.createSerializer(new SerializerConfigImpl());
    for (PolicyEvent e : HISTORY) {
      assertThat(roundTrip(s, e)).isEqualTo(e);
      assertThat(s.copy(e)).isEqualTo(e).isNotSameAs(e);
    }
  }

  @Test
  void consentChangesKeepTheirFlagInTheSameLayout() throws Exception {
    TypeSerializer<PolicyEvent> s =
        JobTypes.POLICY_EVENT.createSerializer(new SerializerConfigImpl());
    java.time.Instant at = java.time.Instant.parse("2025-03-01T10:00:00Z");
    PolicyEvent optOut =
        io.lapsewatch.featurestore.events.Events.consentChanged("c1", "PH7", at, true, "SMS");
    PolicyEvent optIn =
        io.lapsewatch.featurestore.events.Events.consentChanged("c2", "PH7", at, false, null);

    assertThat(roundTrip(s, optOut)).isEqualTo(optOut);
    assertThat(roundTrip(s, optIn)).isEqualTo(optIn);
    assertThat(roundTrip(s, optOut).approved).isFalse();
    assertThat(s.copy(optOut).doNotContact).isTrue();
  }

  @Test
  void vectorsAndErasuresComeBackEqual() throws Exception {
    TypeSerializer<FeatureVector> s =
        JobTypes.FEATURE_VECTOR.createSerializer(new SerializerConfigImpl());
    PolicyholderState state = new PolicyholderState();
    HISTORY.forEach(state::apply);
    long asOf = HISTORY.get(HISTORY.size() - 1).occurredAt;
    FeatureVector v = state.vector("PH7", asOf);

    assertThat(roundTrip(s, v)).isEqualTo(v);
    FeatureVector later = state.vector("PH7", asOf + 40 * 86_400_000L);
    assertThat(later.newestEventAt).as("a milestone keeps its newest event").isEqualTo(asOf);
    assertThat(roundTrip(s, later).newestEventAt).isEqualTo(asOf);
    assertThat(s.copy(later).newestEventAt).isEqualTo(asOf);
    FeatureVector erased = FeatureVector.erasure("PH7", asOf);
    assertThat(roundTrip(s, erased)).isEqualTo(erased);
    assertThat(roundTrip(s, erased).hasNewestEvent()).isFalse();
    FeatureVector retired = FeatureVector.retirement("PH7", asOf);
    assertThat(roundTrip(s, retired).retired).isTrue();

    FeatureVector copy = s.copy(v);
    copy.values[0] = -1;
    assertThat(v.values[0]).as("the copy has its own values").isNotEqualTo(-1);
  }

  @Test
  void journeyStateAndSignalsArePojosWithoutKryo() throws Exception {
    org.apache.flink.api.common.typeinfo.TypeInformation<io.lapsewatch.journeys.engine.JourneyState>
        state =
            org.apache.flink.api.common.typeinfo.TypeInformation.of(
                io.lapsewatch.journeys.engine.JourneyState.class);
    org.apache.flink.api.common.typeinfo.TypeInformation<
            io.lapsewatch.journeys.engine.JourneySignal>
        signal =
            org.apache.flink.api.common.typeinfo.TypeInformation.of(
                io.lapsewatch.journeys.engine.JourneySignal.class);
    assertThat(state).isInstanceOf(org.apache.flink.api.java.typeutils.PojoTypeInfo.class);
    assertThat(signal).isInstanceOf(org.apache.flink.api.java.typeutils.PojoTypeInfo.class);

    SerializerConfigImpl noKryo = new SerializerConfigImpl();
    noKryo.setGenericTypes(false);
    io.lapsewatch.journeys.engine.JourneyState s = new io.lapsewatch.journeys.engine.JourneyState();
    s.plan = "standard-renewal";
    s.version = 2;
    s.entry = io.lapsewatch.alertcontract.TestingAlerts.standardOffer("PH-1");
    s.band = io.lapsewatch.alertcontract.RiskBand.HIGH;
    s.unreachable = 1;
    io.lapsewatch.journeys.engine.JourneyState back = roundTrip(state.createSerializer(noKryo), s);
    assertThat(back).usingRecursiveComparison().isEqualTo(s);

    io.lapsewatch.journeys.engine.JourneySignal r =
        io.lapsewatch.journeys.engine.JourneySignal.callbackResult(
            "PH-1", 5L, "POL-1", "UNREACHABLE");
    assertThat(roundTrip(signal.createSerializer(noKryo), r))
        .usingRecursiveComparison()
        .isEqualTo(r);
  }
}
