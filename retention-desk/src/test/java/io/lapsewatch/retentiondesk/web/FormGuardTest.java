package io.lapsewatch.retentiondesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The form token; the browser's cross-site signals ({@code Sec-Fetch-Site}, {@code Origin}) are
 * checked over HTTP in {@code CasePagesITCase}.
 */
class FormGuardTest {
  private static final byte[] SECRET =
      "form-guard-test-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
  private static final Instant T0 = Instant.parse("2026-05-21T06:00:00Z");
  private static final Duration LIFETIME = Duration.ofHours(2);

  private static FormGuard at(Instant now) {
    return new FormGuard(SECRET, LIFETIME, Clock.fixed(now, ZoneOffset.UTC));
  }

  @Test
  void shouldAcceptItsOwnTokenForTheSameSubjectWithinItsLifetime() {
    String token = at(T0).token("case-1");

    assertThat(at(T0).validToken("case-1", token)).isTrue();
    assertThat(at(T0.plus(LIFETIME)).validToken("case-1", token)).isTrue();
  }

  @Test
  void shouldRefuseAnExpiredToken() {
    String token = at(T0).token("case-1");

    assertThat(at(T0.plus(LIFETIME).plusSeconds(1)).validToken("case-1", token)).isFalse();
  }

  @Test
  void shouldRefuseATokenForAnotherSubject() {
    assertThat(at(T0).validToken("case-2", at(T0).token("case-1"))).isFalse();
  }

  @Test
  void shouldRefuseForgedOrMissingTokens() {
    String token = at(T0).token("case-1");
    String longerLife =
        (Long.parseLong(token.substring(0, token.indexOf('.'))) + 3600)
            + token.substring(token.indexOf('.'));
    FormGuard otherServer =
        new FormGuard(
            "another-server-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8),
            LIFETIME,
            Clock.fixed(T0, ZoneOffset.UTC));

    assertThat(at(T0).validToken("case-1", longerLife)).isFalse();
    assertThat(at(T0).validToken("case-1", otherServer.token("case-1"))).isFalse();
    assertThat(at(T0).validToken("case-1", null)).isFalse();
    assertThat(at(T0).validToken("case-1", "")).isFalse();
    assertThat(at(T0).validToken("case-1", "soon.abc")).isFalse();
    assertThat(at(T0).validToken("case-1", ".abc")).isFalse();
  }
}
