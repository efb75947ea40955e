package io.lapsewatch.flinkjobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The events source's consumer settings: the job's fetch defaults, and operators' overrides. */
class EventsSourceTest {
  @TempDir Path dir;

  private Map<String, String> base() {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("kafka.bootstrap-servers", "broker:9093");
    c.put("redis.url", "redis://127.0.0.1:6379");
    c.put("model.registry", dir.toString());
    return c;
  }

  @Test
  void batchesFetchesByDefault() {
    Properties c = ScoringJob.eventsConsumerProperties(JobSettings.of(base()));

    assertThat(c)
        .containsEntry("fetch.min.bytes", "65536")
        .containsEntry("fetch.max.wait.ms", "25")
        .containsEntry("isolation.level", "read_committed");
  }

  @Test
  void kafkaPropertiesOverrideTheFetchDefaults() {
    Map<String, String> settings = base();
    settings.put("kafka.properties.fetch.min.bytes", "1");
    settings.put("kafka.properties.fetch.max.wait.ms", "500");

    Properties c = ScoringJob.eventsConsumerProperties(JobSettings.of(settings));

    assertThat(c).containsEntry("fetch.min.bytes", "1").containsEntry("fetch.max.wait.ms", "500");
  }
}
