package io.lapsewatch.alerts.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.io.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes connections whose request line and headers do not arrive in full within a deadline.
 *
 * <p>Why: Jetty's idle timeout only measures silence, so a client that trickles one header byte
 * every few seconds keeps a connection forever (the "slowloris" pattern). Jetty parses headers
 * without holding a thread, so such clients do not block other requests; this bounds how long each
 * one holds a connection slot. Jetty has no header deadline of its own, so a sweep compares each
 * connection's public counters: a request is awaited while every received request has been
 * answered, and it is late once bytes of it arrived (or, on a fresh connection, the connection
 * opened) longer than the deadline ago without the header completing.
 */
final class HeaderDeadline implements Connection.Listener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HeaderDeadline.class);
  private static final long NOT_WAITING = Long.MIN_VALUE;

  /** What the last sweep saw of one connection. */
  private static final class Watch {
    long requests;
    long responses;
    long bytesIn;
    long waitingSince;

    Watch(long now) {
      waitingSince = now; // a fresh connection owes its first request header
    }
  }

  private final long deadlineNanos;
  private final Map<Connection, Watch> open = new ConcurrentHashMap<>();
  private final ScheduledExecutorService sweeper;
  private final AtomicLong closed = new AtomicLong();

  HeaderDeadline(Duration deadline) {
    this.deadlineNanos = deadline.toNanos();
    this.sweeper =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "lapsewatch-http-header-deadline");
              t.setDaemon(true);
              return t;
            });
    // A fifth of the deadline: a late header is cut at most 20% after its deadline.
    long period = Math.max(TimeUnit.MILLISECONDS.toNanos(50), deadlineNanos / 5);
    sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.NANOSECONDS);
  }

  @Override
  public void onOpened(Connection connection) {
    open.put(connection, new Watch(System.nanoTime()));
  }

  @Override
  public void onClosed(Connection connection) {
    open.remove(connection);
  }

  /** Connections closed so far because their request header came too slowly. */
  long closedLate() {
    return closed.get();
  }

  private void sweep() {
    try {
      sweepOnce(System.nanoTime());
    } catch (RuntimeException e) {
      // An exception would cancel the schedule: keep sweeping, and say why this round failed.
      LOG.warn("HTTP header deadline sweep failed: {}", e.toString());
    }
  }

  private void sweepOnce(long now) {
    open.forEach(
        (c, w) -> {
          long requests = c.getMessagesIn(); // counted when a request's header is complete
          long responses = c.getMessagesOut();
          long bytes = c.getBytesIn();
          if (requests != w.requests || responses != w.responses) {
            // A header completed or a response went out: whatever was awaited has arrived.
            w.requests = requests;
            w.responses = responses;
            w.bytesIn = bytes;
            w.waitingSince = NOT_WAITING;
            return;
          }
          if (requests > responses) {
            return; // a request is being handled; the read timeout governs its body
          }
          if (w.waitingSince == NOT_WAITING) {
            if (bytes == w.bytesIn) {
              return; // an idle keep-alive connection; the idle timeout governs it
            }
            w.waitingSince = now; // the first bytes of the next request
          }
          if (now - w.waitingSince > deadlineNanos) {
            open.remove(c);
            closed.incrementAndGet();
            c.getEndPoint().close(new TimeoutException("request header not complete in time"));
          }
        });
  }

  @Override
  public void close() {
    sweeper.shutdownNow();
  }
}
