package io.lapsewatch.cli;

/** Options that fall back to a {@code LAPSEWATCH_*} environment variable when not given. */
final class Environment {
  private Environment() {}

  /** {@code given}, else the variable {@code name}, else null. */
  static String or(String given, String name) {
    return given != null ? given : System.getenv(name);
  }
}
