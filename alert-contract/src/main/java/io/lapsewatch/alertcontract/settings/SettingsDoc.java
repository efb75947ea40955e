package io.lapsewatch.alertcontract.settings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The generated parts of docs/settings.md: each process's table sits between two markers named
 * after its declarations, and the text around them is written by hand.
 */
public final class SettingsDoc {
  private SettingsDoc() {}

  /** What a document holds and what the declarations generate; equal when it is current. */
  public record Check(String committed, String generated) {}

  /**
   * Reads {@code doc} and what {@code regenerate} makes of it. With the system property {@code
   * lapsewatch.settings.write=true} the regenerated text is written back first: how the staleness
   * tests refresh a document.
   */
  public static Check check(Path doc, UnaryOperator<String> regenerate) throws IOException {
    String committed = Files.readString(doc, StandardCharsets.UTF_8);
    String generated = regenerate.apply(committed);
    if (Boolean.getBoolean("lapsewatch.settings.write")) {
      Files.writeString(doc, generated, StandardCharsets.UTF_8);
      committed = generated;
    }
    return new Check(committed, generated);
  }

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
