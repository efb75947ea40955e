package io.lapsewatch.flinkjobs.settings;

import io.lapsewatch.alertcontract.settings.KafkaPassThrough;
import io.lapsewatch.alertcontract.settings.SettingsDoc;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.description.Formatter;

/**
 * The job's settings reference, generated from {@link JobOptions}: the table in docs/settings.md
 * (kept current by {@code SettingsReferenceTest}) and the job's {@code --help}.
 */
public final class SettingsReference {
  /** Names the generated part of docs/settings.md ({@link SettingsDoc}). */
  public static final String SECTION = "JobOptions";

  private SettingsReference() {}

  /** The Markdown table: key, type, default, description. */
  public static String table() {
    StringBuilder out = new StringBuilder();
    out.append("| key | type | default | description |\n");
    out.append("|---|---|---|---|\n");
    for (ConfigOption<?> o : JobOptions.ALL) {
      String d = SettingValues.defaultText(o);
      out.append("| `")
          .append(o.key())
          .append("` | ")
          .append(JobOptions.typeName(o))
          .append(" | ")
          .append(d == null ? "" : "`" + d + "`")
          .append(" | ")
          .append(description(o).replace("|", "\\|"))
          .append(" |\n");
    }
    out.append("| `")
        .append(KafkaPassThrough.PREFIX)
        .append(
            "*` | String | | any Kafka client property, passed verbatim to every Kafka client of")
        .append(" the job; `${env:NAME}` and `${file:/path}` are filled in at startup |\n");
    return out.toString();
  }

  /** {@code doc} with the job's generated part replaced by the current table. */
  public static String regenerate(String doc) {
    return SettingsDoc.regenerate(doc, SECTION, table());
  }

  /** What {@code --help} prints: the command line form and every setting with its default. */
  public static String usage() {
    StringBuilder out = new StringBuilder();
    out.append("usage: ScoringJob --key value [--key value ...]\n");
    out.append(
        "Every key may also be set as LAPSEWATCH_<KEY> (dots and dashes as underscores).\n\n");
    for (ConfigOption<?> o : JobOptions.ALL) {
      String d = SettingValues.defaultText(o);
      out.append("  --")
          .append(o.key())
          .append(" <")
          .append(JobOptions.typeName(o))
          .append(">")
          .append(d == null ? "" : " (default " + d + ")")
          .append("\n      ")
          .append(description(o))
          .append("\n");
    }
    out.append("  --")
        .append(KafkaPassThrough.PREFIX)
        .append("<name> <value>\n      any Kafka client property\n");
    return out.toString();
  }

  private static String description(ConfigOption<?> o) {
    return new PlainText().format(o.description());
  }

  /** Regenerates the file named by the first argument (docs/settings.md) in place. */
  public static void main(String[] args) throws IOException {
    Path doc = Path.of(args.length > 0 ? args[0] : "docs/settings.md");
    String text = Files.readString(doc, StandardCharsets.UTF_8);
    Files.writeString(doc, regenerate(text), StandardCharsets.UTF_8);
  }

  /** Flink's descriptions as plain text (Flink ships only an HTML formatter). */
  private static final class PlainText extends Formatter {
    @Override
    protected void formatLink(StringBuilder state, String link, String description) {
      state.append(description).append(" (").append(link).append(")");
    }

    @Override
    protected void formatLineBreak(StringBuilder state) {
      state.append(" ");
    }

    @Override
    protected void formatText(
        StringBuilder state,
        String format,
        String[] elements,
        java.util.EnumSet<org.apache.flink.configuration.description.TextElement.TextStyle>
            styles) {
      state.append(String.format(format, (Object[]) elements));
    }

    @Override
    protected void formatList(StringBuilder state, String[] entries) {
      state.append(String.join("; ", entries));
    }

    @Override
    protected Formatter newInstance() {
      return new PlainText();
    }
  }
}
