package io.lapsewatch.alertcontract.settings;

import java.util.Map;
import java.util.TreeMap;

/**
 * The prefix, shared by the scoring job and the alerts service, of settings handed verbatim to the
 * Kafka clients ({@code kafka.properties.security.protocol=SASL_SSL}), with {@code ${env:NAME}} and
 * {@code ${file:/path}} placeholders filled in.
 */
public final class KafkaPassThrough {
  /** Every key under it, minus the prefix, is a Kafka client property. */
  public static final String PREFIX = "kafka.properties.";

  private KafkaPassThrough() {}

  /** True when {@code key} is a pass-through Kafka client setting. */
  public static boolean isPassThrough(String key) {
    return key.startsWith(PREFIX);
  }

  /**
   * The Kafka client properties among {@code settings}, keyed without the prefix, placeholders
   * resolved by {@code secrets}.
   *
   * @throws IllegalArgumentException naming the key when a placeholder cannot be filled or the
   *     property name is missing (never a value)
   */
  public static Map<String, String> extract(Map<String, String> settings, SecretResolver secrets) {
    Map<String, String> client = new TreeMap<>();
    settings.forEach(
        (k, v) -> {
          if (isPassThrough(k)) {
            String name = k.substring(PREFIX.length());
            if (name.isBlank()) {
              throw new IllegalArgumentException(
                  "'" + k + "' has no Kafka client property name after " + PREFIX);
            }
            client.put(name, secrets.resolveSetting(v, k));
          }
        });
    return client;
  }
}
