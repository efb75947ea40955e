package io.lapsewatch.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * Reads the job's contact-rule counters ({@code lapsewatch_contacts_suppressed_total{reason,arm}})
 * in the demo's own JVM: a Flink metric reporter on the local MiniCluster that keeps the counters
 * by reason, so the summary prints suppressions by reason without a metrics endpoint. A counter's
 * count is kept when its task ends, so the totals survive the bounded job's end.
 */
final class DemoJobMetrics {
  /** The counter it reads (registered by the job's contact rules). */
  static final String SUPPRESSED = "lapsewatch_contacts_suppressed_total";

  private static final String RUN = "run";

  /** The collectors of the runs in this JVM, by run id (the reporter finds its own). */
  private static final Map<String, DemoJobMetrics> RUNS = new ConcurrentHashMap<>();

  private final String runId = UUID.randomUUID().toString();
  private final List<Object[]> live = new ArrayList<>();
  private final Map<String, Long> ended = new TreeMap<>();

  DemoJobMetrics() {
    RUNS.put(runId, this);
  }

  /** Adds this collector's reporter to the MiniCluster configuration {@code c}. */
  void configure(Configuration c) {
    c.setString("metrics.reporter.lapsewatch-demo.factory.class", Factory.class.getName());
    c.setString("metrics.reporter.lapsewatch-demo." + RUN, runId);
  }

  /** Suppressed alerts by reason, both arms (a reason with none is left out). */
  synchronized Map<String, Long> suppressedByReason() {
    Map<String, Long> byReason = new TreeMap<>(ended);
    for (Object[] e : live) {
      byReason.merge((String) e[0], ((Counter) e[1]).getCount(), Long::sum);
    }
    byReason.values().removeIf(n -> n == 0);
    return byReason;
  }

  private synchronized void added(Metric metric, String name, MetricGroup group) {
    if (SUPPRESSED.equals(name) && metric instanceof Counter c) {
      live.add(new Object[] {reason(group), c});
    }
  }

  private synchronized void removed(Metric metric, String name, MetricGroup group) {
    if (SUPPRESSED.equals(name) && metric instanceof Counter c) {
      live.removeIf(e -> e[1] == c);
      ended.merge(reason(group), c.getCount(), Long::sum);
    }
  }

  private static String reason(MetricGroup group) {
    return group.getAllVariables().getOrDefault("<reason>", "unknown");
  }

  /** Creates the reporter (found by Flink through {@code META-INF/services}). */
  public static final class Factory implements MetricReporterFactory {
    @Override
    public MetricReporter createMetricReporter(Properties properties) {
      return new Reporter();
    }
  }

  /** Hands the counters Flink registers to the run's collector. */
  static final class Reporter implements MetricReporter {
    private DemoJobMetrics run;

    @Override
    public void open(MetricConfig config) {
      run = RUNS.get(config.getString(RUN, ""));
    }

    @Override
    public void close() {}

    @Override
    public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
      if (run != null) {
        run.added(metric, name, group);
      }
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {
      if (run != null) {
        run.removed(metric, name, group);
      }
    }
  }
}
