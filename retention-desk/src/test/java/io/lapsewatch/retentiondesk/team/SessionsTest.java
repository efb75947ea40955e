package io.lapsewatch.retentiondesk.team;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SessionsTest {
  private static final byte[] SECRET =
      "sessions-test-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
  private static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");

  private static Sessions at(Instant t) {
    return new Sessions(SECRET, Clock.fixed(t, ZoneOffset.UTC));
  }

  @Test
  void shouldKnowItsUserForTwelveHours() {
    String value = at(NOW).open("user.with.dots@hq");

    assertThat(at(NOW.plus(Duration.ofHours(11))).userOf(value)).contains("user.with.dots@hq");
    assertThat(at(NOW.plus(Duration.ofHours(13))).userOf(value)).isEmpty();
  }

  @Test
  void shouldRefuseAChangedUserOrGarbage() {
    String value = at(NOW).open("AG0001");

    assertThat(at(NOW).userOf(value.replace("AG0001", "ADMIN1"))).isEmpty();
    assertThat(at(NOW).userOf("garbage")).isEmpty();
    assertThat(at(NOW).userOf("1.2")).isEmpty();
    assertThat(at(NOW).userOf(null)).isEmpty();
  }
}
