package io.lapsewatch.faults;

import io.lapsewatch.alerts.service.AlertsService;
import io.lapsewatch.alerts.service.AlertsServiceConfig;
import io.lapsewatch.embedded.WebhookReceiver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Slow clients against a running alerts service's HTTP port, as in issue 12's finding 6: many
 * connections that send a request line and part of a header, then one more header byte every second
 * (so an idle timeout never fires) and reconnect when the server closes them. Meanwhile a probe
 * asks {@code /-/healthy} and {@code /metrics} four times a second on fresh connections, as a load
 * balancer and Prometheus would, each with a 10 s timeout (Prometheus's default scrape timeout).
 * Lost = probes not answered 200. The service keeps delivering the clean run's alerts throughout;
 * an alert it did not deliver is a violation.
 */
final class SlowClientsCase implements FaultCase {
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration PROBE_INTERVAL = Duration.ofMillis(250);
  private static final Duration TRICKLE = Duration.ofSeconds(1);

  @Override
  public String name() {
    return "slow-clients";
  }

  @Override
  public FaultResult run(FaultStack s) throws Exception {
    FaultStack.JobOutput ref = s.reference();
    long records = ref.alertsById().values().stream().mapToLong(List::size).sum();
    // Below metrics.max-connections (200): the case is about held connections, not the limit.
    int slowClients = s.quick() ? 100 : 150;
    Duration attack = Duration.ofSeconds(s.quick() ? 12 : 60);
    String dlq = "alerts-dlq-" + name();
    s.kafka().createTopics(2, dlq);
    Map<String, String> config = new HashMap<>();
    config.put("kafka.bootstrap-servers", s.kafka().bootstrapServers());
    config.put("alerts.topic", "alerts-" + FaultStack.REFERENCE);
    config.put("alerts.group-id", "faults-" + name());
    config.put("alerts.dead-letter-topic", dlq);
    config.put("console.enabled", "false");
    config.put("metrics.port", "0");
    config.put("redis.url", s.redis().url());
    // The alerts path only; the retention desk (on by default with Redis) has its own tests.
    config.put("desk.enabled", "false");
    config.put("notification-log.key-prefix", "lw:notif:faults:" + name() + ":");

    Map<String, Long> measures = new TreeMap<>();
    List<String> notes = new ArrayList<>();
    List<String> violations = new ArrayList<>();
    long[] probes = new long[2];
    long[] answered = new long[2];
    AtomicLong opened = new AtomicLong();
    AtomicLong closedByServer = new AtomicLong();
    try (WebhookReceiver hook = WebhookReceiver.start()) {
      config.put("webhook.url", hook.url("/hooks/retention"));
      try (AlertsService service = AlertsService.start(AlertsServiceConfig.from(config))) {
        URI base = URI.create(service.healthAddress());
        InetSocketAddress address = new InetSocketAddress(base.getHost(), base.getPort());
        AtomicBoolean attacking = new AtomicBoolean(true);
        List<Thread> attackers = new ArrayList<>();
        for (int i = 0; i < slowClients; i++) {
          Thread t =
              new Thread(
                  () -> trickle(address, attacking, opened, closedByServer),
                  "faults-slow-client-" + i);
          t.setDaemon(true);
          t.start();
          attackers.add(t);
        }
        long end = System.nanoTime() + attack.toNanos();
        String[] paths = {"/-/healthy", "/metrics"};
        while (System.nanoTime() < end) {
          for (int p = 0; p < paths.length; p++) {
            probes[p]++;
            if (probe(address, paths[p]) == 200) {
              answered[p]++;
            }
          }
          Thread.sleep(PROBE_INTERVAL.toMillis()); // the probe's own cadence, not a wait
        }
        attacking.set(false);
        for (Thread t : attackers) {
          t.join(Duration.ofSeconds(30).toMillis());
        }
        service.awaitHandled(records, Duration.ofMinutes(2));
        measures.put("alerts_records_handled", service.recordsHandled());
        if (service.recordsHandled() < records) {
          violations.add(
              "the service handled "
                  + service.recordsHandled()
                  + " of "
                  + records
                  + " alert records while slow clients were held");
        }
      }
      measures.put("webhook_requests", (long) hook.requests().size());
    }
    long sent = probes[0] + probes[1];
    long ok = answered[0] + answered[1];
    measures.put("slow_clients", (long) slowClients);
    measures.put("slow_connections_opened", opened.get());
    measures.put("slow_connections_closed_by_server", closedByServer.get());
    measures.put("health_probes", probes[0]);
    measures.put("health_unanswered", probes[0] - answered[0]);
    measures.put("metrics_probes", probes[1]);
    measures.put("metrics_unanswered", probes[1] - answered[1]);
    if (closedByServer.get() == 0) {
      violations.add(
          "no slow connection was closed in "
              + attack.toSeconds()
              + " s: the request-header deadline was not enforced");
    }
    notes.add(
        String.format(
            "%d slow connections opened, %d closed by the server's header deadline; %d of %d"
                + " health and %d of %d metrics probes answered 200",
            opened.get(), closedByServer.get(), answered[0], probes[0], answered[1], probes[1]));
    return new FaultResult(
        name(),
        slowClients
            + " clients holding a half-sent request header (one more byte per second,"
            + " reconnecting when closed) for "
            + attack.toSeconds()
            + " s",
        "health + metrics probes answered",
        sent,
        ok,
        sent - ok,
        0,
        notes,
        violations,
        measures,
        0);
  }

  /** One slow client: a half header, a byte a second, again when the server hangs up. */
  private static void trickle(
      InetSocketAddress address, AtomicBoolean attacking, AtomicLong opened, AtomicLong closed) {
    while (attacking.get()) {
      try (Socket socket = new Socket()) {
        socket.connect(address, (int) PROBE_TIMEOUT.toMillis());
        opened.incrementAndGet();
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        out.write(
            "GET /-/healthy HTTP/1.1\r\nHost: lapsewatch\r\nX-Slow: "
                .getBytes(StandardCharsets.US_ASCII));
        // The read timeout paces the trickle and notices the server closing the connection.
        socket.setSoTimeout((int) TRICKLE.toMillis());
        while (attacking.get()) {
          try {
            if (in.read() == -1) {
              closed.incrementAndGet();
              break;
            }
          } catch (SocketTimeoutException stillHeld) {
            out.write('x');
            out.flush();
          }
        }
      } catch (IOException e) {
        if (attacking.get()) {
          closed.incrementAndGet(); // reset by the server
        }
      }
    }
  }

  /** Status of {@code GET path} on a fresh connection, or -1 when no answer came in time. */
  private static int probe(InetSocketAddress address, String path) {
    try (Socket socket = new Socket()) {
      int timeout = (int) PROBE_TIMEOUT.toMillis();
      socket.connect(address, timeout);
      socket.setSoTimeout(timeout);
      socket
          .getOutputStream()
          .write(
              ("GET " + path + " HTTP/1.1\r\nHost: lapsewatch\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      socket.getInputStream().transferTo(answer);
      String head = answer.toString(StandardCharsets.ISO_8859_1);
      // "HTTP/1.1 200 OK"
      return head.startsWith("HTTP/1.1 ") && head.length() >= 12
          ? Integer.parseInt(head.substring(9, 12))
          : -1;
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
  }
}
