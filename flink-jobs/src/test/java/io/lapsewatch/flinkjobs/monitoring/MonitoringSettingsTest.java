package io.lapsewatch.flinkjobs.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lapsewatch.flinkjobs.JobSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The monitoring.* settings, and the types the monitoring operators keep in state. */
class MonitoringSettingsTest {
  @TempDir Path dir;

  private JobSettings with(String... extra) {
    String[] base = {
      "--kafka.bootstrap-servers", "broker:9093",
      "--redis.url", "redis://127.0.0.1:6379",
      "--model.registry", dir.toString()
    };
    return JobSettings.fromArgs(
        Stream.concat(Stream.of(base), Stream.of(extra)).toArray(String[]::new), Map.of());
  }

  @Test
  void monitoringIsOnAtThirtyDaysBeforeRenewalByDefault() {
    MonitoringSettings m = with().monitoring();

    assertThat(m)
        .isEqualTo(new MonitoringSettings(true, 30, 30, 200, "lapsewatch.model-monitoring"));
  }

  @Test
  void readsGivenValues() {
    MonitoringSettings m =
        with(
                "--monitoring.lead-days", "60",
                "--monitoring.window-days", "14",
                "--monitoring.min-terms", "50",
                "--monitoring.topic", "mon")
            .monitoring();

    assertThat(m).isEqualTo(new MonitoringSettings(true, 60, 14, 50, "mon"));
  }

  @Test
  void aLeadTimeThatIsNoMilestoneStopsTheStartNamingKeyAndValue() {
    assertThatThrownBy(() -> with("--monitoring.lead-days", "21"))
        .hasMessage(
            "monitoring.lead-days must be one of features.milestone-days [90, 60, 30, 14, 7]"
                + " (only there is every term re-scored), was '21'");
    assertThatThrownBy(
            () -> with("--features.milestone-days", "60,14", "--monitoring.lead-days", "30"))
        .hasMessageStartingWith("monitoring.lead-days must be one of features.milestone-days");
    assertThat(with("--monitoring.enabled", "false", "--monitoring.lead-days", "21").monitoring())
        .extracting(MonitoringSettings::enabled)
        .isEqualTo(false);
  }

  @Test
  void badWindowMinimumAndTopicAreNamed() {
    assertThatThrownBy(() -> with("--monitoring.window-days", "0"))
        .hasMessage("monitoring.window-days must be in 1..365, was '0'");
    assertThatThrownBy(() -> with("--monitoring.min-terms", "-1"))
        .hasMessage("monitoring.min-terms must be in 1..10000000, was '-1'");
    assertThatThrownBy(() -> with("--monitoring.topic", " "))
        .hasMessage("monitoring.topic must not be blank, was ' '");
  }

  @Test
  void monitoredTermsAndTermEventsInStateArePojosWithoutKryo() throws Exception {
    assertThat(TypeInformation.of(io.lapsewatch.modeltraining.monitoring.MonitoredTerm.class))
        .isInstanceOf(PojoTypeInfo.class);
    assertThat(TypeInformation.of(io.lapsewatch.flinkjobs.functions.TermEvent.class))
        .isInstanceOf(PojoTypeInfo.class);

    org.apache.flink.api.common.serialization.SerializerConfigImpl noKryo =
        new org.apache.flink.api.common.serialization.SerializerConfigImpl();
    noKryo.setGenericTypes(false);
    io.lapsewatch.modeltraining.monitoring.MonitoredTerm t =
        io.lapsewatch.modeltraining.monitoring.MonitoredTerm.scored(
                "PH-1", "P-1", 20_100, 20_070L * 86_400_000L, "m1", 0.42, new double[] {1.5, 0})
            .ended(io.lapsewatch.modeltraining.monitoring.MonitoredTerm.LAPSED, 20_101);
    var s =
        TypeInformation.of(io.lapsewatch.modeltraining.monitoring.MonitoredTerm.class)
            .createSerializer(noKryo);
    org.apache.flink.core.memory.DataOutputSerializer out =
        new org.apache.flink.core.memory.DataOutputSerializer(64);
    s.serialize(t, out);
    assertThat(
            s.deserialize(
                new org.apache.flink.core.memory.DataInputDeserializer(out.getCopyOfBuffer())))
        .isEqualTo(t);
  }
}
