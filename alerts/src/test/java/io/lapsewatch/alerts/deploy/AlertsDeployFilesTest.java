package io.lapsewatch.alerts.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lapsewatch.alerts.metrics.AlertMetrics;
import io.lapsewatch.alerts.service.AlertsService;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The Prometheus rules and the Grafana dashboard in {@code deploy/} only name metrics that exist:
 * exported by the alerts service's registry, or on the documented list of the scoring job's.
 */
class AlertsDeployFilesTest {
  private static final Path DEPLOY = Path.of("..", "deploy");
  private static final Pattern METRIC = Pattern.compile("\\blapsewatch_[a-z0-9_]+");

  /** Exported by the Flink scoring job, documented in deploy/README.md. */
  static final Set<String> FLINK_EXPORTED =
      Set.of(
          "lapsewatch_model_age_seconds",
          "lapsewatch_model_load_failures",
          "lapsewatch_policy_terms_ended_total",
          "lapsewatch_contacts_suppressed_total",
          "lapsewatch_journeys_entered_total",
          "lapsewatch_journey_steps_total",
          "lapsewatch_journeys_exited_total",
          "lapsewatch_journey_steps_suppressed_total",
          "lapsewatch_journey_entries_refused_total",
          "lapsewatch_journeys_completed_total",
          "lapsewatch_feature_drift_psi",
          "lapsewatch_score_drift_psi",
          "lapsewatch_model_expected_lapse_rate",
          "lapsewatch_model_expected_auc",
          "lapsewatch_model_ended_expected_auc",
          "lapsewatch_model_realized_auc",
          "lapsewatch_model_realized_lapse_rate",
          "lapsewatch_model_ended_expected_lapse_rate",
          "lapsewatch_model_calibration_predicted",
          "lapsewatch_model_calibration_observed",
          "lapsewatch_model_monitored_terms",
          "lapsewatch_model_reference_missing");

  private static Set<String> serviceMetricNames() {
    AlertMetrics metrics = AlertsService.exportedMetrics();
    // Per-channel series only exist once a channel is known.
    metrics.registerChannel("wecom");
    Set<String> names = new HashSet<>();
    // Registered metrics without a series yet (journey metrics before any journey outcome) are not
    // in the text, but exported all the same.
    for (MetricSnapshot m : metrics.registry().scrape()) {
      String name = m.getMetadata().getPrometheusName();
      names.add(m instanceof CounterSnapshot ? name + "_total" : name);
    }
    for (String line : metrics.scrape().split("\n")) {
      if (line.startsWith("# TYPE ") || line.startsWith("# HELP ")) {
        names.add(line.split(" ")[2]);
      } else if (!line.isBlank() && !line.startsWith("#")) {
        names.add(line.split("[{ ]")[0]);
      }
    }
    return names;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> yaml(Path p) throws Exception {
    return (Map<String, Object>)
        new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(p));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> rules() throws Exception {
    Map<String, Object> doc = yaml(DEPLOY.resolve("prometheus/rules/lapsewatch-rules.yml"));
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> group : (List<Map<String, Object>>) doc.get("groups")) {
      out.addAll((List<Map<String, Object>>) group.get("rules"));
    }
    return out;
  }

  private static List<String> dashboardExpressions(JsonNode panels) {
    List<String> out = new ArrayList<>();
    for (JsonNode p : panels) {
      p.path("targets").forEach(t -> out.add(t.path("expr").asText()));
      out.addAll(dashboardExpressions(p.path("panels")));
    }
    return out;
  }

  private static Set<String> metricsIn(List<String> expressions) {
    Set<String> names = new TreeSet<>();
    for (String e : expressions) {
      Matcher m = METRIC.matcher(e);
      while (m.find()) {
        names.add(m.group());
      }
    }
    return names;
  }

  @Test
  void shouldNameOnlyExportedMetricsInTheRules() throws Exception {
    List<String> expressions = rules().stream().map(r -> String.valueOf(r.get("expr"))).toList();
    Set<String> named = metricsIn(expressions);
    Set<String> exported = serviceMetricNames();

    assertThat(named)
        .contains(
            "lapsewatch_recovery_rate",
            "lapsewatch_deliveries_total",
            "lapsewatch_dead_letters_total",
            "lapsewatch_model_age_seconds",
            "lapsewatch_model_load_failures");
    for (String name : named) {
      assertThat(exported.contains(name) || FLINK_EXPORTED.contains(name))
          .as("%s is exported by the alerts service or listed as a scoring-job metric", name)
          .isTrue();
    }
  }

