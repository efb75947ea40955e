package io.lapsewatch.alerts.metrics;

import io.lapsewatch.alerts.contract.Alert;
import io.lapsewatch.alerts.contract.Arm;
import io.lapsewatch.alerts.contract.RetentionAction;
import io.lapsewatch.alerts.contract.Tier;
import io.prometheus.metrics.core.metrics.Counter;
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
          .help("Time to deliver one alert to a channel, retries included.")
          .labelNames("channel")
          // Classic buckets only: every Prometheus version and Grafana panel reads them.
          .classicOnly()
          .classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)
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
    }
  }

  /** The registry to expose; not the JVM-wide default one. */
  public PrometheusRegistry registry() {
    return registry;
  }

  /** Creates the series of a channel at 0. */
  public void registerChannel(String channel) {
    deliveries.labelValues(channel, "delivered");
    deliveries.labelValues(channel, "failed");
    retries.labelValues(channel);
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
