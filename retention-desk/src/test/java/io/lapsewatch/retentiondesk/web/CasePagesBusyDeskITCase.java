package io.lapsewatch.retentiondesk.web;

import static io.lapsewatch.retentiondesk.web.TestingPageCases.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.retentiondesk.CaseLinks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The case page in front of a desk that cannot record (a small fake): 503, nothing recorded. */
class CasePagesBusyDeskITCase {
  private static final byte[] SECRET =
      "busy-desk-test-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private Server server;

  @AfterEach
  void stop() throws Exception {
    server.stop();
  }

  @Test
  void shouldAnswer503WhenTheDeskTimesOutAndActAsTheOwner() throws Exception {
    TestingCaseDesk desk = new TestingCaseDesk(fold(opened()));
    CaseLinks links = new CaseLinks(SECRET, Duration.ofHours(48), CLOCK);
    FormGuard guard = new FormGuard(SECRET, Duration.ofHours(2), CLOCK);
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(
        new DeskRoutes(
            new CasePages(desk, links, guard, ZoneId.of("Asia/Shanghai"), CLOCK),
            new TestingTeamPages()));
    server.start();
    String body =
        "t="
            + links.token(CASE, DEADLINE)
            + "&csrf="
            + guard.token(CASE)
            + "&requestId=page-busy-1&result=REACHED&lang=en";

    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://127.0.0.1:" + connector.getLocalPort() + "/desk/cases/" + CASE))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.body()).contains("nothing was recorded").doesNotContain(HOLDER);
    assertThat(desk.tried).containsExactly(AGENT + " REACHED page-busy-1");
  }
}
