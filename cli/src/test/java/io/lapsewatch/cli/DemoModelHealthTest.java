package io.lapsewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The demo's model-in-production lines. */
class DemoModelHealthTest {
  private static final Path SCRAPE = Path.of("demo-out", "job-metrics.prom");

  private static Map<String, Double> figures() {
    Map<String, Double> f = new TreeMap<>();
    f.put("day", 20_454.0); // 2026-01-01
    f.put("terms.scored", 412.0);
    f.put("terms.ended", 380.0);
    f.put("terms.ended_contacted", 42.0);
    f.put("score_psi", 0.041);
    f.put("feature_psi.sessions_30d", 0.31);
    f.put("feature_psi.tenure_years", 0.02);
    f.put("feature_psi.latest_nps", 0.12);
    f.put("feature_psi.claims_12m", 0.05);
    f.put("feature_psi.constant", Double.NaN);
    f.put("expected_lapse_rate", 0.1234);
    f.put("ended_expected_lapse_rate", 0.1050);
    f.put("realized_lapse_rate", 0.1111);
    f.put("expected_auc", 0.7812);
    f.put("ended_expected_auc", 0.7641);
    f.put("realized_auc", Double.NaN);
    return f;
  }

  private static String printed(DemoModelHealth h) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    h.print(new PrintStream(out, true, StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void namesTheMostDriftedFeaturesAndExpectedAgainstRealized() {
    DemoModelHealth h = new DemoModelHealth(figures(), 30, 30, SCRAPE, 0.041);

    assertThat(h.mostDrifted())
        .containsExactly(
            Map.entry("sessions_30d", 0.31),
            Map.entry("latest_nps", 0.12),
            Map.entry("claims_12m", 0.05));
    assertThat(printed(h))
        .contains("over the 30 days to 2026-01-01 (412 scored, 380 ended")
        .contains("score 0.041; most drifted features sessions_30d 0.310, latest_nps 0.120")
        .contains(
            "expected 12.3% from the scores; on the 338 ended terms nobody contacted: expected"
                + " 10.5%, realized 11.1% (42 contacted terms left out: the contact changed their"
                + " outcome)")
        .contains(
            "AUC                expected 0.781 from the scores; on the ended terms nobody"
                + " contacted: expected 0.764, realized n/a")
        .contains("lapsewatch_score_drift_psi 0.041 (as printed above)");
  }

  @Test
  void saysWhenTheScrapeDisagreesOrNothingWasMonitored() {
    assertThat(printed(new DemoModelHealth(figures(), 30, 30, SCRAPE, 0.5)))
        .contains("DIFFERS from the figure printed above");
    assertThat(printed(new DemoModelHealth(Map.of(), 30, 30, SCRAPE, Double.NaN)))
        .contains("no term reached 30 days before renewal");
  }
}
