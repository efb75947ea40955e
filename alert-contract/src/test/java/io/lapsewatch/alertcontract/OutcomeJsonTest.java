package io.lapsewatch.alertcontract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.lapsewatch.featurestore.events.InvalidRecordException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutcomeJsonTest {
  private static final Outcome OUTCOME =
      TestingOutcomes.of("PH-1001", Tier.HIGH_VALUE, Arm.TREATED, OutcomeKind.RECOVERED);
  private static final String VALID =
      new String(OutcomeJson.toBytes(OUTCOME), StandardCharsets.UTF_8);

  private static InvalidRecordException rejection(String json) {
    InvalidRecordException e =
        catchThrowableOfType(
            InvalidRecordException.class,
            () -> OutcomeJson.read(json.getBytes(StandardCharsets.UTF_8)));
    assertThat(e).as("accepted: %s", json).isNotNull();
    assertThat(e.getMessage()).doesNotContainPattern("[\\x00-\\x1f\\x7f-\\x{10ffff}]");
    return e;
  }

  private static String replaced(String from, String to) {
    assertThat(VALID).contains(from);
    return VALID.replace(from, to);
  }

  @Test
  void shouldReadWhatTheJobWrites() throws Exception {
    Outcome withContact =
        TestingOutcomes.of("PH-7", Tier.STANDARD, Arm.HOLDOUT, OutcomeKind.LAPSED);
    withContact.timeToFirstContactMs = 86_400_000L;

    assertThat(OutcomeJson.read(OutcomeJson.toBytes(OUTCOME))).isEqualTo(OUTCOME);
    assertThat(OutcomeJson.read(OutcomeJson.toBytes(withContact))).isEqualTo(withContact);
  }

  @Test
  void shouldCarryTheJourneyStepOfItsAlert() throws Exception {
    Outcome step = TestingOutcomes.of("PH-9", Tier.STANDARD, Arm.TREATED, OutcomeKind.RECOVERED);
    step.journey = "standard-renewal";
    step.journeyVersion = 1;
    step.journeyStep = "callback-if-silent";
    step.followUp = true;

    assertThat(OutcomeJson.read(OutcomeJson.toBytes(step))).isEqualTo(step);
    assertThat(VALID).doesNotContain("journey");
  }

  @Test
  void shouldCarryTheAlertsPremiumWhenKnownAndReadOutcomesWithoutIt() throws Exception {
    Outcome withPremium =
        TestingOutcomes.of("PH-8", Tier.HIGH_VALUE, Arm.TREATED, OutcomeKind.RECOVERED);
    withPremium.annualPremium = 12_500.5;

    assertThat(new String(OutcomeJson.toBytes(withPremium), StandardCharsets.UTF_8))
        .contains("\"annualPremium\":12500.5");
    assertThat(OutcomeJson.read(OutcomeJson.toBytes(withPremium)).annualPremium)
        .isEqualTo(12_500.5);
    assertThat(VALID).doesNotContain("annualPremium");
    assertThat(OutcomeJson.read(VALID.getBytes(StandardCharsets.UTF_8)).annualPremium)
        .isEqualTo(-1);
    assertThat(rejection(replaced("\"outcome\":", "\"annualPremium\":-5,\"outcome\":")))
        .hasMessageContaining("annualPremium");
  }

  @Test
  void shouldRefuseADuplicateOutcome() {
    InvalidRecordException e =
        rejection(
            replaced(
                "\"outcome\":\"RECOVERED\"", "\"outcome\":\"RECOVERED\",\"outcome\":\"LAPSED\""));

    assertThat(e.reasonCode()).isEqualTo("duplicate_key");
  }

  @ParameterizedTest
  @ValueSource(strings = {"PH\\u0000", "PH\\n\\u001b[31m", "PH\\u202e1", " PH1 ", "PH\\ud800"})
  void shouldRefuseBadIds(String raw) {
    assertThat(rejection(replaced("\"al-ph-1001\"", "\"" + raw + "\"")).reasonCode())
        .isEqualTo("invalid_id");
    assertThat(rejection(replaced("\"PH-1001\"", "\"" + raw + "\"")).reasonCode())
        .isEqualTo("invalid_id");
  }

  @Test
  void shouldRefuseAnAlertIdThatIsAnObject() {
    assertThat(rejection(replaced("\"al-ph-1001\"", "{}")).reasonCode()).isEqualTo("wrong_type");
  }

  @Test
  void shouldRefuseYear99999AndUnknownOutcomes() {
    assertThat(
            rejection(replaced("\"2026-06-20T00:00:00Z\"", "\"+99999-06-20T00:00:00Z\""))
                .reasonCode())
        .isEqualTo("bad_timestamp");
    assertThat(rejection(replaced("\"RECOVERED\"", "\"RENEWED\"")).reasonCode())
        .isEqualTo("bad_value");
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "1.5", "\"5\"", "999999999999999"})
  void shouldRefuseATimeToFirstContactThatIsNotADurationWithinTenYears(String value) {
    String json = VALID.replaceFirst("\\}$", ",\"timeToFirstContactMs\":" + value + "}");

    assertThat(rejection(json).reasonCode()).isIn("bad_value", "wrong_type");
  }
}
