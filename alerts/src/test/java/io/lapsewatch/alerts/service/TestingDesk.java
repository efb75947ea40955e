package io.lapsewatch.alerts.service;

import io.lapsewatch.embedded.LocalStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Settings and HTTP reads the ITCases of an alerts service hosting the retention desk share. */
final class TestingDesk {
  private TestingDesk() {}

  /**
   * The service with its desk on {@code stack}: topics {@code <tag>-alerts}, {@code
   * <tag>-alerts-dlq}, {@code <tag>-case-events} and {@code <tag>-policy-events} (create them
   * first), the link secret from {@code DESK_LINK_SECRET}, metrics on a free port.
   */
  static Map<String, String> settings(LocalStack stack, String tag) {
    Map<String, String> m = new HashMap<>();
    m.put("kafka.bootstrap-servers", stack.bootstrapServers());
    m.put("alerts.topic", tag + "-alerts");
    m.put("alerts.dead-letter-topic", tag + "-alerts-dlq");
    m.put("alerts.group-id", tag + "-service");
    m.put("metrics.port", "0");
    m.put("redis.url", stack.redisUrl());
    m.put("desk.case-events-topic", tag + "-case-events");
    m.put("desk.policy-events-topic", tag + "-policy-events");
    m.put("desk.group-id", tag + "-cases");
    m.put("desk.instance-id", tag + "-1");
    m.put("desk.catch-up-timeout-ms", "60000");
    m.put("desk.link-secret", "${env:DESK_LINK_SECRET}");
    return m;
  }

  /** GET {@code url}, the body as text. */
  static HttpResponse<String> get(String url, Duration timeout) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url)).timeout(timeout).build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
