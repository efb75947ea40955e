package io.lapsewatch.retentiondesk.team;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoginLinksTest {
  private static final byte[] SECRET =
      "login-links-test-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
  private static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");
  private final LoginLinks links = new LoginLinks(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));

  private static Map<String, String> params(String link) {
    Map<String, String> out = new HashMap<>();
    for (String kv : URI.create(link).getRawQuery().split("&")) {
      String[] p = kv.split("=", 2);
      out.put(p[0], p[1]);
    }
    return out;
  }

  @Test
  void shouldAcceptItsOwnLinkUntilItExpires() {
    String link = links.make("LEAD-SH", NOW.plus(Duration.ofDays(1)));
    Map<String, String> p = params(link);

    assertThat(link).startsWith(LoginLinks.PATH + "?u=LEAD-SH&exp=");
    assertThat(links.check(p.get("u"), p.get("exp"), p.get("sig")))
        .isEqualTo(LoginLinks.Verdict.VALID);
    LoginLinks later =
        new LoginLinks(SECRET, Clock.fixed(NOW.plus(Duration.ofDays(2)), ZoneOffset.UTC));
    assertThat(later.check(p.get("u"), p.get("exp"), p.get("sig")))
        .isEqualTo(LoginLinks.Verdict.EXPIRED);
  }

  @Test
  void shouldRefuseAnotherUserALaterExpiryOrAnotherSecret() {
    Map<String, String> p = params(links.make("AG0001", NOW.plus(Duration.ofHours(1))));
    long exp = Long.parseLong(p.get("exp"));

    assertThat(links.check("LEAD-SH", p.get("exp"), p.get("sig")))
        .isEqualTo(LoginLinks.Verdict.FORGED);
    assertThat(links.check("AG0001", Long.toString(exp + 3600), p.get("sig")))
        .isEqualTo(LoginLinks.Verdict.FORGED);
    LoginLinks other =
        new LoginLinks(
            "another-secret-of-enough-length-0123456789".getBytes(StandardCharsets.UTF_8),
            Clock.fixed(NOW, ZoneOffset.UTC));
    assertThat(other.check("AG0001", p.get("exp"), p.get("sig")))
        .isEqualTo(LoginLinks.Verdict.FORGED);
    assertThat(links.check("AG0001", "soon", p.get("sig"))).isEqualTo(LoginLinks.Verdict.FORGED);
    assertThat(links.check("AG0001", p.get("exp"), null)).isEqualTo(LoginLinks.Verdict.FORGED);
  }

  @Test
  void shouldNotTakeASessionValueForALinkOrTheOtherWayRound() {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    String session = new Sessions(SECRET, clock).open("AG0001");
    String[] parts = session.split("\\.", 3);
    Map<String, String> p = params(links.make("AG0001", NOW.plus(Duration.ofHours(1))));

    assertThat(links.check("AG0001", parts[0], parts[1])).isEqualTo(LoginLinks.Verdict.FORGED);
    assertThat(new Sessions(SECRET, clock).userOf(p.get("exp") + "." + p.get("sig") + ".AG0001"))
        .isEmpty();
  }
}
