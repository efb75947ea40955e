package io.lapsewatch.retentiondesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lapsewatch.retentiondesk.CaseLinks.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CaseLinksTest {
  private static final byte[] SECRET =
      "a-server-secret-of-at-least-32-bytes!".getBytes(StandardCharsets.UTF_8);
  private static final Instant DEADLINE = Instant.parse("2025-06-30T00:00:00Z");
  private static final Duration GRACE = Duration.ofDays(2);

  private static CaseLinks at(Instant now) {
    return new CaseLinks(SECRET, GRACE, Clock.fixed(now, ZoneOffset.UTC));
  }

  @Test
  void aLinkOpensItsCaseUntilTheDeadlinePlusTheGracePeriod() {
    String token = at(DEADLINE).token("case-1", DEADLINE);

    assertThat(at(DEADLINE.minus(Duration.ofDays(10))).check("case-1", token))
        .isEqualTo(Verdict.VALID);
    assertThat(at(DEADLINE.plus(GRACE)).check("case-1", token)).isEqualTo(Verdict.VALID);
    assertThat(at(DEADLINE.plus(GRACE).plusSeconds(1)).check("case-1", token))
        .isEqualTo(Verdict.EXPIRED);
  }

  @Test
  void aLinkDoesNotOpenAnotherCase() {
    String token = at(DEADLINE).token("case-1", DEADLINE);

    assertThat(at(DEADLINE).check("case-2", token)).isEqualTo(Verdict.FORGED);
  }

  @Test
  void aLaterExpiryOrAnotherSecretIsAForgery() {
    String token = at(DEADLINE).token("case-1", DEADLINE);
    String signature = token.substring(token.indexOf('.') + 1);
    long later = DEADLINE.plus(Duration.ofDays(365)).getEpochSecond();

    assertThat(at(DEADLINE).check("case-1", later + "." + signature)).isEqualTo(Verdict.FORGED);
    CaseLinks otherServer =
        new CaseLinks(
            "another-server-secret-of-32-bytes-or-more".getBytes(StandardCharsets.UTF_8),
            GRACE,
            Clock.fixed(DEADLINE, ZoneOffset.UTC));
    assertThat(otherServer.check("case-1", token)).isEqualTo(Verdict.FORGED);
  }

  @Test
  void garbageIsAForgeryNotAnError() {
    CaseLinks links = at(DEADLINE);

    for (String bad : new String[] {null, "", ".", "abc", "12.", ".sig", "x.y", "1.2.3"}) {
      assertThat(links.check("case-1", bad)).as(String.valueOf(bad)).isEqualTo(Verdict.FORGED);
    }
  }

  @Test
  void aShortSecretIsRefusedNamingItsLengthNotItsValue() {
    assertThatThrownBy(
            () -> new CaseLinks("short".getBytes(StandardCharsets.UTF_8), GRACE, Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 32 bytes, had 5")
        .hasMessageNotContaining("short");
  }
}
