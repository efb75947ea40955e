package io.lapsewatch.retentiondesk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * Signs and checks the link every message carries to its case: an HMAC-SHA256 over the case id and
 * an expiry (the case's deadline plus a grace period) with a server secret, so a link opens only
 * its own case, only until then, and cannot be made without the secret.
 *
 * <p>A token reads {@code <expiry epoch seconds>.<base64url signature>}; the case id travels in the
 * link's path, so a token moved onto another case's path fails the check.
 */
public final class CaseLinks {
  /** What checking a link found; only {@link #VALID} opens the case. */
  public enum Verdict {
    VALID,
    /** Not made with this server's secret, for this case, or not a token at all. */
    FORGED,
    /** Signed correctly but past its expiry. */
    EXPIRED
  }

  /** Fewer bytes than a SHA-256 block's worth of entropy make the signature guessable offline. */
  static final int MIN_SECRET_BYTES = 32;

  private final Signer signer;
  private final Duration gracePeriod;
  private final Clock clock;

  /**
   * @param secret the server's link secret, at least 32 bytes (never logged)
   * @param gracePeriod how long after the case's deadline its link still opens
   */
  public CaseLinks(byte[] secret, Duration gracePeriod, Clock clock) {
    if (secret.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException(
          "the case-link secret must have at least "
              + MIN_SECRET_BYTES
              + " bytes, had "
              + secret.length);
    }
    if (gracePeriod.isNegative()) {
      throw new IllegalArgumentException(
          "the grace period must not be negative, was " + gracePeriod);
    }
    this.signer = new Signer(secret, "case-link");
    this.gracePeriod = gracePeriod;
    this.clock = clock;
  }

  /** The token for {@code caseId}'s link, valid until {@code deadline} plus the grace period. */
  public String token(String caseId, Instant deadline) {
    return signer.token(caseId, deadline.plus(gracePeriod).getEpochSecond());
  }

  /** Whether {@code token} opens {@code caseId} now. */
  public Verdict check(String caseId, String token) {
    OptionalLong expiry = signer.signedExpiry(caseId, token);
    if (expiry.isEmpty()) {
      return Verdict.FORGED;
    }
    return clock.instant().getEpochSecond() > expiry.getAsLong() ? Verdict.EXPIRED : Verdict.VALID;
  }
}
