package io.lapsewatch.flinkjobs.settings;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;

/**
 * The job's command line ({@code --key value} pairs) and {@code LAPSEWATCH_*} environment
 * variables, as a map of setting keys to values; arguments win over the environment.
 */
public final class JobArgs {
  private static final String ENV_PREFIX = "LAPSEWATCH_";

  private JobArgs() {}

  /**
   * The settings given as {@code --key value} pairs, then environment variables for job keys not
   * given as arguments.
   *
   * @throws IllegalArgumentException naming the argument that is not a flag or has no value
   */
  public static Map<String, String> parse(String[] args, Map<String, String> env) {
    Map<String, String> given = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      String flag = args[i];
      if (!flag.startsWith("--") || flag.length() == 2) {
        throw new IllegalArgumentException(
            "arguments must be --key value pairs; '" + flag + "' is not a --key");
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(
            "'" + flag + "' needs a value (arguments are --key value pairs)");
      }
      given.put(flag.substring(2), args[i + 1]);
    }
    for (Map.Entry<String, String> e : env.entrySet()) {
      ConfigOption<?> option = optionFor(e.getKey());
      // Other LAPSEWATCH_* variables belong to other processes (the alerts service, the CLI).
      if (option != null) {
        given.putIfAbsent(option.key(), e.getValue());
      }
    }
    return given;
  }

  /** The variable that sets {@code key}: {@code redis.password} → LAPSEWATCH_REDIS_PASSWORD. */
  public static String environmentName(String key) {
    return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  private static ConfigOption<?> optionFor(String variable) {
    if (!variable.startsWith(ENV_PREFIX)) {
      return null;
    }
    for (ConfigOption<?> o : JobOptions.ALL) {
      if (environmentName(o.key()).equalsIgnoreCase(variable)) {
        return o;
      }
    }
    return null;
  }
}
