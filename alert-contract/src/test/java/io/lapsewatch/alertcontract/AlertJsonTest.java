package io.lapsewatch.alertcontract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.lapsewatch.featurestore.events.InvalidRecordException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 12, finding 4: alert records are validated where the alerts service consumes them. */
class AlertJsonTest {
  private static final Alert ALERT = TestingAlerts.highValueCallback("PH-1001");
  private static final String VALID = AlertJson.toJson(ALERT);

  private static InvalidRecordException rejection(String json) {
    InvalidRecordException e =
        catchThrowableOfType(
            InvalidRecordException.class,
            () -> AlertJson.read(json.getBytes(StandardCharsets.UTF_8)));
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
    assertThat(AlertJson.read(AlertJson.toBytes(ALERT))).isEqualTo(ALERT);
    assertThat(AlertJson.parse(AlertJson.toBytes(ALERT))).isEqualTo(ALERT);
  }

  @Test
  void shouldReadAnAlertWithoutAgentOrReasons() throws Exception {
    Alert direct = TestingAlerts.standardOffer("PH-2002");
    direct.agentId = null;
    direct.reasons = new Reason[0];

    assertThat(AlertJson.read(AlertJson.toBytes(direct))).isEqualTo(direct);
  }

  @Test
  void shouldCarryAJourneyStepAndReadAlertsWithoutOne() throws Exception {
    Alert step = TestingAlerts.standardOffer("PH-3003");
    step.product = "MOTOR";
    step.orphaned = true;
    step.journey = "standard-renewal";
    step.journeyVersion = 2;
    step.journeyStep = "offer-by-email";
    step.followUp = true;
    step.offerChannel = "EMAIL";

    String json = AlertJson.toJson(step);

    assertThat(json).contains("\"journey\":\"standard-renewal\"", "\"followUp\":true");
    assertThat(AlertJson.read(AlertJson.toBytes(step))).isEqualTo(step);
    assertThat(VALID).doesNotContain("journey", "messageTo", "offerChannel");
  }

  @Test
  void shouldCarryTheUpliftEstimateAndReadAlertsWithoutOne() throws Exception {
    Alert ranked = TestingAlerts.standardOffer("PH-4004");
    ranked.uplift = -0.125;
    ranked.expectedValue = -42.5;
    ranked.rankedBy = "uplift";

    String json = AlertJson.toJson(ranked);

    assertThat(json).contains("\"uplift\":-0.125", "\"expectedValue\":-42.5");
    assertThat(AlertJson.read(AlertJson.toBytes(ranked))).isEqualTo(ranked);
    assertThat(VALID).doesNotContain("uplift", "expectedValue", "rankedBy");
    assertThat(AlertJson.read(VALID.getBytes(java.nio.charset.StandardCharsets.UTF_8)).uplift)
        .isNull();
  }

