package io.lapsewatch.retentiondesk;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 over a purpose, a subject and an expiry, base64url: the one server secret signs case
 * links, form tokens, login links and sessions, and the purpose keeps one from passing as another.
 */
public final class Signer {
  private final SecretKeySpec key;
  private final String purpose;

  /**
   * @param secret the server secret (never logged)
   * @param purpose what the signatures are for, e.g. {@code case-link}, {@code form}
   */
  public Signer(byte[] secret, String purpose) {
    this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    this.purpose = purpose;
  }

  /** The signature of {@code subject} (a case or user id) valid until {@code expiry}. */
  public String sign(String subject, long expiry) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] sig =
          mac.doFinal((purpose + "|v1|" + subject + "|" + expiry).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** True when {@code sig} signs {@code subject} and {@code expiry}; constant-time compare. */
  public boolean verify(String subject, long expiry, String sig) {
    return sig != null
        && MessageDigest.isEqual(
            sign(subject, expiry).getBytes(StandardCharsets.US_ASCII),
            sig.getBytes(StandardCharsets.US_ASCII));
  }

  /** A token {@code <expiry>.<signature>} for {@code subject}, valid until {@code expiry}. */
  public String token(String subject, long expiry) {
    return expiry + "." + sign(subject, expiry);
  }

  /**
   * The expiry (epoch seconds) of {@code token} when it is one this signer made for {@code
   * subject}; empty for anything else (forged, another subject or purpose, not a token). Whether
   * the expiry has passed is the caller's question.
   */
  public OptionalLong signedExpiry(String subject, String token) {
    if (token == null) {
      return OptionalLong.empty();
    }
    int dot = token.indexOf('.');
    if (dot <= 0 || dot != token.lastIndexOf('.')) {
      return OptionalLong.empty();
    }
    long expiry;
    try {
      expiry = Long.parseLong(token.substring(0, dot));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
    // Constant time, so a signature cannot be found byte by byte from response times.
    return verify(subject, expiry, token.substring(dot + 1))
        ? OptionalLong.of(expiry)
        : OptionalLong.empty();
  }
}