  @Test
  void shouldNameOnlyExportedMetricsInTheDashboard() throws Exception {
    JsonNode dashboard =
        new ObjectMapper().readTree(DEPLOY.resolve("grafana/dashboards/lapsewatch.json").toFile());
    List<String> expressions = dashboardExpressions(dashboard.path("panels"));
    Set<String> named = metricsIn(expressions);
    Set<String> exported = serviceMetricNames();

    assertThat(expressions).hasSizeGreaterThan(15).allSatisfy(e -> assertThat(e).isNotBlank());
    assertThat(named)
        .contains(
            "lapsewatch_recovery_rate",
            "lapsewatch_recovery_uplift",
            "lapsewatch_alerts_received_total",
            "lapsewatch_deliveries_total",
            "lapsewatch_time_to_first_contact_seconds_bucket",
            "lapsewatch_policy_terms_ended_total",
            "lapsewatch_recovered_annual_premium",
            "lapsewatch_time_to_outcome_seconds_bucket",
            "lapsewatch_outcomes_total",
            "lapsewatch_desk_open_cases",
            "lapsewatch_desk_overdue_cases",
            "lapsewatch_desk_results_total",
            "lapsewatch_desk_cases_opened_total",
            "lapsewatch_desk_time_to_first_contact_seconds_bucket",
            "lapsewatch_desk_time_to_close_seconds_bucket",
            "lapsewatch_recovery_window_end_timestamp_seconds",
            "lapsewatch_journeys_entered_total",
            "lapsewatch_journeys_exited_total",
            "lapsewatch_journey_steps_total",
            "lapsewatch_journey_steps_suppressed_total",
            "lapsewatch_journey_recovery_rate");
    for (String name : named) {
      assertThat(exported.contains(name) || FLINK_EXPORTED.contains(name))
          .as("%s is exported by the alerts service or listed as a scoring-job metric", name)
          .isTrue();
    }
  }

  @Test
  void shouldGiveEveryRuleASeverityASummaryAndAPendingPeriod() throws Exception {
    List<Map<String, Object>> rules = rules();

    assertThat(rules).hasSizeGreaterThanOrEqualTo(8);
    assertThat(rules)
        .extracting(r -> r.get("alert"))
        .contains(
            "LapseWatchRecoveryRateBelowTarget",
            "LapseWatchDeliveryFailures",
            "LapseWatchDeadLettersGrowing",
            "LapseWatchModelStale",
            "LapseWatchModelLoadFailed");
    for (Map<String, Object> r : rules) {
      assertThat(r).containsKeys("alert", "expr", "for", "labels", "annotations");
      assertThat(((Map<?, ?>) r.get("labels")).keySet())
          .extracting(String::valueOf)
          .contains("severity");
      assertThat(((Map<?, ?>) r.get("annotations")).keySet())
          .extracting(String::valueOf)
          .contains("summary");
    }
  }

  @Test
  void shouldDocumentEveryScoringJobMetricAndWireTheRulesIntoTheScrapeConfig() throws Exception {
    String readme = Files.readString(DEPLOY.resolve("README.md"));
    for (String name : FLINK_EXPORTED) {
      assertThat(readme).contains("`" + name + "`");
    }
    Map<String, Object> prometheus = yaml(DEPLOY.resolve("prometheus/prometheus.yml"));
    assertThat(String.valueOf(prometheus.get("rule_files")))
        .isEqualTo("[rules/lapsewatch-rules.yml]");
    assertThat(prometheus.get("scrape_configs").toString())
        .contains("job_name=lapsewatch-alerts")
        .contains("metrics_path=/metrics");
  }

  @Test
  void shouldGiveDashboardPanelsUniqueIdsAndTheTemplatedDatasource() throws Exception {
    JsonNode dashboard =
        new ObjectMapper().readTree(DEPLOY.resolve("grafana/dashboards/lapsewatch.json").toFile());
    Set<Integer> ids = new HashSet<>();
    for (JsonNode p : dashboard.path("panels")) {
      assertThat(ids.add(p.path("id").asInt())).as("panel id %s unique", p.path("id")).isTrue();
      if (!p.path("type").asText().equals("row")) {
        assertThat(p.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
      }
    }
    assertThat(dashboard.path("uid").asText()).isEqualTo("lapsewatch-retention");
  }
}
