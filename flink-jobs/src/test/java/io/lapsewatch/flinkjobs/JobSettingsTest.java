package io.lapsewatch.flinkjobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kafka client secrets from the environment or a file instead of program arguments. */
class JobSettingsTest {
  @TempDir Path dir;

  private String[] args(String... extra) {
    String[] base = {
      "--kafka.bootstrap-servers", "broker:9093",
      "--redis.url", "redis://127.0.0.1:6379",
      "--model.registry", dir.toString()
    };
    String[] all = new String[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return all;
  }

  @Test
  void fillsKafkaPropertiesFromTheEnvironmentAndFromFiles() throws Exception {
    Path jaas = dir.resolve("jaas.conf");
    Files.writeString(jaas, "ScramLoginModule required password=\"s3cr3t-file\";\n");

    JobSettings s =
        JobSettings.fromArgs(
            args(
                "--kafka.properties.sasl.jaas.config", "${file:" + jaas + "}",
                "--kafka.properties.ssl.truststore.password", "${env:LW_TRUST_PW}",
                "--kafka.properties.security.protocol", "SASL_SSL"),
            Map.of("LW_TRUST_PW", "s3cr3t-env"));

    assertThat(s.kafkaProperties())
        .containsEntry("sasl.jaas.config", "ScramLoginModule required password=\"s3cr3t-file\";")
        .containsEntry("ssl.truststore.password", "s3cr3t-env")
        .containsEntry("security.protocol", "SASL_SSL");
    assertThat(s.toString()).doesNotContain("s3cr3t");
  }

  @Test
  void failsFastNamingTheKeyAndVariableButNotAValue() {
    assertThatThrownBy(
            () ->
                JobSettings.fromArgs(
                    args("--kafka.properties.sasl.jaas.config", "${env:LW_KAFKA_JAAS}"),
                    Map.of("LW_OTHER", "unrelated-value")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kafka.properties.sasl.jaas.config")
        .hasMessageContaining("LW_KAFKA_JAAS")
        .hasMessageNotContaining("unrelated-value");
  }

  @Test
  void failsFastOnAnUnreadableOrEmptySecretFile() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty"), "\n");
    assertThatThrownBy(
            () ->
                JobSettings.fromArgs(
                    args("--kafka.properties.ssl.key.password", "${file:" + empty + "}"), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kafka.properties.ssl.key.password")
        .hasMessageContaining("is empty");
    assertThatThrownBy(
            () ->
                JobSettings.fromArgs(
                    args("--kafka.properties.ssl.key.password", "${file:" + dir.resolve("x") + "}"),
                    Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot read secret file");
  }

  @Test
  void leavesValuesWithoutPlaceholdersAlone() {
    JobSettings s =
        JobSettings.fromArgs(args("--kafka.properties.client.id", "scoring-$1{x}"), Map.of());

    assertThat(s.kafkaProperties()).containsEntry("client.id", "scoring-$1{x}");
  }
}
