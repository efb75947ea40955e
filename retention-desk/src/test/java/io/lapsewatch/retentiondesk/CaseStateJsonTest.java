package io.lapsewatch.retentiondesk;

import static io.lapsewatch.retentiondesk.TestingCases.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CaseStateJsonTest {

  @Test
  void shouldRoundTripACaseWithItsHistory() throws Exception {
    RetentionCase c =
        fold(
            opened(CaseAction.CALLBACK_TASK),
            result("r1", ResultKind.UNREACHABLE, NEXT_WEEK),
            reassigned("q1", "senior-pool"));

    assertThat(CaseStateJson.read(CaseStateJson.toJson(c), "test")).isEqualTo(c);
  }

  @Test
  void shouldRoundTripAnErasedCase() throws Exception {
    RetentionCase c = fold(opened(CaseAction.RENEWAL_OFFER), erased());

    assertThat(CaseStateJson.read(CaseStateJson.toJson(c), "test")).isEqualTo(c);
  }

  @Test
  void shouldNameTheKeyWhenTheStoredValueIsNotACase() {
    assertThatThrownBy(() -> CaseStateJson.read("{\"x\":1}", "Redis key lw:desk:v1:case:c1"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("lw:desk:v1:case:c1");
  }
}
