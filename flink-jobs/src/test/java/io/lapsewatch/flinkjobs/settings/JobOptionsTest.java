package io.lapsewatch.flinkjobs.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.junit.jupiter.api.Test;

class JobOptionsTest {
  /** The keys and defaults as they were before the options were declared (README, operations). */
  private static Map<String, String> documented() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("kafka.bootstrap-servers", null);
    d.put("kafka.group-id", "lapsewatch-scoring");
    d.put("events.topic", "policy-events");
    d.put("events.dlq-topic", "policy-events-dlq");
    d.put("events.bounded", "false");
    d.put("events.max-out-of-orderness-ms", "1000");
    d.put("events.allowed-lateness-ms", "259200000");
    d.put("events.idle-timeout-ms", "300000");
    d.put("features.milestone-days", "90,60,30,14,7");
    d.put("alerts.topic", "retention-alerts");
    d.put("redis.url", null);
    d.put("redis.password", null);
    d.put("redis.cluster", "false");
    d.put("model.registry", null);
    d.put("model.source", "folder");
    d.put("model.check-interval-ms", "10000");
    d.put("model.challenger", null);
    d.put("shadow.topic", "retention-shadow-scores");
    d.put("decision.threshold", null);
    d.put("decision.high-value-premium", "5000");
    d.put("decision.horizon-days", "90");
    d.put("decision.lead-time-days", "14");
    d.put("decision.max-feature-age-days", "60");
    d.put("decision.holdout-share", "0.1");
    d.put("decision.capacity.agent-callback", "0");
    d.put("decision.capacity.renewal-offer", "0");
    d.put("decision.holdout-salt", "lapsewatch-holdout-v1");
    d.put("decision.ranking", "risk");
    d.put("decision.contact-cost.renewal-offer", "5");
    d.put("decision.contact-cost.agent-callback", "40");
    d.put("decision.uplift.min-holdout-outcomes", "500");
    d.put("contact.max-per-30-days", "3");
    d.put("journeys.file", null);
    d.put("contact.quiet-hours", "21:00-08:00");
    d.put("contact.time-zone", "Asia/Shanghai");
    d.put("outcomes.topic", "retention-outcomes");
    d.put("job.parallelism", "2");
    d.put("checkpoint.interval-ms", "60000");
    d.put("checkpoint.dir", null);
    d.put("feature-store.batch-size", "10000");
    d.put("feature-store.max-delay-ms", "1000");
    d.put("monitoring.enabled", "true");
    d.put("monitoring.lead-days", "30");
    d.put("monitoring.window-days", "30");
    d.put("monitoring.min-terms", "200");
    d.put("monitoring.topic", "lapsewatch.model-monitoring");
    return d;
  }

  @Test
  void shouldKeepEveryKeyAndDefault() {
    Map<String, String> declared = new LinkedHashMap<>();
    for (ConfigOption<?> o : JobOptions.ALL) {
      declared.put(o.key(), SettingValues.defaultText(o));
    }

    assertThat(declared).containsExactlyInAnyOrderEntriesOf(documented());
  }

  @Test
  void shouldDescribeEveryOption() {
    for (ConfigOption<?> o : JobOptions.ALL) {
      assertThat(o.description().getBlocks()).as(o.key()).isNotEmpty();
      assertThat(JobOptions.typeName(o)).as(o.key()).isNotBlank();
    }
    assertThat(JobOptions.typeName(JobOptions.MODEL_SOURCE)).isEqualTo("Enum");
    assertThat(JobOptions.enumValues(JobOptions.MODEL_SOURCE)).isEqualTo("folder, redis");
  }

  @Test
  void shouldMapEnvironmentVariablesToKeys() {
    assertThat(JobArgs.environmentName("feature-store.batch-size"))
        .isEqualTo("LAPSEWATCH_FEATURE_STORE_BATCH_SIZE");
    assertThat(JobArgs.parse(new String[0], Map.of("LAPSEWATCH_FEATURE_STORE_BATCH_SIZE", "5")))
        .containsOnly(Map.entry("feature-store.batch-size", "5"));
  }
}
