package io.lapsewatch.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command-line arguments: {@code --key value} options, {@code --flag} switches and positional
 * words. Every getter names the option in its error.
 */
final class Args {
  private final Map<String, String> options = new LinkedHashMap<>();
  private final Set<String> flags = new HashSet<>();
  private final List<String> positional = new ArrayList<>();
  private final Set<String> used = new HashSet<>();

  Args(String[] argv, int from, Set<String> flagNames) {
    for (int i = from; i < argv.length; i++) {
      String a = argv[i];
      if (a.startsWith("--")) {
        String name = a.substring(2);
        if (flagNames.contains(name)) {
          flags.add(name);
        } else if (i + 1 < argv.length) {
          options.put(name, argv[++i]);
        } else {
          throw new IllegalArgumentException("option --" + name + " needs a value");
        }
      } else {
        positional.add(a);
      }
    }
  }

  String string(String name, String fallback) {
    used.add(name);
    return options.getOrDefault(name, fallback);
  }

  String required(String name) {
    used.add(name);
    String v = options.get(name);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException("option --" + name + " is required");
    }
    return v;
  }

  int integer(String name, int fallback) {
    used.add(name);
    String v = options.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "option --" + name + " must be a whole number, was '" + v + "'");
    }
  }

  long longValue(String name, long fallback) {
    used.add(name);
    String v = options.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "option --" + name + " must be a whole number, was '" + v + "'");
    }
  }

  Path path(String name, String fallback) {
    String v = string(name, fallback);
    return v == null ? null : Path.of(v);
  }

  boolean flag(String name) {
    used.add(name);
    return flags.contains(name);
  }

  /**
   * Every {@code --PREFIXname value} option as {@code name → value} (e.g. {@code
   * --kafka.properties.security.protocol SASL_SSL}), all marked as used.
   */
  Map<String, String> withPrefix(String prefix) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : options.entrySet()) {
      if (e.getKey().startsWith(prefix)) {
        used.add(e.getKey());
        out.put(e.getKey().substring(prefix.length()), e.getValue());
      }
    }
    return out;
  }

  List<String> positional() {
    return positional;
  }

  /** Fails on options no command asked for, so a typo never passes silently. */
  void rejectUnknown() {
    for (String name : options.keySet()) {
      if (!used.contains(name)) {
        throw new IllegalArgumentException("unknown option --" + name);
      }
    }
  }
}
