package io.lapsewatch.retentiondesk;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.featurestore.events.Ids;
import org.junit.jupiter.api.Test;

class CaseIdsTest {

  @Test
  void shouldBeDeterministicAndFollowTheIdsRule() {
    String longAlert = "al-" + "x".repeat(125);

    assertThat(CaseIds.caseFor(longAlert)).isEqualTo(CaseIds.caseFor(longAlert));
    assertThat(Ids.isValid(CaseIds.caseFor(longAlert))).isTrue();
    assertThat(Ids.isValid(CaseIds.resultEvent(CaseIds.caseFor(longAlert), longAlert))).isTrue();
    assertThat(Ids.isValid(CaseIds.policyEvent(CaseIds.erasedEvent("c")))).isTrue();
  }

  @Test
  void shouldKeepPartsApart() {
    assertThat(CaseIds.resultEvent("ab", "c")).isNotEqualTo(CaseIds.resultEvent("a", "bc"));
    assertThat(CaseIds.resultEvent("c", "r")).isNotEqualTo(CaseIds.reassignedEvent("c", "r"));
    assertThat(CaseIds.openedEvent("a")).isNotEqualTo(CaseIds.expiredEvent("a"));
  }
}
