package io.lapsewatch.featurestore.events;

/**
 * Shows a value from a record inside an error message: cut to a bounded length, with everything
 * outside printable ASCII escaped as {@code \}{@code uXXXX}, so a message never carries raw control
 * characters, ANSI codes, bidi overrides or lone surrogates into a terminal, a log or a header.
 */
public final class Printable {
  /** Characters of a quoted value shown before it is cut. */
  public static final int MAX_SHOWN = 80;

  private Printable() {}

  /** {@code value} quoted and escaped (a newline after PH shows as PH, backslash, u000a). */
  public static String quote(String value) {
    if (value == null) {
      return "null";
    }
    String shown = '"' + escape(value, MAX_SHOWN) + '"';
    return value.length() > MAX_SHOWN ? shown + "... (" + value.length() + " characters)" : shown;
  }

  /**
   * The first {@code maxChars} characters of {@code text}, escaped (quotes and backslashes too).
   */
  public static String escape(String text, int maxChars) {
    int shown = Math.min(text.length(), maxChars);
    StringBuilder b = new StringBuilder(shown + 8);
    for (int i = 0; i < shown; i++) {
      char c = text.charAt(i);
      if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
        b.append(c);
      } else {
        b.append(String.format("\\u%04x", (int) c));
      }
    }
    return b.toString();
  }
}
