package io.lapsewatch.alerts.notify;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The request signatures of the DingTalk and Feishu robots (HMAC-SHA256, Base64). */
public final class Signatures {
  private Signatures() {}

  /**
   * DingTalk: {@code Base64(HmacSHA256(key = secret, data = timestamp + "\n" + secret))} with the
   * timestamp in milliseconds; URL-encode it for the query string.
   */
  public static String dingTalk(long timestampMillis, String secret) {
    return hmacBase64(secret, timestampMillis + "\n" + secret);
  }

  /** {@link #dingTalk} URL-encoded, as the {@code sign} query parameter wants it. */
  public static String dingTalkQueryValue(long timestampMillis, String secret) {
    return URLEncoder.encode(dingTalk(timestampMillis, secret), StandardCharsets.UTF_8);
  }

  /**
   * Feishu / Lark: {@code Base64(HmacSHA256(key = timestamp + "\n" + secret, data = empty))} with
   * the timestamp in seconds; key and data are the other way round from DingTalk's.
   */
  public static String feishu(long timestampSeconds, String secret) {
    return hmacBase64(timestampSeconds + "\n" + secret, "");
  }

  private static String hmacBase64(String key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      // HmacSHA256 is required of every Java platform; an empty key is the only way here.
      throw new IllegalArgumentException("cannot sign: " + e.getMessage(), e);
    }
  }
}
