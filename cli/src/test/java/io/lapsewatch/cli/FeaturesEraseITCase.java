package io.lapsewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.embedded.EmbeddedKafka;
import io.lapsewatch.embedded.EmbeddedRedis;
import io.lapsewatch.featurestore.events.EventCodec;
import io.lapsewatch.featurestore.events.EventType;
import io.lapsewatch.featurestore.events.PolicyEvent;
import io.lapsewatch.featurestore.store.RedisConnections;
import io.lapsewatch.featurestore.store.RedisSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/** {@code features erase} against a real broker and redis-server: acknowledged, or non-zero. */
class FeaturesEraseITCase {
  static EmbeddedKafka kafka;
  static EmbeddedRedis redis;

  @BeforeAll
  static void start() throws Exception {
    kafka = EmbeddedKafka.start();
    kafka.createTopics(2, "policy-events");
    redis = EmbeddedRedis.start();
  }

  @AfterAll
  static void stop() throws Exception {
    kafka.close();
    redis.close();
  }

  private static int erase(PrintStream out, String... extra) throws Exception {
    String[] base = {"features", "erase", "PH00000042", "--redis-url", redis.url()};
    String[] argv = new String[base.length + extra.length];
    System.arraycopy(base, 0, argv, 0, base.length);
    System.arraycopy(extra, 0, argv, base.length, extra.length);
    return Main.run(argv, out, out);
  }

  @Test
  void deletesTheHashAndSendsAnAcknowledgedEraseRequest() throws Exception {
    try (UnifiedJedis jedis =
        RedisConnections.open(RedisSettings.parse(redis.url(), null, false))) {
      jedis.hset("lw:f:v1:{PH00000042}", Map.of("_asof", "1", "_v", "v1"));
      ByteArrayOutputStream text = new ByteArrayOutputStream();

      int code =
          erase(
              new PrintStream(text, true, StandardCharsets.UTF_8),
              "--bootstrap-servers",
              kafka.bootstrapServers(),
              "--kafka.properties.client.id",
              "erase-test");

      assertThat(code).as(text.toString(StandardCharsets.UTF_8)).isZero();
      assertThat(jedis.exists("lw:f:v1:{PH00000042}")).isFalse();
    }
    List<ConsumerRecord<byte[], byte[]>> sent =
        EmbeddedKafka.readAll(kafka.bootstrapServers(), "policy-events");
    assertThat(sent).hasSize(1);
    PolicyEvent e = EventCodec.parse(sent.get(0).value());
    assertThat(e.type).isEqualTo(EventType.POLICYHOLDER_ERASED);
    assertThat(e.policyholderId).isEqualTo("PH00000042");
  }

  @Test
  void failsWhenKafkaDoesNotAcknowledge() throws Exception {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    int nobody = EmbeddedRedis.freePort();

    int code =
        erase(
            new PrintStream(text, true, StandardCharsets.UTF_8),
            "--bootstrap-servers",
            "127.0.0.1:" + nobody,
            "--kafka.properties.max.block.ms",
            "2000",
            "--kafka.properties.delivery.timeout.ms",
            "3000",
            "--kafka.properties.request.timeout.ms",
            "1000");

    assertThat(code).isEqualTo(1);
    assertThat(text.toString(StandardCharsets.UTF_8)).contains("NOT acknowledged");
  }
}
