package io.lapsewatch.featurestore.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 12, finding 4 against event contract v1: duplicate keys and ids that two systems could read
 * differently are refused with reasons of their own, and the next valid event still parses.
 */
class EventIdentityTest {
  private static final Instant AT = Instant.parse("2025-03-14T09:26:53.589Z");
  private static final String HOLDER = "PH00000042";

  private static final PolicyEvent ISSUED =
      Events.issued(
          "PH00000042-1",
          HOLDER,
          AT,
          "PO00000042-0",
          "MOTOR",
          "AGENT",
          "AG0878",
          1234.56,
          LocalDate.of(2024, 4, 1),
          LocalDate.of(2025, 4, 1));

  private static final String VALID = EventCodec.toJson(ISSUED);

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static InvalidEventException rejection(String json) {
    InvalidEventException e =
        catchThrowableOfType(InvalidEventException.class, () -> EventCodec.parse(utf8(json)));
    assertThat(e).as("accepted: %s", json).isNotNull();
    return e;
  }

  /** The valid event with {@code "field":"<original>"} replaced by raw JSON text. */
  private static String withRawField(String field, String original, String rawJsonString) {
    String from = "\"" + field + "\":\"" + original + "\"";
    assertThat(VALID).contains(from);
    return VALID.replace(from, "\"" + field + "\":\"" + rawJsonString + "\"");
  }

  private void assertTheNextValidEventStillParses() throws Exception {
    assertThat(EventCodec.parse(utf8(VALID))).isEqualTo(ISSUED);
  }

  @Test
  void shouldRefuseADuplicateTypeInsteadOfLettingTheLastWin() throws Exception {
    String json =
        VALID.replace(
            "\"type\":\"POLICY_ISSUED\"", "\"type\":\"POLICY_ISSUED\",\"type\":\"POLICY_LAPSED\"");

    InvalidEventException e = rejection(json);

    assertThat(e.reasonCode()).isEqualTo("duplicate_key");
    assertThat(e.getMessage()).contains("\"type\"");
    assertTheNextValidEventStillParses();
  }

  @Test
  void shouldRefuseADuplicatePolicyholderId() throws Exception {
    String json =
        VALID.replace(
            "\"policyholderId\":\"PH00000042\"",
            "\"policyholderId\":\"PH00000042\",\"policyholderId\":\"PH00000043\"");

    InvalidEventException e = rejection(json);

    assertThat(e.reasonCode()).isEqualTo("duplicate_key");
    assertThat(e.getMessage()).contains("\"policyholderId\"");
    assertTheNextValidEventStillParses();
  }

  @Test
  void shouldRefuseADuplicateKeyInsideThePayload() {
    String json =
        VALID.replace("\"product\":\"MOTOR\"", "\"product\":\"MOTOR\",\"product\":\"LIFE\"");

    assertThat(rejection(json).reasonCode()).isEqualTo("duplicate_key");
  }

  /**
   * Each class of bad id from the finding, as JSON string content (escapes as sent on the wire).
   */
  static Stream<Arguments> badIds() {
    return Stream.of(
        Arguments.of("NUL", "PH\\u0000", "\\u0000"),
        Arguments.of("newline and ANSI colour", "PH\\n\\u001b[31m", "\\u000a\\u001b[31m"),
        Arguments.of("RTL override", "PH\\u202e24", "\\u202e"),
        Arguments.of("surrounding spaces", " PH1 ", "\" PH1 \""),
        Arguments.of("lone surrogate", "PH\\ud800", "\\ud800"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badIds")
  void shouldRefuseABadPolicyholderIdShowingItEscaped(String kind, String raw, String shown)
      throws Exception {
    InvalidEventException e = rejection(withRawField("policyholderId", HOLDER, raw));

    assertThat(e.reasonCode()).isEqualTo("invalid_id");
    assertThat(e.getMessage()).contains("'policyholderId'").contains(shown);
    assertThat(e.getMessage()).doesNotContainPattern("[\\x00-\\x1f\\x7f-\\x{10ffff}]");
    assertTheNextValidEventStillParses();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badIds")
  void shouldRefuseTheSameBadIdsAsEventPolicyAndAgentIds(String kind, String raw, String shown) {
    assertThat(rejection(withRawField("eventId", "PH00000042-1", raw)).getMessage())
        .contains("'eventId'");
    assertThat(rejection(withRawField("policyId", "PO00000042-0", raw)).getMessage())
        .contains("'policyId'");
    assertThat(rejection(withRawField("agentId", "AG0878", raw)).reasonCode())
        .isEqualTo("invalid_id");
  }

  @Test
  void shouldNoLongerMergeTwoPolicyholdersThatDifferOnlyInALoneSurrogate() {
    // Both used to become "PHX?" in UTF-8 and share one Redis hash.
    assertThat(rejection(withRawField("policyholderId", HOLDER, "PHX\\ud800")).reasonCode())
        .isEqualTo("invalid_id");
    assertThat(rejection(withRawField("policyholderId", HOLDER, "PHX\\udbff")).reasonCode())
        .isEqualTo("invalid_id");
  }

  @Test
  void shouldRefuseAnIdThatIsNotAString() {
    InvalidEventException e = rejection(VALID.replace("\"PH00000042\"", "{}"));

    assertThat(e.reasonCode()).isEqualTo("wrong_type");
    assertThat(e.getMessage()).contains("policyholderId");
  }

  @Test
  void shouldRefuseAControlCharacterInFreeTextToo() {
    InvalidEventException e = rejection(VALID.replace("\"MOTOR\"", "\"MOTOR\\u001b[2J\""));

    assertThat(e.reasonCode()).isEqualTo("bad_value");
    assertThat(e.getMessage()).contains("'product'").doesNotContain("\u001b");
  }

  @Test
  void shouldShowAnUnknownTypeEscaped() {
    InvalidEventException e = rejection(VALID.replace("\"POLICY_ISSUED\"", "\"X\\u202eY\""));

    assertThat(e.reasonCode()).isIn("unknown_type", "bad_value");
    assertThat(e.getMessage()).doesNotContain("\u202e");
  }
}
