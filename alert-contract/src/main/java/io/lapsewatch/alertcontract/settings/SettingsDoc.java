package io.lapsewatch.alertcontract.settings;

import java.util.List;

/**
 * The generated parts of docs/settings.md: each process's table sits between two markers named
 * after its declarations, and the text around them is written by hand.
 */
public final class SettingsDoc {
  private SettingsDoc() {}

  public static String begin(String section) {
    return "<!-- generated from " + section + ": begin -->";
  }

  public static String end(String section) {
    return "<!-- generated from " + section + ": end -->";
  }

  /**
   * {@code doc} with the part between the markers of {@code section} replaced by {@code table}.
   *
   * @throws IllegalArgumentException when the markers are missing
   */
  public static String regenerate(String doc, String section, String table) {
    int begin = doc.indexOf(begin(section));
    int end = doc.indexOf(end(section));
    if (begin < 0 || end < begin) {
      throw new IllegalArgumentException(
          "the document has no " + begin(section) + " ... " + end(section) + " part");
    }
    return doc.substring(0, begin + begin(section).length()) + "\n" + table + doc.substring(end);
  }

  /** A Markdown table of {@code settings}: key, default, description. */
  public static String table(List<DeclaredSetting> settings) {
    StringBuilder out = new StringBuilder("| key | default | description |\n|---|---|---|\n");
    for (DeclaredSetting s : settings) {
      out.append("| `")
          .append(s.key())
          .append("` | ")
          .append(s.defaultValue() == null ? "" : "`" + s.defaultValue() + "`")
          .append(" | ")
          .append(s.description().replace("|", "\\|"))
          .append(" |\n");
    }
    return out.toString();
  }
}
