package io.lapsewatch.alerts.metrics;

import java.time.Duration;

/**
 * Limits of the service's HTTP port, so slow or stuck clients cannot starve the health and metrics
 * endpoints.
 *
 * @param headerTimeout a request's line and headers must arrive in full within this long (from the
 *     connection's opening, or from the first byte of a later request on it); else the connection
 *     is closed
 * @param readTimeout a request being handled whose body read or response write makes no progress
 *     for this long fails
 * @param idleTimeout a connection with no request in progress and no traffic for this long is
 *     closed (keep-alive between scrapes)
 * @param maxConnections connections held open at most; beyond it new ones wait in the accept
 *     backlog and the held ones are timed out faster
 */
public record HttpLimits(
    Duration headerTimeout, Duration readTimeout, Duration idleTimeout, int maxConnections) {

  /**
   * Defaults: headers in 5 s (a real client sends them in one packet), reads stalled for 5 s fail,
   * idle keep-alive connections kept 30 s (longer than Prometheus's usual 15 s scrape interval, so
   * scrapes reuse their connection), 200 connections (far more than scrapers, probes and agents'
   * apps need; few enough file descriptors).
   */
  public static HttpLimits defaults() {
    return new HttpLimits(
        Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(30), 200);
  }

  public HttpLimits {
    requirePositive("headerTimeout", headerTimeout);
    requirePositive("readTimeout", readTimeout);
    requirePositive("idleTimeout", idleTimeout);
    if (maxConnections < 1) {
      throw new IllegalArgumentException("maxConnections must be >= 1, was " + maxConnections);
    }
  }

  /** The same limits with another header timeout. */
  public HttpLimits withHeaderTimeout(Duration d) {
    return new HttpLimits(d, readTimeout, idleTimeout, maxConnections);
  }

  /** The same limits with another connection limit. */
  public HttpLimits withMaxConnections(int n) {
    return new HttpLimits(headerTimeout, readTimeout, idleTimeout, n);
  }

  private static void requirePositive(String name, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be a positive duration, was " + d);
    }
  }
}
