package io.lapsewatch.cli;

import picocli.CommandLine.TypeConversionException;

/** Whole-number option values; {@code 1_000_000} is accepted, as the old command lines did. */
final class WholeNumbers {
  private WholeNumbers() {}

  static Integer integer(String value) {
    try {
      return Integer.parseInt(value.trim().replace("_", ""));
    } catch (NumberFormatException e) {
      throw new TypeConversionException("'" + value + "' is not a whole number");
    }
  }

  static Long whole(String value) {
    try {
      return Long.parseLong(value.trim().replace("_", ""));
    } catch (NumberFormatException e) {
      throw new TypeConversionException("'" + value + "' is not a whole number");
    }
  }
}
