package io.lapsewatch.retentiondesk.team;

import io.lapsewatch.retentiondesk.Signer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;

/**
 * Signed login links ({@code /desk/login/link?u=<id>&exp=<epoch seconds>&sig=<hmac>}): an admin
 * sends one to a lead instead of a token; it signs the user in until {@code exp}. Signed with the
 * link secret under its own purpose, so a case link or a session cookie is never a login link.
 */
public final class LoginLinks {
  /** Path of a login link. */
  public static final String PATH = "/desk/login/link";

  /** What checking a login link found; only {@link #VALID} signs in. */
  public enum Verdict {
    VALID,
    FORGED,
    EXPIRED
  }

  private final Signer signer;
  private final Clock clock;

  public LoginLinks(byte[] secret, Clock clock) {
    this.signer = new Signer(secret, "login-link");
    this.clock = clock;
  }

  /** The path and query of a link signing {@code userId} in until {@code expiry}. */
  public String make(String userId, Instant expiry) {
    long exp = expiry.getEpochSecond();
    return PATH
        + "?u="
        + URLEncoder.encode(userId, StandardCharsets.UTF_8)
        + "&exp="
        + exp
        + "&sig="
        + signer.sign(userId, exp);
  }

  /** Checks a link's parameters (as received, any may be null or malformed). */
  public Verdict check(String userId, String exp, String sig) {
    if (userId == null || exp == null || sig == null) {
      return Verdict.FORGED;
    }
    long expiry;
    try {
      expiry = Long.parseLong(exp);
    } catch (NumberFormatException e) {
      return Verdict.FORGED;
    }
    if (!signer.verify(userId, expiry, sig)) {
      return Verdict.FORGED;
    }
    return clock.instant().getEpochSecond() > expiry ? Verdict.EXPIRED : Verdict.VALID;
  }
}
