package io.lapsewatch.flinkjobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.embedded.EmbeddedKafka;
import io.lapsewatch.embedded.EmbeddedRedis;
import io.lapsewatch.featurestore.events.EventCodec;
import io.lapsewatch.featurestore.events.PolicyEvent;
import io.lapsewatch.featurestore.simulator.SimulationConfig;
import io.lapsewatch.featurestore.simulator.Simulator;
import io.lapsewatch.featurestore.store.RedisFeatureStore;
import io.lapsewatch.featurestore.store.RedisSettings;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the scoring job against a password-protected redis-server with a fake Kafka SASL secret and
 * checks that neither secret shows up in anything logged or printed during the run.
 */
class SecretsNotLoggedITCase {
  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .setConfiguration(ScoringJob.baseConfiguration())
              .build());

  /** Random per run, so a match can only be a leak, never a coincidence. */
  static final String REDIS_PASSWORD = "redis-pw-" + UUID.randomUUID().toString().replace("-", "");

  /** A webhook-style token handed to the Kafka clients; the broker is PLAINTEXT, so unused. */
  static final String FAKE_TOKEN = "whk-token-" + UUID.randomUUID().toString().replace("-", "");

  @TempDir static Path dir;
  static TestingStack stack;
  static EmbeddedKafka kafka;
  static EmbeddedRedis redis;
  static Path registry;

  @BeforeAll
  static void startInfrastructureAndTrain() throws Exception {
    stack = TestingStack.start(dir, List.of("--requirepass", REDIS_PASSWORD), 1500, 5);
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
  void neitherTheRedisPasswordNorAKafkaSecretIsLoggedOrPrinted() throws Exception {
    List<PolicyEvent> events = new ArrayList<>();
    new Simulator(SimulationConfig.of(100, 60, 21)).run(events::add);
    List<byte[][]> records = new ArrayList<>();
    for (PolicyEvent e : events) {
      records.add(new byte[][] {utf8(e.policyholderId), EventCodec.toBytes(e)});
    }
    records.add(new byte[][] {utf8("PH1"), utf8("{\"eventId\":\"x1\",\"policyholderId\":\"PH")});
    EmbeddedKafka.produce(kafka.bootstrapServers(), "policy-events", records);

    Map<String, String> config = new HashMap<>();
    config.put("kafka.bootstrap-servers", kafka.bootstrapServers());
    config.put("kafka.properties.sasl.jaas.config", jaas(FAKE_TOKEN));
    config.put("redis.url", redis.url());
    config.put("redis.password", REDIS_PASSWORD);
    config.put("model.registry", registry.toString());
    config.put("events.bounded", "true");
    config.put("job.parallelism", "2");
    JobSettings settings = JobSettings.of(config);

    String captured;
    try (Capture capture = Capture.open()) {
      StreamExecutionEnvironment env =
          StreamExecutionEnvironment.getExecutionEnvironment(ScoringJob.baseConfiguration());
      ScoringJob.fromSettings(settings).execute(env);
      // Log what an operator might: the settings and the Redis endpoint.
      LogManager.getLogger(SecretsNotLoggedITCase.class)
          .info("job settings {} redis {}", settings, settings.redis());
      captured = capture.text();
    }

    // The job really authenticated: features are in the password-protected Redis.
    try (RedisFeatureStore store =
        RedisFeatureStore.open(RedisSettings.parse(redis.url(), REDIS_PASSWORD, false))) {
      assertThat(store.read(events.get(0).policyholderId)).isPresent();
    }
    // The capture saw the run (so this test can fail): Kafka printed its client configuration,
    // including the secret-bearing key, masked.
    assertThat(captured).contains("ConsumerConfig values").contains("ProducerConfig values");
    assertThat(captured).contains("sasl.jaas.config = [hidden]");
    assertThat(captured).contains("redis.password=***");
    assertThat(captured).doesNotContain(REDIS_PASSWORD).doesNotContain(FAKE_TOKEN);
  }

  @Test
  void settingsAndRedisEndpointMaskThePassword() {
    Map<String, String> config = new HashMap<>();
    config.put("kafka.bootstrap-servers", "localhost:9092");
    config.put("redis.url", "redis://127.0.0.1:6379");
    config.put("redis.password", REDIS_PASSWORD);
    config.put("model.registry", dir.toString());
    JobSettings settings = JobSettings.of(config);

    assertThat(settings.toString()).contains("redis.password=***").doesNotContain(REDIS_PASSWORD);
    assertThat(settings.redis().toString()).doesNotContain(REDIS_PASSWORD);
    assertThat(settings.redis().password()).isEqualTo(REDIS_PASSWORD);
    assertThat(
            RedisSettings.parse(
                    "redis://lapsewatch:" + REDIS_PASSWORD + "@127.0.0.1:6379", null, false)
                .toString())
        .doesNotContain(REDIS_PASSWORD);
  }

  private static String jaas(String secret) {
    return "org.apache.kafka.common.security.plain.PlainLoginModule required "
        + "username=\"lapsewatch\" password=\""
        + secret
        + "\";";
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Everything logged through log4j (root at INFO, LapseWatch and Jedis at DEBUG, with stack
   * traces) and everything written to stdout and stderr while it is open.
   */
  static final class Capture extends AbstractAppender implements AutoCloseable {
    private final StringBuffer text = new StringBuffer();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final PrintStream oldOut = System.out;
    private final PrintStream oldErr = System.err;
    private final Map<String, Level> oldLevels = new HashMap<>();

    private Capture() {
      super("secrets-capture", null, null, true, Property.EMPTY_ARRAY);
    }

    static Capture open() {
      Capture c = new Capture();
      c.start();
      LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
      Configuration cfg = ctx.getConfiguration();
      cfg.addAppender(c);
      c.raise(cfg, LogManager.ROOT_LOGGER_NAME, Level.INFO);
      c.raise(cfg, "io.lapsewatch", Level.DEBUG);
      c.raise(cfg, "redis.clients", Level.DEBUG);
      ctx.updateLoggers();
      System.setOut(new PrintStream(new Tee(c.oldOut, c.console), true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(new Tee(c.oldErr, c.console), true, StandardCharsets.UTF_8));
      return c;
    }

    private void raise(Configuration cfg, String name, Level level) {
      LoggerConfig existing = cfg.getLoggerConfig(name);
      LoggerConfig lc = existing;
      if (!existing.getName().equals(name)) {
        lc = new LoggerConfig(name, level, true);
        cfg.addLogger(name, lc);
      } else {
        oldLevels.put(name, existing.getLevel());
      }
      lc.setLevel(level);
      lc.addAppender(this, Level.ALL, null);
    }

    @Override
    public void append(LogEvent event) {
      StringBuilder line =
          new StringBuilder()
              .append(event.getLoggerName())
              .append(' ')
              .append(event.getMessage().getFormattedMessage())
              .append('\n');
      if (event.getThrown() != null) {
        StringWriter w = new StringWriter();
        event.getThrown().printStackTrace(new PrintWriter(w));
        line.append(w).append('\n');
      }
      text.append(line);
    }

    String text() {
      System.out.flush();
      System.err.flush();
      synchronized (console) {
        return text + "\n" + console.toString(StandardCharsets.UTF_8);
      }
    }

    @Override
    public void close() {
      System.setOut(oldOut);
      System.setErr(oldErr);
      LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
      Configuration cfg = ctx.getConfiguration();
      for (String name : List.of(LogManager.ROOT_LOGGER_NAME, "io.lapsewatch", "redis.clients")) {
        LoggerConfig lc = cfg.getLoggerConfig(name);
        lc.removeAppender(getName());
        if (oldLevels.containsKey(name)) {
          lc.setLevel(oldLevels.get(name));
        } else if (lc.getName().equals(name)) {
          cfg.removeLogger(name);
        }
      }
      ctx.updateLoggers();
      stop();
    }
  }

  /** Writes to the real stream and to the capture buffer. */
  private static final class Tee extends OutputStream {
    private final OutputStream a;
    private final ByteArrayOutputStream b;

    Tee(OutputStream a, ByteArrayOutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int x) {
      synchronized (b) {
        b.write(x);
      }
      try {
        a.write(x);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    @Override
    public void write(byte[] buf, int off, int len) {
      synchronized (b) {
        b.write(buf, off, len);
      }
      try {
        a.write(buf, off, len);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }
}
