package io.lapsewatch.alertcontract.settings;

import java.util.List;
import java.util.Locale;

/**
 * The one rule, shared by the scoring job and the alerts service, for which setting keys hold
 * secrets: their values never appear in {@code toString}, logs or error messages.
 */
public final class SecretKeys {
  /**
   * Parts of a key that mark a credential: Kafka's {@code PASSWORD}-type settings ({@code
   * ssl.key.password}, {@code sasl.jaas.config}, {@code basic.auth.user.info}), key passphrases,
   * tokens and signing secrets of the chat channels.
   */
  private static final List<String> SECRET_PARTS =
      List.of("password", "passphrase", "secret", "token", "jaas", "credential", "user.info");

  private SecretKeys() {}

  /**
   * True for keys whose values must stay hidden: the parts above, private keys ({@code
   * ssl.keystore.key}, {@code *.api-key}) and URLs ({@code webhook.url}, {@code redis.url}): a chat
   * webhook's URL is its credential and a Redis URL may carry {@code user:password@}.
   */
  public static boolean isSecret(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return SECRET_PARTS.stream().anyMatch(k::contains)
        || k.endsWith(".key")
        || k.endsWith("-key")
        || k.endsWith("_key")
        || k.endsWith("apikey")
        || k.equals("url")
        || k.endsWith(".url");
  }

  /** {@code value}, or {@code mask} when {@code key} is secret. */
  public static String shown(String key, String value, String mask) {
    return isSecret(key) ? mask : value;
  }
}
