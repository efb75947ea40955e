package io.lapsewatch.retentiondesk;

import static io.lapsewatch.retentiondesk.TestingCases.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.featurestore.events.InvalidRecordException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CaseEventJsonTest {

  private static CaseEvent roundTrip(CaseEvent e) throws InvalidRecordException {
    return CaseEventJson.read(CaseEventJson.toBytes(e));
  }

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private static String reason(String json) {
    try {
      CaseEventJson.read(bytes(json));
    } catch (InvalidRecordException e) {
      return e.reasonCode() + ": " + e.getMessage();
    }
    throw new AssertionError("accepted " + json);
  }

  @Test
  void shouldRoundTripEveryKind() throws Exception {
    for (CaseEvent e :
        new CaseEvent[] {
          opened(CaseAction.CALLBACK_TASK),
          result("r1", ResultKind.UNREACHABLE, NEXT_WEEK),
          CaseEvent.resultRecorded("ce-2", CASE, AGENT, LATER, ResultKind.REACHED, null, null),
          reassigned("q1", "senior-pool"),
          expired(),
          erased()
        }) {
      assertThat(roundTrip(e)).isEqualTo(e);
    }
  }

  @Test
  void shouldCarryTheFeatureAgeOnlyWhenTheAlertHadOne() throws Exception {
    CaseBrief aged =
        new CaseBrief(BRIEF.tier(), BRIEF.riskBand(), BRIEF.annualPremium(), BRIEF.reasons(), 90L);
    CaseEvent e =
        CaseEvent.opened(
            CaseIds.openedEvent("al-1"),
            CASE,
            RetentionDesk.SYSTEM_ACTOR,
            OPENED_AT,
            "al-1",
            HOLDER,
            "PO0001-0",
            CaseAction.CALLBACK_TASK,
            AGENT,
            "north",
            DEADLINE,
            aged);

    assertThat(CaseEventJson.toJson(e)).contains("\"featureAgeSeconds\":90");
    assertThat(roundTrip(e)).isEqualTo(e);
    assertThat(CaseEventJson.toJson(opened(CaseAction.CALLBACK_TASK)))
        .doesNotContain("featureAgeSeconds");
    assertThat(roundTrip(opened(CaseAction.CALLBACK_TASK)).brief().featureAgeSeconds()).isNull();
  }

  @Test
  void shouldWriteTheContractFieldsByName() {
    String json = CaseEventJson.toJson(opened(CaseAction.RENEWAL_OFFER));

    assertThat(json)
        .contains("\"v\":1")
        .contains("\"kind\":\"OPENED\"")
        .contains("\"action\":\"RENEWAL_OFFER\"")
        .contains("\"deadline\":\"2026-06-05T00:00:00Z\"")
        .contains("\"at\":\"2026-05-20T08:00:00Z\"");
  }

  @Test
  void shouldTruncateInstantsToMillisecondsSoWriteThenReadIsEqual() throws Exception {
    CaseEvent e =
        CaseEvent.resultRecorded(
            "ce-1",
            CASE,
            AGENT,
            Instant.parse("2026-05-21T09:30:00.123456789Z"),
            ResultKind.REACHED,
            null,
            null);

    assertThat(e.at()).isEqualTo(Instant.parse("2026-05-21T09:30:00.123Z"));
    assertThat(roundTrip(e)).isEqualTo(e);
  }

  @Test
  void shouldRefuseAnUnknownVersion() {
    String json = CaseEventJson.toJson(expired()).replace("\"v\":1", "\"v\":2");

    assertThat(reason(json)).startsWith(CaseEventJson.UNKNOWN_VERSION).contains("'v' is 2");
  }

  @Test
  void shouldRefuseDuplicateKeys() {
    String json = CaseEventJson.toJson(expired()).replace("{", "{\"caseId\":\"x\",");

    assertThat(reason(json)).startsWith("duplicate_key");
  }

  @Test
  void shouldRefuseAnIdBreakingTheIdsRule() {
    String json = CaseEventJson.toJson(expired()).replace(CASE, "case 1");

    assertThat(reason(json)).startsWith("invalid_id").contains("caseId");
  }

  @Test
  void shouldRefuseAFieldOfAnotherKind() {
    String json = CaseEventJson.toJson(expired()).replace("}", ",\"owner\":\"AG1\"}");

    assertThat(reason(json))
        .startsWith("bad_value")
        .contains("'owner' does not belong to a EXPIRED");
  }

  @Test
  void shouldRefuseAMissingFieldOfTheKind() {
    String json = CaseEventJson.toJson(reassigned("q1", "AG2")).replace(",\"owner\":\"AG2\"", "");

    assertThat(reason(json)).startsWith("missing_field").contains("owner");
  }

  @Test
  void shouldCarryTheNewOwnersBranchAndReadReassignmentsWrittenWithoutOne() throws Exception {
    CaseEvent withBranch = reassigned("q1", "AG2", "beijing");
    String old = CaseEventJson.toJson(withBranch).replace(",\"branch\":\"beijing\"", "");

    assertThat(CaseEventJson.toJson(withBranch)).contains("\"branch\":\"beijing\"");
    assertThat(CaseEventJson.read(CaseEventJson.toBytes(withBranch)).branch()).isEqualTo("beijing");
    assertThat(old).doesNotContain("branch");
    assertThat(CaseEventJson.read(old.getBytes(java.nio.charset.StandardCharsets.UTF_8)).branch())
        .isNull();
  }

  @Test
  void shouldRefuseAnUnknownKindOrResult() {
    assertThat(reason(CaseEventJson.toJson(expired()).replace("EXPIRED", "CLOSED")))
        .startsWith("bad_value")
        .contains("kind");
    assertThat(
            reason(
                CaseEventJson.toJson(result("r1", ResultKind.REACHED))
                    .replace("REACHED", "reached")))
        .contains("result");
  }

  @Test
  void shouldRefuseANoteWithControlCharacters() {
    String json =
        CaseEventJson.toJson(result("r1", ResultKind.REACHED)).replace("spoke", "sp\\u001boke");

    assertThat(reason(json)).startsWith("bad_value").contains("note");
  }

  @Test
  void shouldRefuseInstantsOutsideTheContractRange() {
    String json = CaseEventJson.toJson(expired()).replace("2026-05-21", "1970-01-01");

    assertThat(reason(json)).startsWith("bad_timestamp").contains("'at'");
  }

  @Test
  void shouldRefuseRecordsThatAreNotObjects() {
    assertThat(reason("[]")).isNotBlank();
    assertThat(reason("")).startsWith("empty");
  }
}
