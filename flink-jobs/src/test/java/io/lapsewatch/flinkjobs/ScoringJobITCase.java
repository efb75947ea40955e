package io.lapsewatch.flinkjobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.AlertJson;
import io.lapsewatch.alertcontract.Outcome;
import io.lapsewatch.alertcontract.OutcomeJson;
import io.lapsewatch.alertcontract.OutcomeKind;
import io.lapsewatch.alertcontract.RetentionAction;
import io.lapsewatch.alertcontract.Tier;
import io.lapsewatch.embedded.EmbeddedKafka;
import io.lapsewatch.embedded.EmbeddedRedis;
import io.lapsewatch.featurestore.events.EventCodec;
import io.lapsewatch.featurestore.events.Events;
import io.lapsewatch.featurestore.events.PolicyEvent;
import io.lapsewatch.featurestore.scenarios.Scenarios;
import io.lapsewatch.featurestore.simulator.SimulationConfig;
import io.lapsewatch.featurestore.simulator.Simulator;
import io.lapsewatch.featurestore.store.RedisFeatureStore;
import io.lapsewatch.featurestore.store.RedisSettings;
import io.lapsewatch.featurestore.store.StoredFeatures;
import io.lapsewatch.flinkjobs.kafka.DeadLetterSerializer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole scoring job at parallelism 2 on a MiniCluster against an in-process Kafka broker and a
 * real redis-server, with a model trained on simulated history.
 */
