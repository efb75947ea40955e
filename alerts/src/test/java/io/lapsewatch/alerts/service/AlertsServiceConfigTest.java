package io.lapsewatch.alerts.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lapsewatch.alerts.metrics.HttpLimits;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertsServiceConfigTest {

  private static Map<String, String> minimal() {
    Map<String, String> m = new HashMap<>();
    m.put("kafka.bootstrap-servers", "broker-1:9092,broker-2:9092");
    return m;
  }

  private static Map<String, String> with(String key, String value) {
    Map<String, String> m = minimal();
    m.put(key, value);
    return m;
  }

  @Test
  void shouldApplyDocumentedDefaults() {
    AlertsServiceConfig c = AlertsServiceConfig.from(minimal());

    assertThat(c.kafka().bootstrapServers()).isEqualTo("broker-1:9092,broker-2:9092");
    assertThat(c.kafka().topic()).isEqualTo("retention-alerts");
    assertThat(c.kafka().groupId()).isEqualTo("lapsewatch-alerts");
    assertThat(c.kafka().deadLetterTopic()).isEqualTo("retention-alerts-dlq");
    assertThat(c.kafka().maxPollRecords()).isEqualTo(50);
    assertThat(c.kafka().clientProperties()).isEmpty();
    assertThat(c.webhook()).isEmpty();
    assertThat(c.consoleEnabled()).isTrue();
    assertThat(c.metrics().host()).isEqualTo("127.0.0.1");
    assertThat(c.metrics().port()).isEqualTo(9464);
  }

  @Test
  void shouldReadTheLimitsOfTheHttpPort() {
    assertThat(AlertsServiceConfig.from(minimal()).metrics().limits())
        .isEqualTo(HttpLimits.defaults());
    Map<String, String> m = with("metrics.header-timeout-ms", "2000");
    m.put("metrics.read-timeout-ms", "3000");
    m.put("metrics.idle-timeout-ms", "60000");
    m.put("metrics.max-connections", "50");

    assertThat(AlertsServiceConfig.from(m).metrics().limits())
        .isEqualTo(
            new HttpLimits(
                Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofMinutes(1), 50));
    assertThatThrownBy(() -> AlertsServiceConfig.from(with("metrics.max-connections", "0")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("metrics.max-connections must be 1..100000, was '0'");
    assertThatThrownBy(() -> AlertsServiceConfig.from(with("metrics.header-timeout-ms", "5")))
        .hasMessage("metrics.header-timeout-ms must be 100..600000, was '5'");
  }

  @Test
  void shouldReadWebhookSettings() {
    Map<String, String> m = with("webhook.url", "https://hooks.example.com/services/abc");
    m.put("webhook.timeout-ms", "2500");
    m.put("webhook.max-attempts", "3");

    AlertsServiceConfig.WebhookSettings w = AlertsServiceConfig.from(m).webhook().orElseThrow();

    assertThat(w.url()).isEqualTo(URI.create("https://hooks.example.com/services/abc"));
    assertThat(w.requestTimeout()).isEqualTo(Duration.ofMillis(2500));
    assertThat(w.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(w.maxAttempts()).isEqualTo(3);
    assertThat(w.initialBackoff()).isEqualTo(Duration.ofMillis(500));
    assertThat(w.maxBackoff()).isEqualTo(Duration.ofSeconds(30));
    assertThat(w.toString()).doesNotContain("services/abc");
  }

  @Test
  void shouldNameTheKeyAndTheValueThatIsWrong() {
    assertThatThrownBy(() -> AlertsServiceConfig.from(with("metrics.port", "abc")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("metrics.port must be 0..65535, was 'abc'");
    assertThatThrownBy(() -> AlertsServiceConfig.from(with("metrics.port", "70000")))
        .hasMessage("metrics.port must be 0..65535, was '70000'");
    Map<String, String> zeroAttempts = with("webhook.url", "https://h.example.com/x");
    zeroAttempts.put("webhook.max-attempts", "0");
    assertThatThrownBy(() -> AlertsServiceConfig.from(zeroAttempts))
        .hasMessage("webhook.max-attempts must be 1..20, was '0'");
    assertThatThrownBy(() -> AlertsServiceConfig.from(with("console.enabled", "yes")))
        .hasMessage("console.enabled must be true or false, was 'yes'");
    assertThatThrownBy(() -> AlertsServiceConfig.from(with("alerts.topic", "retention alerts")))
        .hasMessageStartingWith("alerts.topic must be a Kafka topic name")
        .hasMessageEndingWith("was 'retention alerts'");
  }

  @Test
  void shouldRequireBootstrapServersAndSayHowToSetThem() {
    assertThatThrownBy(() -> AlertsServiceConfig.from(Map.of()))
        .hasMessage(
            "kafka.bootstrap-servers is required (host:port[,host:port...]); set it in the"
                + " properties file or as LAPSEWATCH_KAFKA_BOOTSTRAP_SERVERS");
    assertThatThrownBy(
            () -> AlertsServiceConfig.from(Map.of("kafka.bootstrap-servers", "localhost")))
        .hasMessage("kafka.bootstrap-servers must be host:port[,host:port...], was 'localhost'");
  }

  @Test
  void shouldNeverEchoAWebhookUrlBecauseItIsTheCredential() {
    assertThatThrownBy(
            () -> AlertsServiceConfig.from(with("webhook.url", "hooks.example.com/s3cr3t")))
        .hasMessage("webhook.url must be an absolute http:// or https:// URL, was <hidden>");
  }

  @Test
  void shouldTreatSecretLookingKeysAsSecret() {
    assertThat(AlertsServiceConfig.isSecret("dingtalk.secret")).isTrue();
    assertThat(AlertsServiceConfig.isSecret("smtp.password")).isTrue();
    assertThat(AlertsServiceConfig.isSecret("feishu.app-token")).isTrue();
    assertThat(AlertsServiceConfig.isSecret("sasl.jaas.config")).isTrue();
    assertThat(AlertsServiceConfig.isSecret("webhook.url")).isTrue();
    assertThat(AlertsServiceConfig.isSecret("metrics.port")).isFalse();
  }

  @Test
  void shouldRefuseADeadLetterTopicEqualToTheAlertsTopic() {
    assertThatThrownBy(
            () -> AlertsServiceConfig.from(with("alerts.dead-letter-topic", "retention-alerts")))
        .hasMessage(
            "alerts.dead-letter-topic must differ from alerts.topic, both were 'retention-alerts'");
  }

  @Test
  void shouldRefuseUnknownKeysInItsOwnNamespacesOnly() {
    assertThatThrownBy(() -> AlertsServiceConfig.from(with("webhook.timout-ms", "100")))
        .hasMessageStartingWith("unknown configuration key 'webhook.timout-ms'; known keys: [");
    // Someone else's key in a shared file is not ours to judge.
    assertThat(AlertsServiceConfig.from(with("flink.parallelism", "2"))).isNotNull();
  }

  @Test
  void shouldPassKafkaClientSettingsThroughAndRedactSecrets() {
    Map<String, String> m = with("kafka.properties.security.protocol", "SASL_SSL");
    m.put("kafka.properties.sasl.jaas.config", "PlainLoginModule password=\"hunter2\";");

    AlertsServiceConfig c = AlertsServiceConfig.from(m);

    assertThat(c.kafka().clientProperties())
        .containsEntry("security.protocol", "SASL_SSL")
        .containsKey("sasl.jaas.config");
    assertThat(c.toString()).contains("SASL_SSL").doesNotContain("hunter2");
  }

  @Test
  void shouldFillKafkaClientSecretsFromTheEnvironmentAndFiles(@TempDir Path dir) throws Exception {
    Path secret = dir.resolve("jaas.conf");
    Files.writeString(secret, "PlainLoginModule required password=\"from-file\";\n");
    Map<String, String> m = with("kafka.properties.sasl.jaas.config", "${file:" + secret + "}");
    m.put("kafka.properties.ssl.truststore.password", "${env:LW_TRUSTSTORE_PASSWORD}");
    m.put("kafka.properties.security.protocol", "SASL_SSL");

    AlertsServiceConfig c =
        AlertsServiceConfig.from(m, Map.of("LW_TRUSTSTORE_PASSWORD", "from-env"));

    assertThat(c.kafka().clientProperties())
        .containsEntry("sasl.jaas.config", "PlainLoginModule required password=\"from-file\";")
        .containsEntry("ssl.truststore.password", "from-env")
        .containsEntry("security.protocol", "SASL_SSL");
    assertThat(c.toString()).doesNotContain("from-file").doesNotContain("from-env");
  }

  @Test
  void shouldNameTheKafkaClientKeyWhoseSecretIsMissing(@TempDir Path dir) {
    Map<String, String> m = with("kafka.properties.sasl.jaas.config", "${env:LW_KAFKA_JAAS}");

    assertThatThrownBy(() -> AlertsServiceConfig.from(m, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kafka.properties.sasl.jaas.config")
        .hasMessageContaining("LW_KAFKA_JAAS");
    Path absent = dir.resolve("no-such-secret");
    assertThatThrownBy(
            () ->
                AlertsServiceConfig.from(
                    with("kafka.properties.ssl.key.password", "${file:" + absent + "}"), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kafka.properties.ssl.key.password")
        .hasMessageContaining("no-such-secret");
  }

  @Test
  void shouldLetTheEnvironmentOverrideTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("alerts.properties");
    Properties p = new Properties();
    p.setProperty("kafka.bootstrap-servers", "file-broker:9092");
    p.setProperty("metrics.port", "9000");
    try (var out = Files.newBufferedWriter(file)) {
      p.store(out, null);
    }

    AlertsServiceConfig c =
        AlertsServiceConfig.load(
            file,
            Map.of(
                "LAPSEWATCH_KAFKA_BOOTSTRAP_SERVERS", "env-broker:9092",
                "LAPSEWATCH_ALERTS_DEAD_LETTER_TOPIC", "dlq-from-env",
                "PATH", "/usr/bin"));

    assertThat(c.kafka().bootstrapServers()).isEqualTo("env-broker:9092");
    assertThat(c.kafka().deadLetterTopic()).isEqualTo("dlq-from-env");
    assertThat(c.metrics().port()).isEqualTo(9000);
  }

  @Test
  void shouldMapKeysToEnvironmentNames() {
    assertThat(AlertsServiceConfig.environmentName("kafka.bootstrap-servers"))
        .isEqualTo("LAPSEWATCH_KAFKA_BOOTSTRAP_SERVERS");
    assertThat(AlertsServiceConfig.environmentName("webhook.timeout-ms"))
        .isEqualTo("LAPSEWATCH_WEBHOOK_TIMEOUT_MS");
  }

  @Test
  void shouldReadProperties() {
    Properties p = new Properties();
    p.setProperty("kafka.bootstrap-servers", "localhost:9092");
    p.setProperty("metrics.port", "0");

    assertThat(AlertsServiceConfig.from(p).metrics().port()).isZero();
  }

  @Test
  void shouldApplyDocumentedDefaultsToRoutingLogDeliveryAndOutcomes() {
    AlertsServiceConfig c = AlertsServiceConfig.from(minimal(), Map.of());

    assertThat(c.routing()).isEmpty();
    assertThat(c.notificationLog().redisUrl()).isEmpty();
    assertThat(c.notificationLog().lease()).isEqualTo(Duration.ofMinutes(2));
    assertThat(c.notificationLog().ttl()).isEqualTo(Duration.ofDays(90));
    assertThat(c.notificationLog().keyPrefix()).isEqualTo("lw:notif:v1:");
    assertThat(c.delivery().maxAttempts()).isEqualTo(5);
    assertThat(c.delivery().maxBackoff()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.outcomes().enabled()).isFalse();
    assertThat(c.outcomes().topic()).isEqualTo("retention-outcomes");
    assertThat(c.outcomes().windowDays()).isEqualTo(30);
  }

  @Test
  void shouldReadRoutingRedisAndOutcomeSettings(@TempDir Path dir) throws Exception {
    Path secret = dir.resolve("redis-password");
    Files.writeString(secret, "s3cr3t-redis\n");
    Map<String, String> m = with("routing.file", "/etc/lapsewatch/routes.yml");
    m.put("routing.reload-interval-ms", "2000");
    m.put("redis.url", "redis://redis-1:6379");
    m.put("redis.password-file", secret.toString());
    m.put("redis.cluster", "false"); // the scoring job's key: not ours, not rejected
    m.put("notification-log.lease-ms", "30000");
    m.put("outcomes.enabled", "true");
    m.put("desk.link-secret", "${env:DESK_SECRET}");

    AlertsServiceConfig c =
        AlertsServiceConfig.from(m, Map.of("DESK_SECRET", "0123456789abcdef0123456789abcdef"));

    assertThat(c.routing())
        .hasValueSatisfying(
            r -> {
              assertThat(r.file()).isEqualTo(Path.of("/etc/lapsewatch/routes.yml"));
              assertThat(r.reloadInterval()).isEqualTo(Duration.ofSeconds(2));
            });
    assertThat(c.notificationLog().redisUrl()).hasValue("redis://redis-1:6379");
    assertThat(c.notificationLog().redisPassword()).hasValue("s3cr3t-redis");
    assertThat(c.notificationLog().lease()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.outcomes().enabled()).isTrue();
    // Redis set, desk on by default: the service runs the desk, from the same settings.
    assertThat(c.desk().runnable()).isTrue();
    assertThat(c.desk().alertsTopic()).isEqualTo(c.kafka().topic());
    assertThat(c.toString())
        .contains("routing=/etc/lapsewatch/routes.yml")
        .doesNotContain("s3cr3t-redis")
        .doesNotContain("redis-1");
  }

  @Test
  void shouldHideRedisCredentialsInErrors() {
    assertThatThrownBy(() -> AlertsServiceConfig.from(with("redis.url", "http://:pw@redis:6379")))
        .hasMessage("redis.url must be a redis:// or rediss:// URL, was <hidden>");
    Map<String, String> both = with("redis.password", "a");
    both.put("redis.password-file", "/run/secrets/x");
    assertThatThrownBy(() -> AlertsServiceConfig.from(both))
        .hasMessage("set redis.password or redis.password-file, not both");
  }

  @Test
  void shouldRejectTyposInTheNewNamespaces() {
    assertThatThrownBy(() -> AlertsServiceConfig.from(with("routing.fiel", "x")))
        .hasMessageStartingWith("unknown configuration key 'routing.fiel'");
    assertThatThrownBy(() -> AlertsServiceConfig.from(with("notification-log.lease", "5")))
        .hasMessageStartingWith("unknown configuration key 'notification-log.lease'");
    assertThatThrownBy(() -> AlertsServiceConfig.from(with("notification-log.lease-ms", "10")))
        .hasMessage("notification-log.lease-ms must be 1000..3600000, was '10'");
    assertThatThrownBy(() -> AlertsServiceConfig.from(with("outcomes.topic", "retention-alerts")))
        .hasMessage("outcomes.topic must differ from alerts.topic, both were 'retention-alerts'");
  }

  @Test
  void shouldHideEverySecretLookingKafkaPropertyInToString() {
    Map<String, String> m = with("kafka.properties.security.protocol", "SSL");
    m.put("kafka.properties.ssl.keystore.key", "-----BEGIN PRIVATE KEY----- k3y");
    m.put("kafka.properties.ssl.key.passphrase", "phr4se");
    m.put("kafka.properties.basic.auth.user.info", "user:inf0");

    String shown = AlertsServiceConfig.from(m, Map.of()).toString();

    assertThat(shown)
        .contains("security.protocol=SSL")
        .doesNotContain("k3y")
        .doesNotContain("phr4se")
        .doesNotContain("inf0");
  }

  @Test
  void shouldRefuseTheOldKafkaClientPrefixNamingTheNewOne() {
    assertThatThrownBy(
            () -> AlertsServiceConfig.from(with("kafka.client.security.protocol", "SASL_SSL")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "'kafka.client.security.protocol': Kafka client settings now go under"
                + " kafka.properties. (as for the scoring job); rename it to"
                + " kafka.properties.security.protocol");
  }

  @Test
  void shouldRefuseTheRemovedCallbackSettingsNamingTheDesk() {
    for (String key :
        new String[] {"callbacks.token", "callbacks.token-file", "actions.callback-token"}) {
      assertThatThrownBy(() -> AlertsServiceConfig.from(with(key, "agent-app-token-0123456789")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("'" + key + "': POST /callbacks and its token are gone")
          .hasMessageContaining("retention desk")
          .hasMessageContaining("desk.link-secret")
          .hasMessageNotContaining("agent-app-token");
    }
  }

  @Test
  void shouldRequireTheLinkSecretWhenRedisTurnsTheDeskOn() {
    Map<String, String> m = with("redis.url", "redis://redis-1:6379");
    assertThatThrownBy(() -> AlertsServiceConfig.from(m, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'desk.link-secret' is required");
    m.put("desk.enabled", "false");
    assertThat(AlertsServiceConfig.from(m, Map.of()).desk().runnable()).isFalse();
  }

  @Test
  void shouldLetTheEnvironmentOverrideTheDesksSettings() {
    Map<String, String> merged =
        AlertsServiceConfig.withEnvironment(
            with("desk.enabled", "true"), Map.of("LAPSEWATCH_DESK_ENABLED", "false"));
    assertThat(AlertsServiceConfig.from(merged, Map.of()).desk().enabled()).isFalse();
  }

  @Test
  void shouldShareTheJobsSecretRule() {
    for (String key :
        new String[] {
          "kafka.properties.ssl.keystore.key",
          "kafka.properties.ssl.key.passphrase",
          "kafka.properties.basic.auth.user.info",
          "redis.url"
        }) {
      assertThat(AlertsServiceConfig.isSecret(key)).as(key).isTrue();
    }
  }
}