  @Test
  void shouldCarryTheFeatureAgeAndReadAlertsWithoutOne() throws Exception {
    Alert fresh = TestingAlerts.standardOffer("PH-4005");
    fresh.featureAgeSeconds = 3L * 86_400 + 17;

    String json = AlertJson.toJson(fresh);

    assertThat(json).contains("\"featureAgeSeconds\":259217");
    assertThat(AlertJson.read(AlertJson.toBytes(fresh))).isEqualTo(fresh);
    assertThat(VALID).doesNotContain("featureAgeSeconds");
    assertThat(AlertJson.toJson(TestingAlerts.standardOffer("PH-4006")))
        .doesNotContain("featureAgeSeconds");
    assertThat(
            AlertJson.read(VALID.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .featureAgeSeconds)
        .isNull();
  }

  @Test
  void shouldRefuseANegativeFeatureAge() {
    String bad = VALID.replace("\"score\":0.82", "\"score\":0.82,\"featureAgeSeconds\":-5");
    InvalidRecordException e = rejection(bad);

    assertThat(e.reasonCode()).isEqualTo("bad_value");
    assertThat(e.getMessage()).contains("featureAgeSeconds");
  }

  @Test
  void shouldRefuseAnUpliftOutsideMinusOneToOne() {
    String bad = VALID.replace("\"score\":0.82", "\"score\":0.82,\"uplift\":1.5");
    InvalidRecordException e = rejection(bad);

    assertThat(e.reasonCode()).isEqualTo("bad_value");
    assertThat(e.getMessage()).contains("uplift").contains("1.5");
  }

  @Test
  void shouldRefuseAJourneyWithoutItsStep() {
    Alert step = TestingAlerts.standardOffer("PH-3004");
    step.journey = "standard-renewal";
    step.journeyVersion = 1;
    step.journeyStep = "offer";
    String json = AlertJson.toJson(step).replace("\"journeyStep\":\"offer\",", "");

    InvalidRecordException e = rejection(json);

    assertThat(e.getMessage()).contains("journeyStep");
  }

  @ParameterizedTest
  @ValueSource(strings = {"alertId", "policyholderId", "tier"})
  void shouldRefuseADuplicateKey(String field) {
    String json = VALID.replaceFirst("\\{", "{\"" + field + "\":\"X\",");

    InvalidRecordException e = rejection(json);

    assertThat(e.reasonCode()).isEqualTo("duplicate_key");
    assertThat(e.getMessage()).contains("\"" + field + "\"");
  }

  @Test
  void shouldRefuseADuplicateKeyInsideAReason() {
    String json =
        replaced("\"feature\":\"open_complaints\"", "\"feature\":\"a\",\"feature\":\"b\"");

    assertThat(rejection(json).reasonCode()).isEqualTo("duplicate_key");
  }

  static Stream<Arguments> badIds() {
    return Stream.of(
        Arguments.of("NUL", "PH\\u0000"),
        Arguments.of("newline and ANSI colour", "PH\\n\\u001b[31m"),
        Arguments.of("RTL override", "PH\\u202e1"),
        Arguments.of("surrounding spaces", " PH1 "),
        Arguments.of("lone surrogate", "PH\\ud800"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badIds")
  void shouldRefuseABadIdInEveryIdField(String kind, String raw) {
    for (String[] field :
        new String[][] {
          {"alertId", "al-ph-1001"},
          {"policyholderId", "PH-1001"},
          {"policyId", "POL-1001"},
          {"agentId", "AG-17"}
        }) {
      InvalidRecordException e =
          rejection(
              replaced(
                  "\"" + field[0] + "\":\"" + field[1] + "\"",
                  "\"" + field[0] + "\":\"" + raw + "\""));
      assertThat(e.reasonCode()).isEqualTo("invalid_id");
      assertThat(e.getMessage()).contains("'" + field[0] + "'");
    }
  }

  @Test
  void shouldRefuseAnAlertIdThatIsAnObject() {
    InvalidRecordException e = rejection(replaced("\"al-ph-1001\"", "{}"));

    assertThat(e.reasonCode()).isEqualTo("wrong_type");
    assertThat(e.getMessage()).contains("alertId").contains("OBJECT");
  }

  @Test
  void shouldRefuseAnEmptyAlertId() {
    assertThat(rejection(replaced("\"al-ph-1001\"", "\"\"")).reasonCode()).isEqualTo("invalid_id");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"NaN\"", "\"0.5\"", "true"})
  void shouldRefuseAScoreThatIsNotANumber(String score) {
    InvalidRecordException e = rejection(replaced("\"score\":0.82", "\"score\":" + score));

    assertThat(e.reasonCode()).isEqualTo("wrong_type");
    assertThat(e.getMessage()).contains("score");
  }

  @Test
  void shouldRefuseALiteralNanScoreAsNotJson() {
    assertThat(rejection(replaced("\"score\":0.82", "\"score\":NaN")).reasonCode())
        .isEqualTo("malformed_json");
  }

  @ParameterizedTest
  @ValueSource(strings = {"-0.01", "1.5", "1e400"})
  void shouldRefuseAScoreOutsideZeroToOne(String score) {
    InvalidRecordException e = rejection(replaced("\"score\":0.82", "\"score\":" + score));

    assertThat(e.reasonCode()).isEqualTo("bad_value");
    assertThat(e.getMessage()).contains("score").contains("[0.0, 1.0]");
  }

  @Test
  void shouldRefuseYear99999() {
    InvalidRecordException asOf =
        rejection(replaced("\"2026-05-20T08:00:00Z\"", "\"+99999-05-20T08:00:00Z\""));
    InvalidRecordException deadline =
        rejection(replaced("\"deadline\":\"2026-06-12\"", "\"deadline\":\"+99999-06-12\""));

    assertThat(asOf.reasonCode()).isEqualTo("bad_timestamp");
    assertThat(asOf.getMessage()).contains("asOf");
    assertThat(deadline.reasonCode()).isEqualTo("bad_timestamp");
    assertThat(deadline.getMessage()).contains("deadline");
  }

  @Test
  void shouldRefuseDatesBeforeTheYear2000() {
    assertThat(
            rejection(replaced("\"2026-05-20T08:00:00Z\"", "\"1970-01-01T00:00:00Z\""))
                .reasonCode())
        .isEqualTo("bad_timestamp");
    assertThat(
            rejection(replaced("\"renewalDate\":\"2026-06-19\"", "\"renewalDate\":\"1999-12-31\""))
                .getMessage())
        .contains("2000-01-01..2099-12-31");
  }

  @Test
  void shouldRefuseAnUnknownTierNamingItEscaped() {
    InvalidRecordException e = rejection(replaced("\"HIGH_VALUE\"", "\"VIP\\u001b[0m\""));

    assertThat(e.reasonCode()).isEqualTo("bad_value");
    assertThat(e.getMessage()).contains("tier").contains("\\u001b[0m").contains("HIGH_VALUE");
  }

  @Test
  void shouldRefuseAMissingRequiredField() {
    InvalidRecordException e = rejection(replaced("\"modelVersion\":\"lr-v3\",", ""));

    assertThat(e.reasonCode()).isEqualTo("missing_field");
    assertThat(e.getMessage()).contains("modelVersion");
  }

  @Test
  void shouldRefuseReasonsThatAreNotObjects() {
    String json =
        VALID.replaceAll("\"reasons\":\\[.*\\],\"deadline\"", "\"reasons\":[1],\"deadline\"");

    assertThat(rejection(json).reasonCode()).isEqualTo("wrong_type");
  }

  @Test
  void shouldRefuseARecordAboveSixtyFourKilobytes() {
    String json = VALID.replaceFirst("\\{", "{\"padding\":\"" + "x".repeat(70_000) + "\",");

    assertThat(rejection(json).reasonCode()).isEqualTo("too_large");
  }

  @Test
  void shouldKeepTheOldParseSignatureWithTheSameMessage() {
    IOException e =
        catchThrowableOfType(
            IOException.class,
            () ->
                AlertJson.parse(replaced("\"al-ph-1001\"", "{}").getBytes(StandardCharsets.UTF_8)));

    assertThat(e).hasMessageContaining("alertId").hasCauseInstanceOf(InvalidRecordException.class);
  }
}
