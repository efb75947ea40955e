package io.lapsewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.embedded.LocalStack;
import io.lapsewatch.featurestore.features.Feature;
import io.lapsewatch.featurestore.simulator.BehaviourDrift;
import io.lapsewatch.featurestore.simulator.SimulationConfig;
import io.lapsewatch.featurestore.simulator.Simulator;
import io.lapsewatch.flinkjobs.JobSettings;
import io.lapsewatch.flinkjobs.ScoringJob;
import io.lapsewatch.flinkjobs.monitoring.ModelHealthFigures;
import io.lapsewatch.modeltraining.TrainCommand;
import io.lapsewatch.modeltraining.model.ChurnModel;
import io.lapsewatch.modeltraining.model.ModelRegistry;
import io.lapsewatch.modeltraining.monitoring.ModelHealth;
import io.lapsewatch.modeltraining.monitoring.MonitoredTerm;
import io.lapsewatch.modeltraining.monitoring.MonitoredTermJson;
import io.lapsewatch.modeltraining.monitoring.MonitoringReplay;
import io.lapsewatch.modeltraining.monitoring.ReferenceProfile;
import io.lapsewatch.modeltraining.trainers.TrainerKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A drift the simulator causes, seen by the running job: a model trained on a normal year scores a
 * book whose app goes dark on day {@link #OUTAGE_DAY} (no digital sessions from then on, true
 * behaviour unchanged). Over a real broker, redis-server and a Flink MiniCluster the job reports
 * each term 30 days before renewal to the monitoring topic; the test checks that the session
 * features drift past 0.2 within the window after the outage and not before, that the feature drift
 * alert rule fires on that series ({@code promtool test rules}, the shipped rules), and that the
 * lapse rate the model expects moves away from the one the same terms realize.
 */
class ModelDriftITCase {
  private static final int HOLDERS = 3000;
  private static final int DAYS = 420;
  private static final int OUTAGE_DAY = 300;
  private static final int WINDOW_DAYS = 45;
  private static final int MIN_TERMS = 150;
  private static final String EVENTS = "drift-policy-events";
  private static final String MONITORING = "drift-model-monitoring";

  /** The firing feature drift alerts, as Prometheus records them. */
  private static final String FIRING =
      "'ALERTS{alertname=\"LapseWatchFeatureDrift\", alertstate=\"firing\"}'";

  @TempDir Path dir;

  @Test
  void shouldDetectAnAppOutageWithinTheWindowFireTheRuleAndOpenTheExpectedRealizedGap()
      throws Exception {
    Path registry = dir.resolve("models");
    // The model learns from a normal year of another book of the same world.
    TrainCommand.trainOnSimulation(
        SimulationConfig.of(HOLDERS, 365, 11), registry, TrainerKind.LR, true);
    ModelRegistry models = new ModelRegistry(registry);
    ChurnModel model = ChurnModel.load(models.versionDir(models.current().orElseThrow()));
    ReferenceProfile profile = model.metadata().referenceProfile();
    assertThat(profile).as("the trainer profiles the model's reference terms").isNotNull();

    SimulationConfig book = SimulationConfig.of(HOLDERS, DAYS, 5);
    int start = book.firstDay();
    int outage = start + OUTAGE_DAY;
    List<MonitoredTerm> terms;
    Map<String, Double> endOfRun;
    try (LocalStack stack =
        LocalStack.builder()
            .withKafka()
            .withRedis()
            .withTopics(
                2,
                EVENTS,
                "drift-policy-events-dlq",
                "drift-retention-alerts",
                "drift-retention-outcomes",
                MONITORING)
            .start()) {
      SimulateCommand.toTopic(
          new Simulator(book).withDrift(BehaviourDrift.appOutage(OUTAGE_DAY)),
          book,
          stack.bootstrapServers(),
          EVENTS,
          null,
          new PrintStream(java.io.OutputStream.nullOutputStream()));
      StreamExecutionEnvironment env =
          StreamExecutionEnvironment.createLocalEnvironment(2, ScoringJob.baseConfiguration());
      JobExecutionResult result =
          ScoringJob.fromSettings(jobSettings(stack, registry))
              .executeAsync(env)
              .getJobExecutionResult()
              .get(10, TimeUnit.MINUTES);
      endOfRun = ModelHealthFigures.from(result);
      terms =
          RecordSource.topic(
                  stack.bootstrapServers(), MONITORING, "--topic", MonitoredTermJson::read)
              .records();
    }

    // The job's view, day by day: its monitored terms through the same window it keeps.
    int firstDay = start + 120; // the 90-day behaviour windows have filled by then
    int lastDay = terms.stream().mapToInt(t -> (int) (t.asOf / 86_400_000L)).max().orElseThrow();
    List<ModelHealth> days =
        MonitoringReplay.daily(terms, profile, WINDOW_DAYS, MIN_TERMS, firstDay, lastDay);
    String sessions = Feature.SESSIONS_30D.key();
    double before =
        days.stream()
            .filter(h -> h.day() < outage)
            .mapToDouble(h -> h.featurePsi().get(sessions))
            .filter(v -> !Double.isNaN(v))
            .max()
            .orElseThrow();
    int detected =
        days.stream()
            .filter(h -> h.day() >= outage && h.featurePsi().get(sessions) > 0.2)
            .mapToInt(ModelHealth::day)
            .min()
            .orElse(Integer.MAX_VALUE);
    double gapBefore = gap(terms, start + 150, outage);
    double gapAfter = gap(terms, outage + 10, lastDay + 1);
    System.out.printf(
        Locale.ROOT,
        "drift: %s PSI at most %.3f before the outage, above 0.2 %d days after it, %.3f at the"
            + " end; expected minus realized lapse rate %.3f before, %.3f after%n",
        sessions,
        before,
        detected - outage,
        endOfRun.get("feature_psi." + sessions),
        gapBefore,
        gapAfter);
    assertThat(before).as("session PSI before the outage").isLessThan(0.1);
    assertThat(detected - outage)
        .as("days from the outage to a session PSI above 0.2")
        .isBetween(0, WINDOW_DAYS);
    assertThat(endOfRun.get("feature_psi." + sessions))
        .as("the job's own figure at the end of the run")
        .isGreaterThan(0.2);

    // The shipped rule fires on that series a day after it crossed 0.2, and not before the outage.
    assertThat(promtool(days, sessions, detected - firstDay, outage - firstDay)).isZero();

    // Same terms, expected (their scores) against realized (their outcomes): the gap opens.
    assertThat(gapAfter - gapBefore)
        .as(
            String.format(
                Locale.ROOT,
                "expected minus realized lapse rate, before %.3f and after %.3f the outage",
                gapBefore,
                gapAfter))
        .isGreaterThan(0.03);
  }

