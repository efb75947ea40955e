package io.lapsewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.AlertJson;
import io.lapsewatch.alertcontract.Arm;
import io.lapsewatch.alertcontract.RetentionAction;
import io.lapsewatch.alertcontract.RiskBand;
import io.lapsewatch.alertcontract.Tier;
import io.lapsewatch.embedded.EmbeddedRedis;
import io.lapsewatch.featurestore.store.RedisConnections;
import io.lapsewatch.featurestore.store.RedisSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

/**
 * {@code stack} starts a reachable broker on the asked port and two redis-servers, creates the
 * topics and writes their addresses; {@code compare-run} reads real topics and hashes from them.
 */
class StackCommandITCase {
  @TempDir Path dir;

  @Test
  void startsKafkaOnAFixedPortAndRedisAndComparesRunsOnThem() throws Exception {
    int kafkaPort = EmbeddedRedis.freePort();
    Path info = dir.resolve("sub/stack.env");
    StackCommand.Stack stack =
        StackCommand.start(kafkaPort, 0, 0, List.of("events", "alerts", "ref-alerts"), 2, info);
    int redisPort;
    try (stack) {
      assertThat(stack.bootstrapServers()).isEqualTo("127.0.0.1:" + kafkaPort);
      assertThat(Files.readString(info))
          .contains("KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:" + kafkaPort + "\n")
          .contains("REDIS_URL=" + stack.redisUrl() + "\n")
          .contains("REFERENCE_REDIS_URL=" + stack.referenceRedisUrl() + "\n");
      assertThat(stack.redisUrl()).isNotEqualTo(stack.referenceRedisUrl());

      Properties p = new Properties();
      p.put("bootstrap.servers", "127.0.0.1:" + kafkaPort);
      try (Admin admin = Admin.create(p)) {
        Map<String, TopicDescription> topics =
            admin.describeTopics(List.of("events", "alerts", "ref-alerts")).allTopicNames().get();
        assertThat(topics.values()).allSatisfy(t -> assertThat(t.partitions()).hasSize(2));
      }

      // Same alerts on both topics, one of them twice: a match with a duplicate.
      send(stack.bootstrapServers(), "ref-alerts", alert("a-1"), alert("a-2"));
      send(stack.bootstrapServers(), "alerts", alert("a-2"), alert("a-1"), alert("a-2"));
      hset(stack.redisUrl(), "lw:f:v1:{PH1}", Map.of("_asof", "5", "p30", "1"));
      hset(stack.referenceRedisUrl(), "lw:f:v1:{PH1}", Map.of("_asof", "5", "p30", "1"));
      String[] compare = {
        "compare-run",
        "--bootstrap-servers",
        stack.bootstrapServers(),
        "--topic",
        "alerts",
        "--reference-topic",
        "ref-alerts",
        "--redis-url",
        stack.redisUrl(),
        "--reference-redis-url",
        stack.referenceRedisUrl()
      };
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      assertThat(Main.run(compare, new PrintStream(out, true), System.err)).isZero();
      assertThat(out.toString(StandardCharsets.UTF_8))
          .contains("lost 0, duplicates 1")
          .contains("equal 1, missing 0")
          .contains("NO LOSS");

      // One reference alert and one stored vector the run lacks: exit code 1, both named.
      send(stack.bootstrapServers(), "ref-alerts", alert("a-3"));
      hset(stack.referenceRedisUrl(), "lw:f:v1:{PH2}", Map.of("_asof", "7"));
      out.reset();
      assertThat(Main.run(compare, new PrintStream(out, true), System.err)).isEqualTo(1);
      assertThat(out.toString(StandardCharsets.UTF_8))
          .contains("lost 1")
          .contains("a-3")
          .contains("missing 1")
          .contains("MISMATCH");
      redisPort =
          Integer.parseInt(stack.redisUrl().substring(stack.redisUrl().lastIndexOf(':') + 1));
    }
    assertThat(info).doesNotExist();
    assertThatThrownBy(() -> new Socket("127.0.0.1", redisPort).close())
        .isInstanceOf(java.io.IOException.class);
  }

  @Test
  void rejectsBadOptions() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream e = new PrintStream(err, true);
    assertThat(Main.run(new String[] {"stack", "--partitions", "0"}, System.out, e)).isEqualTo(2);
    assertThat(Main.run(new String[] {"stack", "--kafka-port", "70000"}, System.out, e))
        .isEqualTo(2);
    assertThat(
            Main.run(
                new String[] {"compare-run", "--bootstrap-servers", "x:1", "--topic", "t"},
                System.out,
                e))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("--partitions")
        .contains("--kafka-port")
        .contains("--reference-topic");
  }

  private static Alert alert(String id) {
    Alert a = new Alert();
    a.alertId = id;
    a.policyholderId = "PH-" + id;
    a.policyId = "POL-" + id;
    a.agentId = "AG-1";
    a.score = 0.8;
    a.riskBand = RiskBand.of(0.8);
    a.modelVersion = "m1";
    a.renewalDate = 20_000;
    a.asOf = (20_000L - 30) * 86_400_000L; // the contract wants a time from this century
    a.daysToRenewal = 30;
    a.annualPremium = 1200;
    a.tier = Tier.STANDARD;
    a.action = RetentionAction.RENEWAL_OFFER;
    a.arm = Arm.TREATED;
    a.deadline = 19_990;
    return a;
  }

  private static void send(String bootstrap, String topic, Alert... alerts) {
    try (KafkaProducer<byte[], byte[]> p = SimulateCommand.producer(bootstrap)) {
      for (Alert a : alerts) {
        p.send(
            new ProducerRecord<>(
                topic, a.policyholderId.getBytes(StandardCharsets.UTF_8), AlertJson.toBytes(a)));
      }
    }
  }

  private static void hset(String url, String key, Map<String, String> fields) {
    try (UnifiedJedis jedis = RedisConnections.open(RedisSettings.parse(url, null, false))) {
      jedis.hset(key, fields);
    }
  }
}
