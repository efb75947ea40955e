package io.lapsewatch.flinkjobs.settings;

import io.lapsewatch.alertcontract.settings.KafkaPassThrough;
import io.lapsewatch.alertcontract.settings.SecretKeys;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;

/**
 * The job's given settings as a Flink {@link Configuration}, read one {@link ConfigOption} at a
 * time; every error names the key and the value, or {@value #MASK} for a secret.
 */
public final class SettingValues {
  /** What a secret's value is shown as. */
  public static final String MASK = "***";

  private final Map<String, String> given;
  private final Map<String, String> kafka;
  private final Configuration config;

  /**
   * {@code given}: job keys (already known to be {@link JobOptions}) to values; {@code kafka}: the
   * Kafka client properties, without their prefix, for {@link #shown}.
   */
  public SettingValues(Map<String, String> given, Map<String, String> kafka) {
    this.given = Map.copyOf(given);
    this.kafka = Map.copyOf(kafka);
    this.config = Configuration.fromMap(given);
  }

  /** The value of {@code option}, its default when not given, or null when it has none. */
  public <T> T get(ConfigOption<T> option) {
    try {
      return config.get(option);
    } catch (IllegalArgumentException e) {
      // Flink's message would echo the value even of a secret.
      throw bad(option, "must be " + expected(option));
    }
  }

  /** The string value of {@code option}, or null when not given or blank. */
  public String optional(ConfigOption<String> option) {
    String v = get(option);
    return v == null || v.isBlank() ? null : v;
  }

  /** The string value of {@code option}; an error saying how to set it when missing. */
  public String required(ConfigOption<String> option) {
    String v = optional(option);
    if (v == null) {
      throw new IllegalArgumentException(
          "missing setting '"
              + option.key()
              + "' (argument --"
              + option.key()
              + " or environment "
              + JobArgs.environmentName(option.key())
              + ")");
    }
    return v;
  }

  /** A string that may not be blank (the defaults never are, a given value might be). */
  public String nonBlank(ConfigOption<String> option) {
    String v = get(option);
    if (v == null || v.isBlank()) {
      throw bad(option, "must not be blank");
    }
    return v;
  }

  public int intIn(ConfigOption<Integer> option, int min, int max) {
    int v = get(option);
    if (v < min || v > max) {
      throw bad(option, "must be in " + min + ".." + max);
    }
    return v;
  }

  public long longIn(ConfigOption<Long> option, long min, long max) {
    long v = get(option);
    if (v < min || v > max) {
      throw bad(option, "must be in " + min + ".." + max);
    }
    return v;
  }

  /** "{key} {why}, was '{value}'", the value masked for a secret key. */
  public IllegalArgumentException bad(ConfigOption<?> option, String why) {
    String key = option.key();
    String raw = given.containsKey(key) ? given.get(key) : String.valueOf(option.defaultValue());
    return new IllegalArgumentException(
        key + " " + why + ", was '" + SecretKeys.shown(key, raw, MASK) + "'");
  }

  /** Every job setting in force (given or default) and every Kafka property, secrets masked. */
  public String shown() {
    Map<String, String> shown = new TreeMap<>();
    for (ConfigOption<?> o : JobOptions.ALL) {
      String v = given.containsKey(o.key()) ? given.get(o.key()) : defaultText(o);
      if (v != null) {
        shown.put(o.key(), SecretKeys.shown(o.key(), v, MASK));
      }
    }
    kafka.forEach(
        (k, v) -> {
          String key = KafkaPassThrough.PREFIX + k;
          shown.put(key, SecretKeys.shown(key, v, MASK));
        });
    return shown.toString();
  }

  /** The default as it would be written in a setting, or null when there is none. */
  public static String defaultText(ConfigOption<?> option) {
    if (!option.hasDefaultValue()) {
      return null;
    }
    Object d = option.defaultValue();
    if (d instanceof Double x) {
      return java.math.BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
    }
    return d.toString();
  }

  private static String expected(ConfigOption<?> option) {
    return switch (JobOptions.typeName(option)) {
      case "Boolean" -> "true or false";
      case "Integer", "Long" -> "a whole number";
      case "Double" -> "a number";
      case "Enum" -> "one of " + JobOptions.enumValues(option);
      default -> "text";
    };
  }
}
