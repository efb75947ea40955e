package io.lapsewatch.flinkjobs.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.alertcontract.settings.SettingsDoc;
import java.nio.file.Path;
import org.apache.flink.configuration.ConfigOption;
import org.junit.jupiter.api.Test;

/**
 * docs/settings.md says what {@link JobOptions} declares. When it does not, regenerate it with
 *
 * <pre>
 * ./mvnw -B -o -q -pl flink-jobs -am test -Dtest=SettingsReferenceTest \
 *   -Dsurefire.failIfNoSpecifiedTests=false -Dlapsewatch.settings.write=true
 * </pre>
 */
class SettingsReferenceTest {
  /** Surefire runs in the module folder; the docs are one level up. */
  private static final Path DOC = Path.of("..", "docs", "settings.md");

  @Test
  void docsSettingsMdIsCurrent() throws Exception {
    SettingsDoc.Check doc = SettingsDoc.check(DOC, SettingsReference::regenerate);

    assertThat(doc.committed())
        .as(
            "docs/settings.md differs from JobOptions; regenerate it: ./mvnw -B -o -q -pl"
                + " flink-jobs -am test -Dtest=SettingsReferenceTest"
                + " -Dsurefire.failIfNoSpecifiedTests=false -Dlapsewatch.settings.write=true")
        .isEqualTo(doc.generated());
  }

  @Test
  void tableHasOneRowPerOptionWithItsTypeAndDefault() {
    String table = SettingsReference.table();

    for (ConfigOption<?> o : JobOptions.ALL) {
      assertThat(table).contains("| `" + o.key() + "` | " + JobOptions.typeName(o) + " |");
    }
    assertThat(table)
        .contains("| `job.parallelism` | Integer | `2` | Parallelism of the job, 1..4096. |")
        .contains("| `kafka.properties.*` |");
  }

  @Test
  void helpListsEverySettingWithItsDefault() {
    assertThat(SettingsReference.usage())
        .contains("--events.allowed-lateness-ms <Long> (default 259200000)")
        .contains("--redis.url <String>\n");
  }
}
