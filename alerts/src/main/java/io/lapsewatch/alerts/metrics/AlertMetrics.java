package io.lapsewatch.alerts.metrics;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.Arm;
import io.lapsewatch.alertcontract.RetentionAction;
import io.lapsewatch.alertcontract.Tier;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The alerts service's Prometheus metrics, in a registry of its own so tests and several services
 * in one JVM never share counters. Labels are bounded enums and channel names, never ids.
 */
public final class AlertMetrics {
  private final PrometheusRegistry registry = new PrometheusRegistry();

  private final Counter received =
      Counter.builder()
          .name("lapsewatch_alerts_received_total")
          .help("Retention alerts read from Kafka, by value tier, retention action and arm.")
          .labelNames("tier", "action", "arm")
          .register(registry);

  private final Counter rejected =
      Counter.builder()
          .name("lapsewatch_alerts_rejected_total")
          .help("Records on the alerts topic that were not valid alerts; sent to the DLQ.")
          .labelNames("reason")
          .register(registry);

  private final Counter deliveries =
      Counter.builder()
          .name("lapsewatch_deliveries_total")
          .help("Alert deliveries by channel and status (delivered or failed after retries).")
          .labelNames("channel", "status")
          .register(registry);

  private final Counter retries =
      Counter.builder()
          .name("lapsewatch_delivery_retries_total")
          .help("Delivery attempts beyond the first, by channel.")
          .labelNames("channel")
          .register(registry);

