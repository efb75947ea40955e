package io.lapsewatch.featurestore.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdsTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "PH00000042", // simulator policyholder
        "PO00003976-0", // simulator policy
        "AG0878", // simulator agent
        "PH00000042-17", // simulator event
        "erase-PH00000042-1767225600000", // erasure request
        "al-d97d18958b422779486f7dd4", // the job's alert id
        "PH-1001",
        "AG-17",
        "3f2c9a4e-8b1d-4f6a-9c7e-2d5b8a1f0e93", // a UUID
        "crm:case@eu.2026_05",
        "x"
      })
  void shouldAcceptTheIdsProducersUse(String id) throws Exception {
    assertThat(Ids.isValid(id)).isTrue();
    assertThat(Ids.require("policyholderId", id)).isSameAs(id);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "PH\u0000",
        "PH\n\u001b[31m",
        "PH\u202e1",
        " PH1 ",
        "PH 1",
        "PH\u00a01",
        "PH\ud800",
        "PH\udc00X",
        "PH\u200b1",
        "PÉ1",
        "ＰＨ1",
        "PH{1}",
        "PH/1",
        "PH\t1"
      })
  void shouldRefuseIdsTwoSystemsCouldReadDifferently(String id) {
    assertThat(Ids.isValid(id)).isFalse();
    assertThatThrownBy(() -> Ids.require("policyholderId", id))
        .isInstanceOf(InvalidRecordException.class)
        .hasMessageContaining("'policyholderId'")
        .hasMessageContaining(Ids.RULE)
        .satisfies(
            e -> {
              assertThat(((InvalidRecordException) e).reasonCode()).isEqualTo("invalid_id");
              assertThat(e.getMessage()).doesNotContainPattern("[\\x00-\\x1f\\x7f-\\x{10ffff}]");
            });
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 64, 128})
  void shouldAcceptIdsUpToTheMaximumLength(int length) {
    assertThat(Ids.isValid("P".repeat(length))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(ints = {129, 10_000})
  void shouldRefuseLongerIdsNamingTheLength(int length) {
    assertThatThrownBy(() -> Ids.require("eventId", "E".repeat(length)))
        .hasMessageContaining(length + " characters, limit 128");
  }

  @ParameterizedTest
  @ValueSource(strings = {"PH\u0000", "PH\ud800"})
  void shouldShowTheOffendingCharacterEscaped(String id) {
    assertThatThrownBy(() -> Ids.require("policyholderId", id))
        .hasMessageContaining(
            String.format("\"PH\\u%04x\" has U+%04X", (int) id.charAt(2), (int) id.charAt(2)));
  }
}
