package io.lapsewatch.alerts.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.alertcontract.settings.DeclaredSetting;
import io.lapsewatch.alertcontract.settings.SettingsDoc;
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
    SettingsDoc.Check doc =
        SettingsDoc.check(
            DOC,
            d ->
                SettingsDoc.regenerate(
                    d, SECTION, SettingsDoc.table(AlertsServiceConfig.declared())));

    assertThat(doc.committed())
        .as(
            "docs/settings.md differs from AlertsServiceConfig; regenerate it: ./mvnw -B -o -q -pl"
                + " alerts -am test -Dtest=AlertsServiceSettingsReferenceTest"
                + " -Dsurefire.failIfNoSpecifiedTests=false -Dlapsewatch.settings.write=true")
        .isEqualTo(doc.generated());
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