  private final Histogram latency =
      Histogram.builder()
          .name("lapsewatch_delivery_latency_seconds")
          .help(
              "Time to deliver one message (an alert or a digest) to a channel, retries included.")
          .labelNames("channel")
          // Classic buckets only: every Prometheus version and Grafana panel reads them.
          .classicOnly()
          .classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)
          .register(registry);

  private final Counter digested =
      Counter.builder()
          .name("lapsewatch_alerts_digested_total")
          .help("Alerts folded into a digest message because the channel's rate limit was reached.")
          .labelNames("channel")
          .register(registry);

  private final Counter digests =
      Counter.builder()
          .name("lapsewatch_digests_sent_total")
          .help("Digest messages sent, by channel.")
          .labelNames("channel")
          .register(registry);

  private final Counter rateLimitWaits =
      Counter.builder()
          .name("lapsewatch_rate_limit_waits_total")
          .help("Times a delivery waited for a channel's rate limit to allow one more message.")
          .labelNames("channel")
          .register(registry);

  private final Counter duplicates =
      Counter.builder()
          .name("lapsewatch_notification_duplicates_suppressed_total")
          .help(
              "Deliveries skipped because the notification log shows the alert already went to"
                  + " that target (replays, restarts).")
          .labelNames("channel")
          .register(registry);

  private final Counter deadLetters =
      Counter.builder()
          .name("lapsewatch_dead_letters_total")
          .help("Records written to the dead-letter topic, by reason.")
          .labelNames("reason")
          .register(registry);

  private final Counter routingReloads =
      Counter.builder()
          .name("lapsewatch_routing_reloads_total")
          .help("Reloads of the routing file after it changed, by result (success or failure).")
          .labelNames("result")
          .register(registry);

  private final Gauge routingValid =
      Gauge.builder()
          .name("lapsewatch_routing_rules_valid")
          .help(
              "1 while the routing file on disk is the one in force; 0 after a change that did"
                  + " not load (the previous rules stay in force).")
          .register(registry);

  private final Gauge routingLoaded =
      Gauge.builder()
          .name("lapsewatch_routing_rules_loaded_timestamp_seconds")
          .help("When the routing rules in force were loaded (Unix time).")
          .register(registry);

  private final Counter erasures =
      Counter.builder()
          .name("lapsewatch_policyholder_erasures_total")
          .help(
              "Erasure requests (tombstones on the alerts topic) applied: the policyholder's"
                  + " notification log entries, callback tasks and samples were forgotten.")
          .register(registry);

  private final Counter erasedAlerts =
      Counter.builder()
          .name("lapsewatch_erased_alerts_total")
          .help("Alerts whose notification-log entries were removed by erasure requests.")
          .register(registry);

  public AlertMetrics() {
    // Every series exists from the start at 0, so rate() and alert rules work before traffic.
    for (Tier tier : Tier.values()) {
      for (RetentionAction action : RetentionAction.values()) {
        for (Arm arm : Arm.values()) {
          received.labelValues(tier.name(), action.name(), arm.name());
        }
      }
    }
    for (RejectReason reason : RejectReason.values()) {
      rejected.labelValues(reason.label());
      deadLetters.labelValues(reason.label());
    }
    deadLetters.labelValues(DELIVERY_FAILED);
    deadLetters.labelValues(UNKNOWN_RECEIVER);
    routingReloads.labelValues("success");
    routingReloads.labelValues("failure");
    routingValid.set(1);
  }

  /** Dead-letter reason of an alert a channel gave up on. */
  public static final String DELIVERY_FAILED = "delivery_failed";

  /**
   * Dead-letter reason of an alert whose {@code messageTo} names no receiver of the routing in
   * force.
   */
  public static final String UNKNOWN_RECEIVER = "unknown_receiver";

  /** The registry to expose; not the JVM-wide default one. */
  public PrometheusRegistry registry() {
    return registry;
  }

  /** Creates the series of a channel at 0. */
  public void registerChannel(String channel) {
    deliveries.labelValues(channel, "delivered");
    deliveries.labelValues(channel, "failed");
    retries.labelValues(channel);
    latency.labelValues(channel);
    digested.labelValues(channel);
    digests.labelValues(channel);
    rateLimitWaits.labelValues(channel);
    duplicates.labelValues(channel);
  }

  /** Counts a digest message carrying {@code alerts} alerts. */
  public void digestSent(String channel, int alerts) {
    digests.labelValues(channel).inc();
    digested.labelValues(channel).inc(alerts);
  }

  /** Counts a wait for a channel's rate limit. */
  public void rateLimitWait(String channel) {
    rateLimitWaits.labelValues(channel).inc();
  }

  /** Counts a delivery skipped because the notification log shows it done. */
  public void duplicateSuppressed(String channel) {
    duplicates.labelValues(channel).inc();
  }

  /** Counts a record written to the dead-letter topic. */
  public void deadLettered(String reason) {
    deadLetters.labelValues(reason).inc();
  }

  /** Counts one applied erasure request that forgot {@code alerts} alerts. */
  public void policyholderErased(int alerts) {
    erasures.inc();
    erasedAlerts.inc(alerts);
  }

  /** Records a routing reload that succeeded at {@code epochSeconds}. */
  public void routingLoaded(double epochSeconds) {
    routingValid.set(1);
    routingLoaded.set(epochSeconds);
  }

  /** Records a routing reload that failed; the previous rules stay in force. */
  public void routingReloadFailed() {
    routingReloads.labelValues("failure").inc();
    routingValid.set(0);
  }

  /** Records that the file on disk holds the rules in force again (a bad edit was reverted). */
  public void routingInForceAgain() {
    routingValid.set(1);
  }

  /** Counts a routing reload that succeeded. */
  public void routingReloaded(double epochSeconds) {
    routingReloads.labelValues("success").inc();
    routingLoaded(epochSeconds);
  }

  /** Records one delivered message (an alert or a digest) and how many alerts it carried. */
  public void deliveredMessage(String channel, Duration took, int attempts, int alerts) {
    deliveries.labelValues(channel, "delivered").inc(alerts);
    recordAttempts(channel, took, attempts);
  }

  /** Records one message given up on and how many alerts it carried. */
  public void failedMessage(String channel, Duration took, int attempts, int alerts) {
    deliveries.labelValues(channel, "failed").inc(alerts);
    recordAttempts(channel, took, attempts);
  }

  /** Counts an alert read from Kafka. */
  public void alertReceived(Alert alert) {
    received.labelValues(alert.tier.name(), alert.action.name(), alert.arm.name()).inc();
  }

  /** Counts a record that was not a valid alert. */
  public void alertRejected(RejectReason reason) {
    rejected.labelValues(reason.label()).inc();
  }

  /** Records a successful delivery after {@code attempts} tries. */
  public void delivered(String channel, Duration took, int attempts) {
    deliveries.labelValues(channel, "delivered").inc();
    recordAttempts(channel, took, attempts);
  }

  /** Records a delivery given up after {@code attempts} tries. */
  public void deliveryFailed(String channel, Duration took, int attempts) {
    deliveries.labelValues(channel, "failed").inc();
    recordAttempts(channel, took, attempts);
  }

  private void recordAttempts(String channel, Duration took, int attempts) {
    if (attempts > 1) {
      retries.labelValues(channel).inc(attempts - 1);
    }
    latency.labelValues(channel).observe(took.toNanos() / 1e9);
  }

  /** The current metrics in the Prometheus text format, as {@code /metrics} serves them. */
  public String scrape() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      PrometheusTextFormatWriter.create().write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