  /**
   * Mean calibrated score minus the lapse rate of the ended terms scored on days [from, to) that
   * nobody contacted: what the model expected of them against what they did.
   */
  private static double gap(List<MonitoredTerm> terms, int from, int to) {
    double expected = 0;
    int lapsed = 0;
    int n = 0;
    for (MonitoredTerm t : terms) {
      int day = (int) (t.asOf / 86_400_000L);
      // Contacted terms' outcomes are the programme's doing: like the job, measure the rest.
      if (t.outcome != null && !t.contacted && day >= from && day < to) {
        expected += t.score;
        lapsed += "LAPSED".equals(t.outcome) ? 1 : 0;
        n++;
      }
    }
    assertThat(n).as("ended terms scored in [%d, %d)", from, to).isGreaterThan(MIN_TERMS);
    return (expected - lapsed) / n;
  }

  /**
   * Runs the shipped rules on the job's daily series with {@code promtool test rules}: each day's
   * PSI held for 24 hourly samples; the feature drift alert must fire a day and an hour after the
   * first day above 0.2, and must not have fired on the day before the outage.
   */
  private int promtool(List<ModelHealth> days, String feature, int firstOver, int outageIndex)
      throws Exception {
    StringBuilder values = new StringBuilder();
    for (ModelHealth h : days) {
      double v = h.featurePsi().get(feature);
      String sample = Double.isNaN(v) ? "_" : String.format(Locale.ROOT, "%.4f", v);
      for (int hour = 0; hour < 24; hour++) {
        values.append(sample).append(' ');
      }
    }
    Path rules = dir.resolve("rules");
    Files.createDirectories(rules);
    Files.copy(shippedRules(), rules.resolve("lapsewatch-rules.yml"));
    String test =
        String.join(
            "\n",
            "rule_files: [lapsewatch-rules.yml]",
            "evaluation_interval: 1h",
            "tests:",
            "  - interval: 1h",
            "    input_series:",
            "      - series: 'lapsewatch_feature_drift_psi{feature=\"" + feature + "\"}'",
            "        values: '" + values.toString().trim() + "'",
            "    promql_expr_test:",
            "      - expr: " + FIRING,
            "        eval_time: " + ((outageIndex - 1) * 24) + "h",
            "        exp_samples: []",
            "      - expr: " + FIRING,
            "        eval_time: " + ((firstOver + 1) * 24 + 1) + "h",
            "        exp_samples:",
            "          - labels: 'ALERTS{alertname=\"LapseWatchFeatureDrift\", alertstate=\"firing\","
                + " feature=\""
                + feature
                + "\", severity=\"warning\", team=\"data-science\"}'",
            "            value: 1",
            "");
    Files.writeString(rules.resolve("drift.test.yml"), test);
    Process p =
        new ProcessBuilder("promtool", "test", "rules", "drift.test.yml")
            .directory(rules.toFile())
            .redirectErrorStream(true)
            .start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    p.getInputStream().transferTo(out);
    int code = p.waitFor();
    if (code != 0) {
      System.err.println(out.toString(StandardCharsets.UTF_8));
    }
    return code;
  }

  private static Path shippedRules() {
    Path fromModule = Path.of("..", "deploy", "prometheus", "rules", "lapsewatch-rules.yml");
    return Files.exists(fromModule)
        ? fromModule
        : Path.of("deploy", "prometheus", "rules", "lapsewatch-rules.yml");
  }

  private static JobSettings jobSettings(LocalStack stack, Path registry) {
    Map<String, String> c = new HashMap<>();
    c.put("kafka.bootstrap-servers", stack.bootstrapServers());
    c.put("kafka.group-id", "drift-job");
    c.put("events.topic", EVENTS);
    c.put("events.dlq-topic", "drift-policy-events-dlq");
    c.put("alerts.topic", "drift-retention-alerts");
    c.put("outcomes.topic", "drift-retention-outcomes");
    c.put("redis.url", stack.redisUrl());
    c.put("model.registry", registry.toString());
    c.put("events.bounded", "true");
    c.put("job.parallelism", "2");
    c.put("monitoring.topic", MONITORING);
    c.put("monitoring.window-days", Integer.toString(WINDOW_DAYS));
    c.put("monitoring.min-terms", Integer.toString(MIN_TERMS));
    return JobSettings.of(c);
  }
}
