package io.lapsewatch.alerts.browser;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.AlertJson;
import io.lapsewatch.alerts.service.AlertsService;
import io.lapsewatch.alerts.service.AlertsServiceConfig;
import io.lapsewatch.embedded.EmbeddedKafka;
import io.lapsewatch.embedded.LocalStack;
import io.lapsewatch.embedded.WebhookReceiver;
import io.lapsewatch.retentiondesk.CaseLinkUrls;
import io.lapsewatch.retentiondesk.RetentionDesk;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real stack for browser tests: in-process Kafka, redis-server, a local WeCom webhook receiver,
 * and the alerts service hosting the retention desk, whose case links point at its own port (so a
 * link read from a chat message opens in the browser as an agent's phone would open it).
 */
final class DeskStack implements AutoCloseable {
  static final Duration TIMEOUT = Duration.ofSeconds(90);

  /** The link secret: test-only, and the expired-link test signs with it too. */
  static final byte[] LINK_SECRET =
      "browser-itcase-link-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8);

  private final LocalStack stack;
  private final WebhookReceiver wecom;
  private final AlertsService service;
  private final String baseUrl;
  private final String alertsTopic;

  private DeskStack(
      LocalStack stack,
      WebhookReceiver wecom,
      AlertsService service,
      String baseUrl,
      String alertsTopic) {
    this.alertsTopic = alertsTopic;
    this.stack = stack;
    this.wecom = wecom;
    this.service = service;
    this.baseUrl = baseUrl;
  }

  /**
   * Starts everything; {@code name} keeps topics and groups apart, {@code rolesYaml} is the desk's
   * roles file, written under {@code dir}.
   */
  static DeskStack start(String name, Path dir, String rolesYaml) throws Exception {
    String alerts = name + "-alerts";
    LocalStack stack =
        LocalStack.builder()
            .withKafka()
            .withRedis()
            .withTopics(1, alerts, alerts + "-dlq", name + "-case-events", name + "-policy-events")
            .start();
    WebhookReceiver wecom = WebhookReceiver.start();
    wecom.fallback(WebhookReceiver.Response.json("{\"errcode\":0,\"errmsg\":\"ok\"}"));
    try {
      Path routes = dir.resolve("routes.yml");
      Files.writeString(
          routes,
          """
          version: 1
          defaults: {locale: en}
          receivers:
            team-wecom: {channel: wecom, url: "%s", rate-limit: none}
          default: {receivers: [team-wecom]}
          """
              .formatted(wecom.url("/cgi-bin/webhook/send?key=browser")));
      Path roles = dir.resolve("roles.yml");
      Files.writeString(roles, rolesYaml);
      // The case links must point at the service itself, so its port is chosen before it starts.
      int port = freePort();
      String baseUrl = "http://127.0.0.1:" + port;
      Map<String, String> m = new HashMap<>();
      m.put("kafka.bootstrap-servers", stack.bootstrapServers());
      m.put("alerts.topic", alerts);
      m.put("alerts.dead-letter-topic", alerts + "-dlq");
      m.put("alerts.group-id", name);
      m.put("console.enabled", "false");
      m.put("metrics.host", "127.0.0.1");
      m.put("metrics.port", Integer.toString(port));
      m.put("routing.file", routes.toString());
      m.put("redis.url", stack.redisUrl());
      m.put("desk.case-events-topic", name + "-case-events");
      m.put("desk.policy-events-topic", name + "-policy-events");
      m.put("desk.group-id", name + "-cases");
      m.put("desk.instance-id", name + "-1");
      m.put("desk.catch-up-timeout-ms", "60000");
      // Expiry is the desk's own business (its ITCase); here cases stay as the test leaves them.
      m.put("desk.expiry-interval-ms", "86400000");
      m.put("desk.public-url", baseUrl);
      m.put("desk.roles-file", roles.toString());
      m.put("desk.link-secret", "${env:DESK_LINK_SECRET}");
      AlertsService service =
          AlertsService.start(
              AlertsServiceConfig.from(
                  m, Map.of("DESK_LINK_SECRET", new String(LINK_SECRET, StandardCharsets.UTF_8))));
      return new DeskStack(stack, wecom, service, baseUrl, alerts);
    } catch (Exception | Error e) {
      wecom.close();
      stack.close();
      throw e;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** SHA-256 hex of a login token, as the roles file stores it. */
  static String sha256(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  AlertsService service() {
    return service;
  }

  RetentionDesk desk() {
    return service.desk().orElseThrow(() -> new AssertionError("the desk does not run"));
  }

  /** The service's own address, which is also the desk's public URL. */
  String baseUrl() {
    return baseUrl;
  }

  /**
   * Publishes {@code alerts} to the alerts topic, keyed by policyholder as the scoring job does.
   */
  void publish(Alert... alerts) throws Exception {
    EmbeddedKafka.produce(
        stack.bootstrapServers(),
        alertsTopic,
        List.of(alerts).stream()
            .map(
                a ->
                    new byte[][] {
                      a.policyholderId.getBytes(StandardCharsets.UTF_8), AlertJson.toBytes(a)
                    })
            .toList());
  }

  /** The case link in the first WeCom message that holds one to {@code caseId}, if any yet. */
  Optional<URI> deliveredLink(String caseId) {
    Pattern link =
        Pattern.compile(
            Pattern.quote(baseUrl + CaseLinkUrls.CASE_PATH + caseId) + "[A-Za-z0-9._~?=&%_-]*");
    for (WebhookReceiver.Request r : wecom.requests()) {
      Matcher m = link.matcher(r.body());
      if (m.find()) {
        return Optional.of(URI.create(m.group()));
      }
    }
    return Optional.empty();
  }

  /** Every WeCom message body received so far. */
  List<String> deliveredMessages() {
    return wecom.requests().stream().map(WebhookReceiver.Request::body).toList();
  }

  @Override
  public void close() throws Exception {
    try {
      service.close();
    } finally {
      wecom.close();
      stack.close();
    }
  }
}
