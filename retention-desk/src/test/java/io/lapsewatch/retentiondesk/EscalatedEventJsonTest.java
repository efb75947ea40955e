package io.lapsewatch.retentiondesk;

import static io.lapsewatch.retentiondesk.TestingCases.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lapsewatch.featurestore.events.InvalidRecordException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EscalatedEventJsonTest {
  private static final Instant AT = Instant.parse("2026-05-22T08:00:00Z");

  private static CaseEvent read(String json) throws InvalidRecordException {
    return CaseEventJson.read(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void shouldRoundTripBothLevels() throws Exception {
    CaseEvent one = escalated(1, AT);
    CaseEvent two = escalated(2, AT);

    assertThat(read(CaseEventJson.toJson(one))).isEqualTo(one);
    assertThat(read(CaseEventJson.toJson(two))).isEqualTo(two);
    assertThat(CaseEventJson.toJson(one)).contains("\"kind\":\"ESCALATED\"", "\"level\":1");
    assertThat(CaseEventJson.toJson(one)).doesNotContain("owner");
    assertThat(CaseEventJson.toJson(two))
        .contains("\"level\":2", "\"owner\":\"senior-pool\"", "\"branch\":\"head-office\"");
  }

  @Test
  void shouldRefuseAForeignFieldOnAnEscalation() {
    String json = CaseEventJson.toJson(escalated(1, AT)).replace("}", ",\"result\":\"REACHED\"}");

    assertThatThrownBy(() -> read(json))
        .isInstanceOf(InvalidRecordException.class)
        .hasMessageContaining("'result'")
        .hasMessageContaining("ESCALATED");
  }

  @Test
  void shouldRefuseALevelOutOfRangeOrAnOwnerAtTheWrongLevel() {
    String three = CaseEventJson.toJson(escalated(1, AT)).replace("\"level\":1", "\"level\":3");
    assertThatThrownBy(() -> read(three)).hasMessageContaining("'level'").hasMessageContaining("3");

    String ownerAtOne =
        CaseEventJson.toJson(escalated(1, AT)).replace("}", ",\"owner\":\"senior-pool\"}");
    assertThatThrownBy(() -> read(ownerAtOne)).hasMessageContaining("level 2 and only there");

    String noOwnerAtTwo =
        CaseEventJson.toJson(escalated(2, AT))
            .replace(",\"owner\":\"senior-pool\"", "")
            .replace(",\"branch\":\"head-office\"", "");
    assertThatThrownBy(() -> read(noOwnerAtTwo)).hasMessageContaining("level is 2, no owner");
  }

  @Test
  void shouldRefuseALevelFieldOnAnotherKind() {
    String json = CaseEventJson.toJson(expired()).replace("}", ",\"level\":1}");

    assertThatThrownBy(() -> read(json)).hasMessageContaining("'level' does not belong");
  }

  @Test
  void shouldStillReadEventsOfTheOldKinds() throws Exception {
    CaseEvent old = reassigned("q1", "AG2");

    assertThat(read(CaseEventJson.toJson(old))).isEqualTo(old);
  }

  @Test
  void shouldDeriveTheEventIdFromCaseAndLevelOnly() {
    assertThat(CaseIds.escalatedEvent(CASE, 1)).isEqualTo(CaseIds.escalatedEvent(CASE, 1));
    assertThat(CaseIds.escalatedEvent(CASE, 1)).isNotEqualTo(CaseIds.escalatedEvent(CASE, 2));
    assertThat(CaseIds.escalatedEvent(CASE, 1))
        .isNotEqualTo(CaseIds.escalatedEvent(CaseIds.caseFor("al-2"), 1));
  }
}
