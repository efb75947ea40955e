package io.lapsewatch.alerts.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Slow clients against the real HTTP port: connections that send part of a request and stop (the
 * pattern that left the JDK server's two threads stuck) must not keep {@code /-/healthy} and {@code
 * /metrics} from answering. Answers are asserted, never how fast they came (see the bench).
 */
class SlowClientsITCase {
  /** A generous guard against a hung test, not a speed requirement. */
  private static final Duration GUARD = Duration.ofSeconds(60);

  private static final byte[] PARTIAL_REQUEST =
      "GET /-/healthy HTTP/1.1\r\nHost: lapsewatch\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII);

  private final HttpClient http = HttpClient.newHttpClient();
  private final List<Socket> slow = new ArrayList<>();
  private MetricsServer server;

  @AfterEach
  void stop() throws IOException {
    for (Socket s : slow) {
      s.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private MetricsServer start(HttpLimits limits) throws IOException {
    server =
        MetricsServer.start(
            new AlertMetrics().registry(), "127.0.0.1", 0, () -> true, java.util.Map.of(), limits);
    return server;
  }

  /** Opens {@code n} connections, each sending a request line and half a header, then nothing. */
  private void holdSlowClients(int n) throws IOException {
    for (int i = 0; i < n; i++) {
      Socket s = new Socket();
      s.connect(new InetSocketAddress("127.0.0.1", server.port()), (int) GUARD.toMillis());
      s.getOutputStream().write(PARTIAL_REQUEST);
      s.getOutputStream().flush();
      slow.add(s);
    }
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(GUARD).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** True while the server neither answered nor closed {@code s}: a short read times out. */
  private static boolean stillOpen(Socket s) throws IOException {
    s.setSoTimeout(50);
    try {
      s.getInputStream().read(); // data (an error page) or end-of-file: not held any more
      return false;
    } catch (SocketTimeoutException e) {
      return true;
    } catch (IOException e) {
      return false; // reset by the server
    }
  }

  @Test
  void shouldAnswerHealthAndMetricsWhileFiftySlowClientsAreHeld() throws Exception {
    // A header deadline far beyond the test: the slow clients stay connected throughout.
    start(HttpLimits.defaults().withHeaderTimeout(Duration.ofMinutes(10)));
    holdSlowClients(50);

    HttpResponse<String> health = get(server.healthUrl());
    HttpResponse<String> metrics = get(server.metricsUrl());
    HttpResponse<String> healthAgain = get(server.healthUrl());

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).isEqualTo("OK");
    assertThat(health.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("# TYPE lapsewatch_alerts_received_total counter");
    assertThat(healthAgain.statusCode()).isEqualTo(200);
    // They were really held while we were answered.
    for (Socket s : slow) {
      assertThat(stillOpen(s)).isTrue();
    }
    assertThat(server.headerTimeouts()).isZero();
  }

  @Test
  void shouldCloseAConnectionWhoseHeaderTricklesPastTheDeadline() throws Exception {
    // Idle timeout far away: only the header deadline can end this connection.
    start(
        new HttpLimits(Duration.ofMillis(300), Duration.ofSeconds(5), Duration.ofMinutes(10), 200));
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      out.write("GET /-/healthy HTTP/1.1\r\nHost: lapsewatch\r\nX-Slow: ".getBytes());
      s.setSoTimeout(100);
      boolean closed = false;
      long deadline = System.nanoTime() + GUARD.toNanos();
      // One header byte per 100 ms read timeout: never idle, never finished.
      while (!closed && System.nanoTime() < deadline) {
        try {
          out.write('x');
          out.flush();
          closed = in.read() == -1;
        } catch (SocketTimeoutException stillWaiting) {
          // the server has not closed it yet
        } catch (IOException reset) {
          closed = true;
        }
      }
      assertThat(closed).as("the server closed the trickling connection").isTrue();
    }
    assertThat(server.headerTimeouts()).isEqualTo(1);
    assertThat(get(server.healthUrl()).statusCode()).isEqualTo(200);
  }

  @Test
  void shouldStillAnswerWhenSlowClientsFillEveryConnectionSlot() throws Exception {
    start(new HttpLimits(Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofSeconds(30), 5));
    holdSlowClients(5);

    // The probe waits in the accept backlog until the header deadline frees a slot.
    HttpResponse<String> health = get(server.healthUrl());
    HttpResponse<String> metrics = get(server.metricsUrl());

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(metrics.statusCode()).isEqualTo(200);
    // Room was made by timing out slow clients (the header deadline or the limit's idle timeout).
    int closed = 0;
    for (Socket s : slow) {
      closed += stillOpen(s) ? 0 : 1;
    }
    assertThat(closed).isPositive();
  }
}
