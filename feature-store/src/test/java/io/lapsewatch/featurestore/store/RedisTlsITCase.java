package io.lapsewatch.featurestore.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lapsewatch.embedded.EmbeddedRedis;
import io.lapsewatch.featurestore.features.Feature;
import io.lapsewatch.featurestore.features.FeatureVector;
import io.lapsewatch.featurestore.features.PolicyholderState;
import io.lapsewatch.featurestore.scenarios.Scenarios;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.SslOptions;

/**
 * The feature store over TLS with a password, against a real redis-server whose certificate is
 * generated for the test by the JDK's keytool (self-signed, for 127.0.0.1).
 */
class RedisTlsITCase {
  private static final String PASSWORD = "tls-test-password";
  private static final char[] STORE_PASSWORD = "changeit".toCharArray();
  private static final LocalDate RENEWAL = LocalDate.of(2025, 9, 30);

  @TempDir static Path dir;

  private static EmbeddedRedis redis;
  private static Path truststore;

  @BeforeAll
  static void startTlsRedis() throws Exception {
    Path keystore = dir.resolve("redis.p12");
    keytool(
        "-genkeypair",
        "-alias",
        "redis",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-validity",
        "2",
        "-dname",
        "CN=127.0.0.1",
        "-ext",
        "san=ip:127.0.0.1",
        "-storetype",
        "PKCS12",
        "-keystore",
        keystore.toString(),
        "-storepass",
        new String(STORE_PASSWORD));
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      ks.load(in, STORE_PASSWORD);
    }
    Certificate cert = ks.getCertificate("redis");
    Path certFile = dir.resolve("redis.crt");
    Path keyFile = dir.resolve("redis.key");
    Files.writeString(certFile, pem("CERTIFICATE", cert.getEncoded()), StandardCharsets.US_ASCII);
    Files.writeString(
        keyFile,
        pem("PRIVATE KEY", ks.getKey("redis", STORE_PASSWORD).getEncoded()),
        StandardCharsets.US_ASCII);

    int port = EmbeddedRedis.freePort();
    redis =
        EmbeddedRedis.start(
            port,
            List.of(
                // Plain-text port off: the only way in is TLS on the port the launcher waits for.
                "--port", "0",
                "--tls-port", Integer.toString(port),
                "--tls-cert-file", certFile.toString(),
                "--tls-key-file", keyFile.toString(),
                "--tls-ca-cert-file", certFile.toString(),
                "--tls-auth-clients", "no",
                "--requirepass", PASSWORD));

    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("lapsewatch-test-ca", cert);
    truststore = dir.resolve("truststore.p12");
    try (OutputStream out = Files.newOutputStream(truststore)) {
      trust.store(out, STORE_PASSWORD);
    }
  }

  @AfterAll
  static void stopRedis() {
    if (redis != null) {
      redis.close();
    }
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    List<String> cmd = new java.util.ArrayList<>();
    cmd.add(keytool.toString());
    cmd.addAll(List.of(args));
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("keytool.log").toFile())
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
    assertThat(p.exitValue())
        .as("keytool: " + Files.readString(dir.resolve("keytool.log")))
        .isZero();
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  /** The settings a deployment would give: rediss:// plus the password. */
  private static RedisSettings settings() {
    return RedisSettings.parse("rediss://127.0.0.1:" + redis.port(), PASSWORD, false);
  }

  /**
   * A store opened like {@link RedisConnections#open} would, except that it trusts the test's
   * certificate through a trust-store file: the settings have no trust-store option yet, and the
   * JVM-wide default must stay as it is for the other tests.
   */
  private static RedisFeatureStore trustedStore(String password) {
    RedisSettings s = settings();
    DefaultJedisClientConfig.Builder config =
        DefaultJedisClientConfig.builder()
            // SslOptions switch TLS on (ssl(boolean) is deprecated in Jedis 8).
            .sslOptions(
                SslOptions.builder()
                    .truststore(truststore.toFile(), STORE_PASSWORD)
                    .trustStoreType("PKCS12")
                    .build())
            .timeoutMillis(s.timeoutMillis());
    if (password != null) {
      config.password(password);
    }
    return new RedisFeatureStore(
        RedisClient.builder()
            .hostAndPort(HostAndPort.from(s.nodes().get(0)))
            .clientConfig(config.build())
            .build());
  }

  private static FeatureVector atRisk(String holder, int daysBeforeRenewal) {
    PolicyholderState s = new PolicyholderState();
    Scenarios.atRisk(holder, 1830.5, RENEWAL).forEach(s::apply);
    return s.vector(
        holder,
        RENEWAL
            .minusDays(daysBeforeRenewal)
            .atTime(12, 0)
            .toInstant(ZoneOffset.UTC)
            .toEpochMilli());
  }

  @Test
  void redissUrlWithPasswordMeansTlsAndAuth() {
    RedisSettings s = settings();

    assertThat(s.tls()).isTrue();
    assertThat(s.password()).isEqualTo(PASSWORD);
    assertThat(s.toString()).doesNotContain(PASSWORD);
  }

  @Test
  void vectorsRoundTripOverTlsWithNewerWins() {
    FeatureVector newer = atRisk("PH-TLS-1", 30);
    FeatureVector older = atRisk("PH-TLS-1", 60);
    try (RedisFeatureStore store = trustedStore(PASSWORD)) {
      assertThat(store.writeAll(List.of(newer))).isEqualTo(1);
      assertThat(store.writeAll(List.of(older))).isZero();

      StoredFeatures stored = store.read("PH-TLS-1").orElseThrow();
      assertThat(stored.asOf()).isEqualTo(newer.asOf);
      for (Feature f : Feature.values()) {
        assertThat(stored.values().get(f.key())).as(f.key()).isEqualTo(newer.get(f));
      }
      assertThat(store.erase("PH-TLS-1")).isTrue();
    }
  }

  @Test
  void wrongPasswordIsRefused() {
    try (RedisFeatureStore store = trustedStore("not-the-password")) {
      assertThatThrownBy(() -> store.read("PH-TLS-2")).hasMessageContaining("WRONGPASS");
    }
  }

  @Test
  void untrustedServerCertificateIsRefused() {
    // The default trust store does not know the test's self-signed certificate: no silent trust.
    try (RedisFeatureStore store = RedisFeatureStore.open(settings())) {
      assertThatThrownBy(() -> store.read("PH-TLS-3"))
          .hasStackTraceContaining("javax.net.ssl.SSLHandshakeException");
    }
  }

  @Test
  void plainTextClientsCannotTalkToTheTlsPort() {
    try (RedisClient plain = RedisClient.create("127.0.0.1", redis.port())) {
      assertThatThrownBy(plain::ping).isInstanceOf(RuntimeException.class);
    }
  }
}
