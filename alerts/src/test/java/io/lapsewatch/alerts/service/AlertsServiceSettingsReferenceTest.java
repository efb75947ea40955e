package io.lapsewatch.alerts.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.alertcontract.settings.DeclaredSetting;
import io.lapsewatch.alertcontract.settings.SettingsDoc;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/settings.md lists what {@link AlertsServiceConfig} declares. When it does not, regenerate it
 * with
 *
 * <pre>
 * ./mvnw -B -o -q -pl alerts -am test -Dtest=AlertsServiceSettingsReferenceTest \
 *   -Dsurefire.failIfNoSpecifiedTests=false -Dlapsewatch.settings.write=true
 * </pre>
 */
class AlertsServiceSettingsReferenceTest {
  private static final Path DOC = Path.of("..", "docs", "settings.md");
  private static final String SECTION = "AlertsServiceConfig";

  @Test
  void docsSettingsMdIsCurrent() throws Exception {
    String committed = Files.readString(DOC, StandardCharsets.UTF_8);
    String generated =
        SettingsDoc.regenerate(
            committed, SECTION, SettingsDoc.table(AlertsServiceConfig.declared()));
    if (Boolean.getBoolean("lapsewatch.settings.write")) {
      Files.writeString(DOC, generated, StandardCharsets.UTF_8);
      committed = generated;
    }

    assertThat(committed)
        .as(
            "docs/settings.md differs from AlertsServiceConfig; regenerate it: ./mvnw -B -o -q -pl"
                + " alerts -am test -Dtest=AlertsServiceSettingsReferenceTest"
                + " -Dsurefire.failIfNoSpecifiedTests=false -Dlapsewatch.settings.write=true")
        .isEqualTo(generated);
  }

  @Test
  void everyKeyIsDeclaredWithItsDefaultAndADescription() {
    assertThat(AlertsServiceConfig.declared())
        .extracting(DeclaredSetting::key)
        .containsExactlyElementsOf(AlertsServiceConfig.defaults().keySet());
    for (DeclaredSetting s : AlertsServiceConfig.declared()) {
      assertThat(s.defaultValue())
          .as(s.key())
          .isEqualTo(AlertsServiceConfig.defaults().get(s.key()));
      assertThat(s.description()).as(s.key()).isNotBlank();
    }
  }
}
