package io.lapsewatch.retentiondesk.team;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 over a purpose, a user id and an expiry, base64url: one key serves login links and
 * sessions, and the purpose keeps a link from passing as a session cookie and the other way round.
 */
final class Signer {
  private final SecretKeySpec key;
  private final String purpose;

  Signer(byte[] secret, String purpose) {
    this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    this.purpose = purpose;
  }

  String sign(String userId, long expiry) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] sig =
          mac.doFinal((purpose + "|v1|" + userId + "|" + expiry).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** True when {@code sig} signs {@code userId} and {@code expiry}; constant-time compare. */
  boolean verify(String userId, long expiry, String sig) {
    return sig != null
        && MessageDigest.isEqual(
            sign(userId, expiry).getBytes(StandardCharsets.US_ASCII),
            sig.getBytes(StandardCharsets.US_ASCII));
  }
}
