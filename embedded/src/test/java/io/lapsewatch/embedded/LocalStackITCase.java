package io.lapsewatch.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** The whole local stack started once: every part reachable, nothing listening beyond loopback. */
class LocalStackITCase {
  private static LocalStack stack;

  @BeforeAll
  static void start() throws Exception {
    stack =
        LocalStack.builder()
            .withKafka()
            .withTopics(2, "policy-events")
            .withRedis()
            .withWebhookReceiver()
            .withSmtp()
            .start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void shouldAdvertiseTheBrokerOnLoopback() {
    assertThat(stack.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");
    assertThat(stack.redisUrl()).isEqualTo("redis://127.0.0.1:" + stack.redisPort());
  }

  @Test
  void shouldListenOnLoopbackOnlyInThisJvmAndInRedis() throws Exception {
    assumeThat(ListeningSockets.readable()).as("/proc is readable (Linux)").isTrue();
    List<InetSocketAddress> ours = ListeningSockets.of(ProcessHandle.current().pid());
    int brokerPort = Integer.parseInt(stack.bootstrapServers().split(":")[1]);
    // The broker and the KRaft controller are two listeners, besides the receiver and SMTP.
    assertThat(ours).extracting(InetSocketAddress::getPort).contains(brokerPort, stack.smtpPort());
    assertThat(ours.size()).isGreaterThanOrEqualTo(4);
    assertThat(ours)
        .allSatisfy(a -> assertThat(a.getAddress().isLoopbackAddress()).as(a.toString()).isTrue());
    assertThat(ListeningSockets.of(stack.redis().pid()))
        .isNotEmpty()
        .allSatisfy(a -> assertThat(a.getAddress().isLoopbackAddress()).as(a.toString()).isTrue());
  }

  @Test
  void shouldCarryRecordsThroughTheBroker() throws Exception {
    byte[] key = "PH0001".getBytes(StandardCharsets.UTF_8);
    byte[] value = "{\"type\":\"PREMIUM_PAID\"}".getBytes(StandardCharsets.UTF_8);
    List<byte[][]> records = List.<byte[][]>of(new byte[][] {key, value});
    EmbeddedKafka.produce(stack.bootstrapServers(), "policy-events", records);
    assertThat(EmbeddedKafka.readAll(stack.bootstrapServers(), "policy-events"))
        .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
        .contains("{\"type\":\"PREMIUM_PAID\"}");
  }

  @Test
  void shouldStoreInRedis() {
    try (Jedis jedis = new Jedis(stack.redisHost(), stack.redisPort())) {
      jedis.set("lw:test:renewal", "2026-03-01");
      assertThat(jedis.get("lw:test:renewal")).isEqualTo("2026-03-01");
    }
  }

  @Test
  void shouldRecordWebhookRequests() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(stack.receiver().url("/dingtalk")))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"msgtype\":\"text\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(stack.receiver().requests("/dingtalk"))
        .extracting(WebhookReceiver.Request::body)
        .contains("{\"msgtype\":\"text\"}");
  }

  @Test
  void shouldReceiveMail() throws Exception {
    Properties p = new Properties();
    p.put("mail.smtp.host", "127.0.0.1");
    p.put("mail.smtp.port", Integer.toString(stack.smtpPort()));
    MimeMessage m = new MimeMessage(Session.getInstance(p));
    m.setFrom(new InternetAddress("lapsewatch@demo.local"));
    m.setRecipient(Message.RecipientType.TO, new InternetAddress("retention-team@demo.local"));
    m.setSubject("renewal at risk");
    m.setText("policy term ends soon");
    Transport.send(m);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(stack.smtp().getReceivedMessages())
                    .extracting(Message::getSubject)
                    .contains("renewal at risk"));
  }
}
