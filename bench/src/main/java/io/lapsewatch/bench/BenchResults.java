package io.lapsewatch.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything one benchmark run measured: figures (by the keys {@code bench-results.json} uses),
 * ratios against baselines measured in the same run, the sizes used and the machine facts.
 *
 * <p>New measurements (latency percentiles, more trainers) add a {@link #figure} under a new key;
 * keys announced with {@link #notMeasured} stay in the JSON as {@code null} with the reason.
 */
final class BenchResults {
  /** One measured (or announced) figure. */
  record Figure(
      String key,
      Double value,
      String unit,
      String baselineKey,
      String aim,
      String how,
      String section) {}

  private final Map<String, Figure> figures = new LinkedHashMap<>();
  private final Map<String, Object> machine = new LinkedHashMap<>();
  private final Map<String, Object> sizes = new LinkedHashMap<>();
  private final Map<String, String> notMeasured = new LinkedHashMap<>();
  private final List<String> notes = new ArrayList<>();
  private final String mode;

  BenchResults(String mode) {
    this.mode = mode;
  }

  String mode() {
    return mode;
  }

  void machine(String key, Object value) {
    machine.put(key, value);
  }

  void size(String key, Object value) {
    sizes.put(key, value);
  }

  void note(String note) {
    notes.add(note);
  }

  void figure(String section, String key, double value, String unit, String how) {
    figures.put(key, new Figure(key, value, unit, null, null, how, section));
  }

  void figure(String section, String key, double value, String unit, String aim, String how) {
    figures.put(key, new Figure(key, value, unit, null, aim, how, section));
  }

  /** A ratio {@code numeratorKey / baselineKey}, both measured in this run. */
  void ratio(String section, String key, String numeratorKey, String baselineKey, String aim) {
    Figure n = figures.get(numeratorKey);
    Figure d = figures.get(baselineKey);
    if (n == null || d == null || n.value() == null || d.value() == null || d.value() == 0) {
      notMeasured(
          key, "needs both " + numeratorKey + " and " + baselineKey + " measured in the same run");
      return;
    }
    figures.put(
        key,
        new Figure(
            key,
            n.value() / d.value(),
            "ratio",
            baselineKey,
            aim,
            numeratorKey + " / " + baselineKey,
            section));
  }

  /** Announces a figure this run did not measure, and why. */
  void notMeasured(String key, String why) {
    if (!figures.containsKey(key)) {
      notMeasured.put(key, why);
    }
  }

  Double value(String key) {
    Figure f = figures.get(key);
    return f == null ? null : f.value();
  }

  /** Writes {@code bench-results.json}: the figures as top-level keys, then the context. */
  void writeJson(Path file) throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("mode", mode);
    for (Figure f : figures.values()) {
      json.put(f.key(), f.value());
    }
    for (String k : notMeasured.keySet()) {
      json.putIfAbsent(k, null);
    }
    Map<String, Object> units = new LinkedHashMap<>();
    Map<String, Object> how = new LinkedHashMap<>();
    for (Figure f : figures.values()) {
      units.put(f.key(), f.unit());
      how.put(f.key(), f.how());
    }
    json.put("units", units);
    json.put("how_measured", how);
    json.put("not_measured", notMeasured);
    json.put("sizes", sizes);
    json.put("machine", machine);
    json.put("notes", notes);
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
  }

  /** The generated part of {@code docs/performance.md}. */
  String markdown(String command) {
    StringBuilder md = new StringBuilder();
    md.append("Mode `").append(mode).append("`, rerun with:\n\n```bash\n");
    md.append(command).append("\n```\n\n");
    md.append("Machine: ");
    List<String> facts = new ArrayList<>();
    machine.forEach((k, v) -> facts.add(k + " " + v));
    md.append(String.join("; ", facts)).append(".\n\n");
    md.append("Sizes: ");
    List<String> s = new ArrayList<>();
    sizes.forEach((k, v) -> s.add(k + " " + formatSize(v)));
    md.append(String.join("; ", s)).append(".\n\n");
    md.append("| figure | value | unit | baseline (same run) | aim | how measured |\n");
    md.append("|---|---:|---|---|---|---|\n");
    for (Figure f : figures.values()) {
      md.append("| `")
          .append(f.key())
          .append("` | ")
          .append(format(f.value()))
          .append(" | ")
          .append(f.unit())
          .append(" | ")
          .append(f.baselineKey() == null ? "" : "`" + f.baselineKey() + "`")
          .append(" | ")
          .append(f.aim() == null ? "" : f.aim())
          .append(" | ")
          .append(f.how().replace("|", "\\|"))
          .append(" |\n");
    }
    if (!notMeasured.isEmpty()) {
      md.append("\nNot measured in this run:\n\n");
      notMeasured.forEach(
          (k, why) -> md.append("- `").append(k).append("`: ").append(why).append('\n'));
    }
    if (!notes.isEmpty()) {
      md.append("\nNotes from the run:\n\n");
      for (String n : notes) {
        md.append("- ").append(n).append('\n');
      }
    }
    return md.toString();
  }

  private static String formatSize(Object v) {
    return v instanceof Number n && !(v instanceof Double)
        ? String.format(Locale.ROOT, "%,d", n.longValue())
        : String.valueOf(v);
  }

  static String format(Double v) {
    if (v == null) {
      return "n/a";
    }
    double a = Math.abs(v);
    if (a >= 1000) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (a >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    if (a >= 0.01) {
      return String.format(Locale.ROOT, "%.3f", v);
    }
    return String.format(Locale.ROOT, "%.2g", v);
  }

  static final String BEGIN = "<!-- bench:begin (generated by BenchCommand; edit outside) -->";
  static final String END = "<!-- bench:end -->";

  /**
   * Replaces the generated section of {@code doc} (between the markers), keeping everything written
   * by hand around it; creates the file with a heading when it does not exist.
   */
  static void updateDoc(Path doc, String generated) throws IOException {
    String body = BEGIN + "\n" + generated + END;
    String text;
    if (Files.exists(doc)) {
      String old = Files.readString(doc, StandardCharsets.UTF_8);
      int b = old.indexOf(BEGIN);
      int e = old.indexOf(END);
      text =
          b >= 0 && e > b
              ? old.substring(0, b) + body + old.substring(e + END.length())
              : old + "\n" + body + "\n";
    } else {
      Path parent = doc.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      text = "# Performance\n\n" + body + "\n";
    }
    Files.writeString(doc, text, StandardCharsets.UTF_8);
  }
}
