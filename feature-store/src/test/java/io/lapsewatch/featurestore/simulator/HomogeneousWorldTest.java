package io.lapsewatch.featurestore.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lapsewatch.featurestore.events.EventCodec;
import io.lapsewatch.featurestore.features.FeatureVector;
import io.lapsewatch.featurestore.features.PolicyholderState;
import io.lapsewatch.featurestore.simulator.RetentionProgramme.Treatment;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The homogeneous world is the simulator as it was before response types existed: the hashes below
 * were taken from the code before issue 16 (commit 8f47de9), for a run without a programme, with
 * first treatments of both kinds, and with journey follow-ups.
 */
class HomogeneousWorldTest {
  private static final SimulationConfig BOOK = SimulationConfig.of(400, 200, 7L);
  private static final String PLAIN =
      "215a2526e1c3a7479132e65f7d94c2fce186ff708a8c865d2e88ec03c002cd9c";
  private static final String TREATED =
      "b51811f2c5c843fee6f74569239df476e8f76fcf01b5b79e6606b2046cff9ad0";
  private static final String FOLLOWED_UP =
      "0ab37a176ca3c2c45d6eb3725f727d69dfa130bd8f2f72cf4e2c4108993f1239";

  /** Offers to renewing terms within 40 days of renewal, calls those within 20: both save rates. */
  static Treatment offerOrCall(FeatureVector v) {
    int daysLeft = v.renewalDate - PolicyholderState.dayOf(v.asOf);
    if (daysLeft <= 20) {
      return Treatment.AGENT_CALLBACK;
    }
    return daysLeft <= 40 ? Treatment.RENEWAL_OFFER : Treatment.NONE;
  }

  /** The offer above as a first treatment, and within 20 days a callback as a follow-up. */
  static final RetentionProgramme OFFER_THEN_CALLBACK =
      new RetentionProgramme() {
        @Override
        public Treatment consider(FeatureVector v) {
          return offerOrCall(v);
        }

        @Override
        public List<Delivery> act(FeatureVector v) {
          Treatment t = consider(v);
          if (t == Treatment.AGENT_CALLBACK) {
            return List.of(
                new Delivery(Treatment.RENEWAL_OFFER, false),
                new Delivery(Treatment.AGENT_CALLBACK, true));
          }
          return t == Treatment.NONE ? List.of() : List.of(new Delivery(t, false));
        }
      };

  static String hash(Simulator simulator, RetentionProgramme programme) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    simulator.run(
        e -> sha.update((EventCodec.toJson(e) + "\n").getBytes(StandardCharsets.UTF_8)),
        d -> {},
        programme);
    return HexFormat.of().formatHex(sha.digest());
  }

  @Test
  void shouldBeTheDefaultWorld() {
    assertThat(new Simulator(BOOK).treatmentEffects()).isEqualTo(TreatmentEffects.HOMOGENEOUS);
  }

  @Test
  void shouldGiveTheHistoriesOfBeforeResponseTypesByteForByte() throws Exception {
    Simulator homogeneous = new Simulator(BOOK).withTreatmentEffects(TreatmentEffects.HOMOGENEOUS);

    assertThat(hash(new Simulator(BOOK), null)).isEqualTo(PLAIN);
    assertThat(hash(homogeneous, null)).isEqualTo(PLAIN);
    assertThat(hash(homogeneous, HomogeneousWorldTest::offerOrCall)).isEqualTo(TREATED);
    assertThat(hash(homogeneous, OFFER_THEN_CALLBACK)).isEqualTo(FOLLOWED_UP);
  }

  @Test
  void shouldDrawNothingForTheGroundTruth() throws Exception {
    TreatmentTruth truth = new TreatmentTruth();

    assertThat(hash(new Simulator(BOOK).withGroundTruth(truth), HomogeneousWorldTest::offerOrCall))
        .isEqualTo(TREATED);
    assertThat(truth.size()).isGreaterThan(100);
  }

  @Test
  void shouldLeaveTheHistoryWithoutContactAloneInTheHeterogeneousWorld() throws Exception {
    // The types only change what contact does: with nobody contacted both worlds are the same.
    Simulator heterogeneous =
        new Simulator(BOOK).withTreatmentEffects(TreatmentEffects.HETEROGENEOUS);

    assertThat(hash(heterogeneous, null)).isEqualTo(PLAIN);
    assertThat(hash(heterogeneous, HomogeneousWorldTest::offerOrCall)).isNotEqualTo(TREATED);
  }

  @Test
  void shouldGiveWouldBeLapsersTheFixedSaveRateAsTheirEffect() {
    TreatmentTruth truth = new TreatmentTruth();
    new Simulator(BOOK).withGroundTruth(truth).run(e -> {});

    assertThat(truth.terms())
        .isNotEmpty()
        .allSatisfy(
            t -> {
              assertThat(t.of(Treatment.RENEWAL_OFFER).type())
                  .isEqualTo(
                      t.wouldLapse() ? ResponseType.PARTLY_PERSUADABLE : ResponseType.SURE_THING);
              assertThat(t.of(Treatment.RENEWAL_OFFER).effect())
                  .isEqualTo(t.wouldLapse() ? 0.3 : 0);
              assertThat(t.of(Treatment.AGENT_CALLBACK).effect())
                  .isEqualTo(t.wouldLapse() ? 0.5 : 0);
            });
    assertThat(truth.terms()).anyMatch(TreatmentTruth.TermTruth::wouldLapse);
  }

  @Test
  void shouldRefuseAMissingWorld() {
    assertThatThrownBy(() -> new Simulator(BOOK).withTreatmentEffects(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("treatment effects");
  }
}
