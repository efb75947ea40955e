package io.lapsewatch.alertcontract.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SettingsDocTest {
  private static final List<DeclaredSetting> SETTINGS =
      List.of(
          new DeclaredSetting("metrics.port", "9464", "Port; 0 picks a free one."),
          new DeclaredSetting("routing.file", null, "Rules a|b."));

  @Test
  void shouldReplaceOnlyTheGeneratedPart() {
    String doc =
        "# hand\n" + SettingsDoc.begin("X") + "\nstale\n" + SettingsDoc.end("X") + "\nafter\n";

    String regenerated = SettingsDoc.regenerate(doc, "X", SettingsDoc.table(SETTINGS));

    assertThat(regenerated)
        .startsWith("# hand\n<!-- generated from X: begin -->\n| key | default | description |")
        .contains("| `metrics.port` | `9464` | Port; 0 picks a free one. |")
        .contains("| `routing.file` |  | Rules a\\|b. |")
        .doesNotContain("stale")
        .endsWith("<!-- generated from X: end -->\nafter\n");
  }

  @Test
  void shouldSayWhichMarkersAreMissing() {
    assertThatThrownBy(() -> SettingsDoc.regenerate("no markers", "X", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("<!-- generated from X: begin -->");
  }
}
