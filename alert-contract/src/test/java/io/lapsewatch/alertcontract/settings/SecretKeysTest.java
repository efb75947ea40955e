package io.lapsewatch.alertcontract.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretKeysTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "redis.password",
        "redis.password-file",
        "kafka.properties.ssl.key.password",
        "kafka.properties.ssl.keystore.key",
        "kafka.properties.ssl.key.passphrase",
        "kafka.properties.sasl.jaas.config",
        "kafka.properties.basic.auth.user.info",
        "kafka.properties.sasl.oauthbearer.client.credentials.client.secret",
        "callbacks.token",
        "feishu.app-token",
        "dingtalk.secret",
        "webhook.url",
        "redis.url",
        "url",
        "opsgenie.api-key",
        "SMTP.PASSWORD"
      })
  void shouldTreatCredentialsAndUrlsAsSecret(String key) {
    assertThat(SecretKeys.isSecret(key)).isTrue();
    assertThat(SecretKeys.shown(key, "value", "***")).isEqualTo("***");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "metrics.port",
        "kafka.bootstrap-servers",
        "kafka.properties.security.protocol",
        "kafka.properties.key.serializer",
        "notification-log.key-prefix",
        "events.topic",
        "decision.holdout-share"
      })
  void shouldShowOrdinarySettings(String key) {
    assertThat(SecretKeys.isSecret(key)).isFalse();
    assertThat(SecretKeys.shown(key, "value", "***")).isEqualTo("value");
  }

  @Test
  void shouldPassKafkaPropertiesThroughWithoutThePrefixAndWithPlaceholdersFilled() {
    Map<String, String> client =
        KafkaPassThrough.extract(
            Map.of(
                "kafka.properties.security.protocol", "SASL_SSL",
                "kafka.properties.sasl.jaas.config", "${env:LW_JAAS}",
                "kafka.bootstrap-servers", "b:9092"),
            new SecretResolver(Map.of("LW_JAAS", "from-env")));

    assertThat(client)
        .containsOnly(
            Map.entry("security.protocol", "SASL_SSL"), Map.entry("sasl.jaas.config", "from-env"));
  }

  @Test
  void shouldRefuseThePrefixWithoutAPropertyName() {
    assertThatThrownBy(
            () ->
                KafkaPassThrough.extract(
                    Map.of("kafka.properties.", "x"), new SecretResolver(Map.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'kafka.properties.'");
  }
}
