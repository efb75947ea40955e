package io.lapsewatch.faults;

import java.util.Properties;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/** Creates the {@link MetricsProbe}; found by Flink through {@code META-INF/services}. */
public final class MetricsProbeFactory implements MetricReporterFactory {
  @Override
  public MetricReporter createMetricReporter(Properties properties) {
    return MetricsProbe.create(properties);
  }
}
