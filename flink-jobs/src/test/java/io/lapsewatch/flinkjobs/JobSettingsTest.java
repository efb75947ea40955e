package io.lapsewatch.flinkjobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lapsewatch.alertcontract.RetentionAction;
import io.lapsewatch.flinkjobs.decision.Ranking;
import io.lapsewatch.flinkjobs.settings.ModelSourceKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job's typed settings: defaults, bad values named with key and value, unknown keys, the
 * command line, and secrets that never show (Kafka client secrets from the environment or a file
 * instead of program arguments).
 */
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

  private JobSettings with(String... extra) {
    return JobSettings.fromArgs(args(extra), Map.of());
  }

  @Test
  void shouldApplyTheDocumentedDefaults() {
    JobSettings s = with();

    assertThat(s.groupId()).isEqualTo("lapsewatch-scoring");
    assertThat(s.eventsTopic()).isEqualTo("policy-events");
    assertThat(s.deadLetterTopic()).isEqualTo("policy-events-dlq");
    assertThat(s.alertsTopic()).isEqualTo("retention-alerts");
    assertThat(s.outcomesTopic()).isEqualTo("retention-outcomes");
    assertThat(s.shadowTopic()).isEqualTo("retention-shadow-scores");
    assertThat(s.bounded()).isFalse();
    assertThat(s.maxOutOfOrderness()).isEqualTo(Duration.ofSeconds(1));
    assertThat(s.allowedLatenessMs()).isEqualTo(Duration.ofDays(3).toMillis());
    assertThat(s.idleTimeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(s.milestoneDays()).containsExactly(90, 60, 30, 14, 7);
    assertThat(s.redis().cluster()).isFalse();
    assertThat(s.modelSourceKind()).isEqualTo(ModelSourceKind.FOLDER);
    assertThat(s.modelSource().registryFolder()).isEqualTo(dir.toString());
    assertThat(s.modelCheckIntervalMs()).isEqualTo(10_000);
    assertThat(s.challengerVersion()).isNull();
    assertThat(s.decision().threshold()).isNaN();
    assertThat(s.decision().highValuePremium()).isEqualTo(5000.0);
    assertThat(s.decision().horizonDays()).isEqualTo(90);
    assertThat(s.decision().leadTimeDays()).isEqualTo(14);
    assertThat(s.holdout().share()).isEqualTo(0.10);
    assertThat(s.holdout().salt()).isEqualTo("lapsewatch-holdout-v1");
    assertThat(s.dailyCapacity()).isEmpty();
    assertThat(s.parallelism()).isEqualTo(2);
    assertThat(s.checkpointIntervalMs()).isEqualTo(60_000);
    assertThat(s.checkpointDir()).isNull();
    assertThat(s.featureBatchSize()).isEqualTo(10_000);
    assertThat(s.featureMaxDelayMs()).isEqualTo(1000);
    assertThat(s.kafkaProperties()).isEmpty();
  }

  @Test
  void shouldReadGivenValuesIntoTypes() {
    JobSettings s =
        with(
            "--events.bounded", "true",
            "--model.source", "redis",
            "--decision.capacity.agent-callback", "40",
            "--decision.threshold", "0.3",
            "--features.milestone-days", "30, 7");

    assertThat(s.bounded()).isTrue();
    assertThat(s.modelSourceKind()).isEqualTo(ModelSourceKind.REDIS);
    assertThat(s.dailyCapacity()).containsOnly(Map.entry("AGENT_CALLBACK", 40));
    assertThat(s.decision().threshold()).isEqualTo(0.3);
    assertThat(s.milestoneDays()).containsExactly(30, 7);
  }

  @Test
  void shouldNameTheKeyAndTheValueThatIsWrong() {
    assertThatThrownBy(() -> with("--job.parallelism", "two"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("job.parallelism must be a whole number, was 'two'");
    assertThatThrownBy(() -> with("--job.parallelism", "0"))
        .hasMessage("job.parallelism must be in 1..4096, was '0'");
    assertThatThrownBy(() -> with("--events.bounded", "yes"))
        .hasMessage("events.bounded must be true or false, was 'yes'");
    assertThatThrownBy(() -> with("--decision.holdout-share", "1"))
        .hasMessage("decision.holdout-share must be in [0, 1), was '1'");
    assertThatThrownBy(() -> with("--decision.high-value-premium", "lots"))
        .hasMessage("decision.high-value-premium must be a number, was 'lots'");
    assertThatThrownBy(() -> with("--model.source", "reddis"))
        .hasMessage("model.source must be one of folder, redis, was 'reddis'");
    assertThatThrownBy(() -> with("--features.milestone-days", "90,0"))
        .hasMessage(
            "features.milestone-days must be a comma-separated list of days in 1..365, was '90,0'");
    assertThatThrownBy(() -> with("--events.topic", " "))
        .hasMessage("events.topic must not be blank, was ' '");
    assertThatThrownBy(
            () ->
                JobSettings.fromArgs(
                    new String[] {"--redis.url", "redis://h:1", "--model.registry", "."}, Map.of()))
        .hasMessage(
            "missing setting 'kafka.bootstrap-servers' (argument --kafka.bootstrap-servers or"
                + " environment LAPSEWATCH_KAFKA_BOOTSTRAP_SERVERS)");
  }

  @Test
  void shouldDecideByRiskByDefaultWithDocumentedContactCostsAndGate() {
    JobSettings s = with();

    assertThat(s.upliftDecision().ranking()).isEqualTo(Ranking.RISK);
    assertThat(s.upliftDecision().renewalOfferCost()).isEqualTo(5.0);
    assertThat(s.upliftDecision().agentCallbackCost()).isEqualTo(40.0);
    assertThat(s.upliftDecision().minHoldoutOutcomes()).isEqualTo(500);
    assertThat(s.upliftModelsPresent()).isFalse();
  }

  @Test
  void shouldReadTheUpliftSettingsWhenAModelIsSaved() throws Exception {
    Path version = dir.resolve("uplift").resolve("offer").resolve("u20260101-000000-abcdef");
    Files.createDirectories(version);
    Files.writeString(version.resolve("provenance.json"), "{}");

    JobSettings s =
        with(
            "--decision.ranking", "uplift",
            "--decision.contact-cost.renewal-offer", "2.5",
            "--decision.contact-cost.agent-callback", "60",
            "--decision.uplift.min-holdout-outcomes", "0");

    assertThat(s.upliftDecision().ranking()).isEqualTo(Ranking.UPLIFT);
    assertThat(s.upliftDecision().cost(RetentionAction.RENEWAL_OFFER)).isEqualTo(2.5);
    assertThat(s.upliftDecision().cost(RetentionAction.AGENT_CALLBACK)).isEqualTo(60.0);
    assertThat(s.upliftDecision().minHoldoutOutcomes()).isZero();
    assertThat(s.upliftModelsPresent()).isTrue();
  }

  @Test
  void shouldNameTheUpliftSettingAndValueThatIsWrong() {
    assertThatThrownBy(() -> with("--decision.ranking", "value"))
        .hasMessage("decision.ranking must be one of risk, uplift, was 'value'");
    assertThatThrownBy(() -> with("--decision.contact-cost.renewal-offer", "-1"))
        .hasMessage("decision.contact-cost.renewal-offer must be in 0..1000000, was '-1'");
    assertThatThrownBy(() -> with("--decision.contact-cost.agent-callback", "NaN"))
        .hasMessage("decision.contact-cost.agent-callback must be in 0..1000000, was 'NaN'");
    assertThatThrownBy(() -> with("--decision.uplift.min-holdout-outcomes", "-5"))
        .hasMessage("decision.uplift.min-holdout-outcomes must be in 0..100000000, was '-5'");
  }

  @Test
  void shouldRefuseTheUpliftRankingWithoutAModelSayingWhatToRun() {
    assertThatThrownBy(() -> with("--decision.ranking", "uplift"))
        .hasMessageStartingWith("decision.ranking needs an uplift model in")
        .hasMessageContaining("run: lapsewatch uplift train --registry " + dir)
        .hasMessageEndingWith("was 'uplift'");
  }

  @Test
  void shouldReadTheJourneyPlansAtStartAndRefuseABadFileNamingKeyAndValue(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    assertThat(with().journeys().isEmpty()).isTrue();
    assertThat(
            with("--journeys.file", "../deploy/journeys/retention-journeys.yaml").journeys().all())
        .extracting(p -> p.id())
        .containsExactly("high-value-callback", "standard-renewal");

    java.nio.file.Path bad = dir.resolve("plans.yaml");
    java.nio.file.Files.writeString(
        bad,
        "version: 1\nplans:\n  - id: p\n    version: 1\n    steps:\n      - {id: s, action: sms}\n");
    assertThatThrownBy(() -> with("--journeys.file", bad.toString()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("journeys.file")
        .hasMessageContaining("plans[0].steps[0].action")
        .hasMessageContaining("\"sms\"");
  }

  @Test
  void shouldApplyContactRulesByDefaultAndReadGivenOnes() {
    JobSettings defaults = with();
    assertThat(defaults.contactRules().maxPer30Days()).isEqualTo(3);
    assertThat(defaults.contactRules().quietHours()).hasToString("21:00-08:00 Asia/Shanghai");

    JobSettings given =
        with(
            "--contact.max-per-30-days", "0",
            "--contact.quiet-hours", "22:30-07:00",
            "--contact.time-zone", "Europe/Berlin");
    assertThat(given.contactRules().maxPer30Days()).isZero();
    assertThat(given.contactRules().quietHours()).hasToString("22:30-07:00 Europe/Berlin");

    assertThat(with("--contact.quiet-hours", "").contactRules().quietHours().isNone()).isTrue();
  }

  @Test
  void shouldNameTheContactSettingAndValueThatIsWrong() {
    assertThatThrownBy(() -> with("--contact.max-per-30-days", "-1"))
        .hasMessage("contact.max-per-30-days must be in 0..1000, was '-1'");
    assertThatThrownBy(() -> with("--contact.quiet-hours", "9pm-8am"))
        .hasMessage(
            "contact.quiet-hours must be HH:mm-HH:mm (e.g. 21:00-08:00) or empty, was '9pm-8am'");
    assertThatThrownBy(() -> with("--contact.quiet-hours", "08:00-08:00"))
        .hasMessage("contact.quiet-hours must start and end at different times, was '08:00-08:00'");
    assertThatThrownBy(() -> with("--contact.time-zone", "Mars/Olympus"))
        .hasMessage(
            "contact.time-zone must be a time zone such as Asia/Shanghai, was 'Mars/Olympus'");
  }

  @Test
  void shouldBoundTheLeadTimeByTheHorizonGiven() {
    // The bound follows decision.horizon-days, not a fixed 3649.
    assertThat(
            with("--decision.horizon-days", "400", "--decision.lead-time-days", "399").decision())
        .satisfies(d -> assertThat(d.leadTimeDays()).isEqualTo(399));
    assertThatThrownBy(
            () -> with("--decision.horizon-days", "30", "--decision.lead-time-days", "30"))
        .hasMessage("decision.lead-time-days must be in 0..29, was '30'");
  }

  @Test
  void shouldReadTheFeatureAgeLimitWithItsDefaultAndBounds() {
    assertThat(with().freshness().maxAgeDays()).isEqualTo(60);
    assertThat(with("--decision.max-feature-age-days", "0").freshness().tooOld(1L << 40))
        .as("0 turns the limit off")
        .isFalse();
    assertThatThrownBy(() -> with("--decision.max-feature-age-days", "-1"))
        .hasMessage("decision.max-feature-age-days must be in 0..3650, was '-1'");
  }

  @Test
  void shouldRefuseAnUnknownKeyByName() {
    assertThatThrownBy(() -> with("--redis.pasword", "hunter2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unknown setting 'redis.pasword'; known: ")
        .hasMessageContaining("redis.password")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void shouldRefuseATrailingFlagWithoutAValue() {
    assertThatThrownBy(() -> with("--job.parallelism"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'--job.parallelism' needs a value (arguments are --key value pairs)");
    assertThatThrownBy(() -> with("job.parallelism", "2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("arguments must be --key value pairs; 'job.parallelism' is not a --key");
  }

  @Test
  void shouldTakeKeysFromTheEnvironmentUnlessGivenAsArguments() {
    JobSettings s =
        JobSettings.fromArgs(
            args("--job.parallelism", "3"),
            Map.of(
                "LAPSEWATCH_JOB_PARALLELISM", "5",
                "LAPSEWATCH_REDIS_PASSWORD", "from-env",
                "LAPSEWATCH_WEBHOOK_URL", "someone else's"));

    assertThat(s.parallelism()).isEqualTo(3);
    assertThat(s.redis().password()).isEqualTo("from-env");
  }

  @Test
  void shouldHideARedisPasswordContainingAnAtSign() {
    JobSettings s = with("--redis.url", "redis://lapsewatch:p@ss-w0rd@127.0.0.1:6379");

    assertThat(s.redis().password()).isEqualTo("p@ss-w0rd");
    assertThat(s.toString())
        .contains("redis.url=***")
        .doesNotContain("p@ss")
        .doesNotContain("ss-w0rd");
    assertThatThrownBy(() -> with("--redis.url", "http://lapsewatch:p@ss-w0rd@127.0.0.1:6379"))
        .hasMessage("redis.url must start with redis:// or rediss://, was '***'");
  }

  @Test
  void shouldHideEverySecretLookingKafkaPropertyInToString() {
    JobSettings s =
        with(
            "--redis.password", "redis-s3cr3t",
            "--kafka.properties.security.protocol", "SASL_SSL",
            "--kafka.properties.ssl.keystore.key", "-----BEGIN PRIVATE KEY----- k3y",
            "--kafka.properties.ssl.key.password", "key-pa55",
            "--kafka.properties.basic.auth.user.info", "user:inf0",
            "--kafka.properties.sasl.jaas.config", "password=\"ja4s\";");

    assertThat(s.toString())
        .contains("kafka.properties.security.protocol=SASL_SSL")
        .contains("redis.password=***")
        .contains("kafka.properties.ssl.keystore.key=***")
        .contains("events.topic=policy-events")
        .doesNotContain("redis-s3cr3t")
        .doesNotContain("k3y")
        .doesNotContain("key-pa55")
        .doesNotContain("inf0")
        .doesNotContain("ja4s");
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
