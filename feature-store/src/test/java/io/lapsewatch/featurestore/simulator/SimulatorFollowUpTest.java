package io.lapsewatch.featurestore.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.featurestore.events.EventCodec;
import io.lapsewatch.featurestore.events.EventType;
import io.lapsewatch.featurestore.events.PolicyEvent;
import io.lapsewatch.featurestore.features.FeatureVector;
import io.lapsewatch.featurestore.features.PolicyholderState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A retention programme in the loop: a first treatment reaches a term once however often it is
 * offered, and a journey's follow-up reaches a term already treated as a further event.
 */
class SimulatorFollowUpTest {
  private static final SimulationConfig BOOK = SimulationConfig.of(300, 120, 11L);

  /** Offers every renewing term within 40 days of renewal, on every vector. */
  private static RetentionProgramme.Treatment offerNearRenewal(FeatureVector v) {
    int daysLeft = v.renewalDate - PolicyholderState.dayOf(v.asOf);
    return daysLeft <= 40
        ? RetentionProgramme.Treatment.RENEWAL_OFFER
        : RetentionProgramme.Treatment.NONE;
  }

  /** The offer above, then a callback as a follow-up 10 days after a term's first offer. */
  private static final class OfferThenCallback implements RetentionProgramme {
    private final Map<String, Long> offeredAt = new HashMap<>();
    private final Set<String> calledBack = new HashSet<>();

    @Override
    public Treatment consider(FeatureVector v) {
      return offerNearRenewal(v);
    }

    @Override
    public List<Delivery> act(FeatureVector v) {
      String term = v.policyId + "|" + v.renewalDate;
      if (consider(v) == Treatment.NONE) {
        return List.of();
      }
      Long first = offeredAt.putIfAbsent(term, v.asOf);
      if (first == null) {
        return List.of(new Delivery(Treatment.RENEWAL_OFFER, false));
      }
      if (v.asOf - first >= 10 * 86_400_000L && calledBack.add(term)) {
        return List.of(new Delivery(Treatment.AGENT_CALLBACK, true));
      }
      return List.of();
    }
  }

  private static List<PolicyEvent> run(RetentionProgramme programme) {
    List<PolicyEvent> out = new ArrayList<>();
    new Simulator(BOOK).run(out::add, d -> {}, programme);
    return out;
  }

  private static long count(List<PolicyEvent> events, EventType type) {
    return events.stream().filter(e -> e.type == type).count();
  }

  @Test
  void shouldTreatATermOnceHoweverOftenTheProgrammeOffersIt() {
    List<PolicyEvent> events = run(SimulatorFollowUpTest::offerNearRenewal);

    List<String> offerRefs =
        events.stream().filter(e -> e.type == EventType.OFFER_SENT).map(e -> e.refId).toList();
    assertThat(offerRefs).isNotEmpty().doesNotHaveDuplicates();
    assertThat(count(events, EventType.CALLBACK_COMPLETED)).isZero();
  }

  @Test
  void shouldDeliverAFollowUpToATermAlreadyTreated() {
    List<PolicyEvent> events = run(new OfferThenCallback());

    Map<String, Long> firstOffer = new HashMap<>();
    for (PolicyEvent e : events) {
      if (e.type == EventType.OFFER_SENT) {
        firstOffer.putIfAbsent(e.policyId, e.occurredAt);
      }
    }
    List<PolicyEvent> callbacks =
        events.stream().filter(e -> e.type == EventType.CALLBACK_COMPLETED).toList();
    assertThat(callbacks).isNotEmpty();
    // Every follow-up callback comes after the term's offer, on a policy that was offered.
    for (PolicyEvent c : callbacks) {
      assertThat(firstOffer).containsKey(c.policyId);
      assertThat(c.occurredAt).isGreaterThan(firstOffer.get(c.policyId));
      assertThat(c.topic).isEqualTo("REACHED");
    }
  }

  @Test
  void shouldLeaveTheHistoryAloneWhenTheProgrammeHasNoFollowUps() {
    // The same programme through consider() only and through act() without follow-ups.
    RetentionProgramme plain = SimulatorFollowUpTest::offerNearRenewal;
    RetentionProgramme viaAct =
        new RetentionProgramme() {
          @Override
          public Treatment consider(FeatureVector v) {
            return offerNearRenewal(v);
          }

          @Override
          public List<Delivery> act(FeatureVector v) {
            Treatment t = consider(v);
            return t == Treatment.NONE ? List.of() : List.of(new Delivery(t, false));
          }
        };

    assertThat(run(viaAct).stream().map(EventCodec::toJson).toList())
        .isEqualTo(run(plain).stream().map(EventCodec::toJson).toList());
  }
}
