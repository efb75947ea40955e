package io.lapsewatch.retentiondesk;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.alertcontract.settings.SettingsDoc;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The module README lists what {@link RetentionDeskConfig} declares. When it does not, regenerate
 * it with {@code ./mvnw -B -o -q -pl retention-desk test -Dtest=DeskSettingsReferenceTest
 * -Dlapsewatch.settings.write=true}.
 */
class DeskSettingsReferenceTest {
  private static final Path DOC = Path.of("README.md");
  private static final String SECTION = "RetentionDeskConfig";

  @Test
  void readmeListsEveryDeskSetting() throws Exception {
    SettingsDoc.Check doc =
        SettingsDoc.check(
            DOC,
            d ->
                SettingsDoc.regenerate(
                    d, SECTION, SettingsDoc.table(RetentionDeskConfig.declared())));

    assertThat(doc.committed())
        .as(
            "retention-desk/README.md differs from RetentionDeskConfig; regenerate it: ./mvnw -B"
                + " -o -q -pl retention-desk test -Dtest=DeskSettingsReferenceTest"
                + " -Dlapsewatch.settings.write=true")
        .isEqualTo(doc.generated());
  }
}