class ScoringJobITCase {
  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .setConfiguration(ScoringJob.baseConfiguration())
              .build());

  static final LocalDate RENEWAL = LocalDate.of(2025, 9, 1);
  static final String HIGH_VALUE_AT_RISK = "PH-CRAFTED-HV";
  static final String STANDARD_AT_RISK = "PH-CRAFTED-STD";
  static final String HEALTHY = "PH-CRAFTED-OK";
  static final String OPTED_OUT_AT_RISK = "PH-CRAFTED-DNC";

  @TempDir static Path dir;
  static TestingStack stack;
  static EmbeddedKafka kafka;
  static EmbeddedRedis redis;
  static Path registry;

  @BeforeAll
  static void startInfrastructureAndTrain() throws Exception {
    stack = TestingStack.start(dir, List.of(), 3000, 11);
    kafka = stack.kafka();
    redis = stack.redis();
    registry = stack.registry();
  }

  @AfterAll
  static void stop() throws Exception {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void scoresEveryPolicyholderAlertsTheAtRiskOnesAndDeadLettersBadRecords() throws Exception {
    List<PolicyEvent> events = new ArrayList<>();
    new Simulator(SimulationConfig.of(150, 90, 99)).run(events::add);
    events.addAll(Scenarios.atRisk(HIGH_VALUE_AT_RISK, 8200, RENEWAL));
    events.addAll(Scenarios.atRisk(STANDARD_AT_RISK, 950, RENEWAL));
    events.addAll(Scenarios.healthy(HEALTHY, 1200, RENEWAL));
    // At risk like the standard client, but opted out of contact before anything was decided.
    events.addAll(Scenarios.atRisk(OPTED_OUT_AT_RISK, 950, RENEWAL));
    events.add(
        Events.consentChanged(
            "dnc-optout", OPTED_OUT_AT_RISK, at(RENEWAL.minusDays(120)), true, "PHONE"));
    // How the alerted terms end: the high-value client lapses, the standard one renews.
    events.add(
        Events.lapsed(
            "hv-lapse", HIGH_VALUE_AT_RISK, at(RENEWAL.plusDays(30)), HIGH_VALUE_AT_RISK + "-P1"));
    events.add(
        Events.renewed(
            "std-renew",
            STANDARD_AT_RISK,
            at(RENEWAL),
            STANDARD_AT_RISK + "-P1",
            1000,
            RENEWAL.plusYears(1)));
    List<byte[][]> records = new ArrayList<>();
    Set<String> holders = new LinkedHashSet<>();
    for (PolicyEvent e : events) {
      holders.add(e.policyholderId);
      records.add(new byte[][] {utf8(e.policyholderId), EventCodec.toBytes(e)});
    }
    List<byte[]> malformed =
        List.of(
            utf8("{\"eventId\":\"x1\",\"policyholderId\":\"PH1\",\"type\":\"DIGITAL_SE"),
            utf8(
                "{\"eventId\":\"x2\",\"policyholderId\":\"PH1\",\"type\":\"TELEPORTED\","
                    + "\"occurredAt\":\"2025-05-01T10:00:00+08:00\",\"payload\":{}}"),
            utf8(
                "{\"eventId\":\"x3\",\"policyholderId\":\"PH1\",\"type\":\"DIGITAL_SESSION\","
                    + "\"occurredAt\":\"yesterday\",\"payload\":{\"channel\":\"APP\",\"page\":\"HOME\"}}"),
            utf8(
                "{\"eventId\":\"x4\",\"policyholderId\":\"PH1\",\"type\":\"CONTACT_CONSENT_CHANGED\","
                    + "\"occurredAt\":\"2025-05-01T10:00:00+08:00\",\"payload\":{\"doNotContact\":\"yes\"}}"));
    for (byte[] m : malformed) {
      records.add(new byte[][] {utf8("PH1"), m});
    }
    EmbeddedKafka.produce(kafka.bootstrapServers(), "policy-events", records);

    Map<String, String> config = new HashMap<>();
    config.put("kafka.bootstrap-servers", kafka.bootstrapServers());
    config.put("redis.url", redis.url());
    config.put("model.registry", registry.toString());
    config.put("events.bounded", "true");
    config.put("job.parallelism", "2");
    JobSettings settings = JobSettings.of(config);
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(ScoringJob.baseConfiguration());
    org.apache.flink.api.common.JobExecutionResult result =
        ScoringJob.fromSettings(settings).execute(env);

    try (RedisFeatureStore store =
        RedisFeatureStore.open(RedisSettings.parse(redis.url(), null, false))) {
      for (String holder : holders) {
        assertThat(store.read(holder)).as("features of %s", holder).isPresent();
      }
      StoredFeatures hv = store.read(HIGH_VALUE_AT_RISK).orElseThrow();
      assertThat(hv.values().get("open_complaints")).isEqualTo(3.0);
      assertThat(hv.values().get("cancellation_enquiries_90d")).isEqualTo(3.0);
      assertThat(hv.schemaVersion()).isEqualTo("v1");
    }

    Map<String, List<Alert>> alertsByHolder = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r :
        EmbeddedKafka.readAll(kafka.bootstrapServers(), "retention-alerts")) {
      Alert a = AlertJson.parse(r.value());
      alertsByHolder.computeIfAbsent(a.policyholderId, k -> new ArrayList<>()).add(a);
    }
    // One alert per term, plus one per rise of its risk band; never a repeat of the same band.
    List<Alert> hv = alertsByHolder.get(HIGH_VALUE_AT_RISK);
    assertThat(hv)
        .isNotEmpty()
        .allSatisfy(
            a -> {
              assertThat(a.tier).isEqualTo(Tier.HIGH_VALUE);
              assertThat(a.action).isEqualTo(RetentionAction.AGENT_CALLBACK);
              assertThat(a.reasons).isNotEmpty();
              assertThat(a.deadline).isEqualTo((int) RENEWAL.minusDays(14).toEpochDay());
            });
    assertThat(hv.stream().map(a -> a.riskBand).distinct().count()).isEqualTo(hv.size());
    assertThat(alertsByHolder.get(STANDARD_AT_RISK))
        .isNotEmpty()
        .allSatisfy(
            a -> {
              assertThat(a.tier).isEqualTo(Tier.STANDARD);
              assertThat(a.action).isEqualTo(RetentionAction.RENEWAL_OFFER);
            });
    assertThat(alertsByHolder).doesNotContainKey(HEALTHY);
    assertThat(alertsByHolder).as("opted out: no contact").doesNotContainKey(OPTED_OUT_AT_RISK);

    Map<String, Outcome> outcomes = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r :
        EmbeddedKafka.readAll(kafka.bootstrapServers(), "retention-outcomes")) {
      Outcome o = OutcomeJson.parse(r.value());
      outcomes.put(o.alertId, o);
    }
    for (Alert a : hv) {
      assertThat(outcomes.get(a.alertId).outcome).isEqualTo(OutcomeKind.LAPSED);
    }
    for (Alert a : alertsByHolder.get(STANDARD_AT_RISK)) {
      assertThat(outcomes.get(a.alertId).outcome).isEqualTo(OutcomeKind.RECOVERED);
    }

    List<ConsumerRecord<byte[], byte[]>> dead =
        EmbeddedKafka.readAll(kafka.bootstrapServers(), "policy-events-dlq");
    assertThat(dead).hasSize(4);
    List<String> deadValues = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : dead) {
      deadValues.add(new String(r.value(), StandardCharsets.UTF_8));
      assertThat(r.headers().lastHeader(DeadLetterSerializer.REASON)).isNotNull();
      assertThat(header(r, DeadLetterSerializer.SOURCE_TOPIC)).isEqualTo("policy-events");
      assertThat(header(r, DeadLetterSerializer.SOURCE_OFFSET)).matches("\\d+");
    }
    assertThat(deadValues)
        .containsExactlyInAnyOrderElementsOf(
            malformed.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList());
    List<String> reasons =
        dead.stream().map(r -> header(r, DeadLetterSerializer.REASON_CODE)).toList();
    assertThat(reasons)
        .containsExactlyInAnyOrder("malformed_json", "unknown_type", "bad_timestamp", "wrong_type");
    assertThat(outcomes.values())
        .as("a suppressed alert is not tracked either")
        .noneMatch(o -> OPTED_OUT_AT_RISK.equals(o.policyholderId));

    // Model monitoring: each term scored 30 days before renewal (the simulated book's; the crafted
    // terms' milestone lies past the replay's input end), then again once ended, never twice.
    Map<String, List<String>> monitored = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r :
        EmbeddedKafka.readAll(kafka.bootstrapServers(), "lapsewatch.model-monitoring")) {
      io.lapsewatch.modeltraining.monitoring.MonitoredTerm t =
          io.lapsewatch.modeltraining.monitoring.MonitoredTermJson.parse(r.value());
      assertThat(t.asOf).isEqualTo((t.renewalDate - 30L) * 86_400_000L);
      monitored
          .computeIfAbsent(t.policyId + "|" + t.renewalDate, k -> new ArrayList<>())
          .add(t.outcome == null ? "scored" : t.outcome);
    }
    assertThat(monitored).isNotEmpty();
    assertThat(monitored.values())
        .allSatisfy(
            kinds ->
                assertThat(kinds)
                    .isIn(
                        List.of("scored"),
                        List.of("scored", "RENEWED"),
                        List.of("scored", "LAPSED"),
                        List.of("RENEWED", "scored"),
                        List.of("LAPSED", "scored")));
    assertThat(monitored.values()).as("some terms ended").anyMatch(kinds -> kinds.size() == 2);
    Map<String, Double> health = io.lapsewatch.flinkjobs.monitoring.ModelHealthFigures.from(result);
    assertThat(health).containsKeys("score_psi", "expected_auc", "realized_auc");
    assertThat(health.get("terms.scored") + health.get("terms.ended")).isPositive();
  }

  private static Instant at(LocalDate day) {
    return day.atTime(10, 0).toInstant(ZoneOffset.UTC);
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
