package io.lapsewatch.cli;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * Reads the job's own metrics (every {@code lapsewatch_*} counter and gauge) in the demo's JVM: a
 * Flink metric reporter on the local MiniCluster keeps them with their labels, so the summary
 * prints suppressions by reason and the model-monitoring figures without a metrics endpoint, and
 * the run's end writes them as a Prometheus scrape ({@code job-metrics.prom}). A counter's count
 * and a gauge's last value are kept when their task ends, so they survive the bounded job's end.
 */
final class DemoJobMetrics {
  /** The counter it reads (registered by the job's contact rules). */
  static final String SUPPRESSED = "lapsewatch_contacts_suppressed_total";

  private static final String RUN = "run";

  /** The collectors of the runs in this JVM, by run id (the reporter finds its own). */
  private static final Map<String, DemoJobMetrics> RUNS = new ConcurrentHashMap<>();

  private final String runId = UUID.randomUUID().toString();

  /** Metrics still registered, read when asked. */
  private final List<Live> live = new ArrayList<>();

  /** Counters of ended tasks, summed by series. */
  private final Map<Series, Long> endedCounts = new TreeMap<>();

  /** Gauges of ended tasks: the last value each series had. */
  private final Map<Series, Double> endedGauges = new TreeMap<>();

  /**
   * Flink's own scope variables; the rest of a metric group's variables are the labels the job gave
   * it ({@code addGroup(key, value)}).
   */
  private static final Set<String> SCOPE =
      Set.of(
          "host",
          "tm_id",
          "job_id",
          "job_name",
          "task_id",
          "task_name",
          "task_attempt_id",
          "task_attempt_num",
          "subtask_index",
          "operator_id",
          "operator_name",
          "attempt_num");

  /** A metric name and its job-given labels. */
  record Series(String name, TreeMap<String, String> labels) implements Comparable<Series> {
    @Override
    public int compareTo(Series o) {
      int c = name.compareTo(o.name);
      return c != 0 ? c : labels.toString().compareTo(o.labels.toString());
    }
  }

  private record Live(Series series, Metric metric) {}

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
    Map<String, Long> byReason = new TreeMap<>();
    counts()
        .forEach(
            (series, n) -> {
              if (SUPPRESSED.equals(series.name())) {
                byReason.merge(series.labels().getOrDefault("reason", "unknown"), n, Long::sum);
              }
            });
    byReason.values().removeIf(n -> n == 0);
    return byReason;
  }

  /** Every counter's count, summed over subtasks and over ended and running tasks. */
  synchronized Map<Series, Long> counts() {
    Map<Series, Long> all = new TreeMap<>(endedCounts);
    for (Live l : live) {
      if (l.metric() instanceof Counter c) {
        all.merge(l.series(), c.getCount(), Long::sum);
      }
    }
    return all;
  }

  /**
   * Every gauge's value: a running task's current one, else the last one its ended task had. Of
   * parallel subtasks reporting the same series, the last one read wins.
   */
  synchronized Map<Series, Double> gauges() {
    Map<Series, Double> all = new TreeMap<>(endedGauges);
    for (Live l : live) {
      if (l.metric() instanceof Gauge<?> g) {
        Double v = number(g);
        if (v != null) {
          all.put(l.series(), v);
        }
      }
    }
    return all;
  }

  /** The value of gauge {@code name} with no labels, or NaN when the job never reported it. */
  double gauge(String name) {
    return gauges().getOrDefault(new Series(name, new TreeMap<>()), Double.NaN);
  }

  /**
   * The job's metrics in the Prometheus text format, named as the relabelled production scrape
   * names them ({@code deploy/prometheus/prometheus.yml}: the Flink scope stripped).
   */
  String prometheusText() throws IOException {
    Map<String, CounterSnapshot.Builder> counters = new TreeMap<>();
    counts()
        .forEach(
            (series, n) ->
                counters
                    .computeIfAbsent(
                        series.name().replaceFirst("_total$", ""),
                        k -> CounterSnapshot.builder().name(k))
                    .dataPoint(
                        CounterSnapshot.CounterDataPointSnapshot.builder()
                            .labels(labels(series))
                            .value(n)
                            .build()));
    Map<String, GaugeSnapshot.Builder> gauges = new TreeMap<>();
    gauges()
        .forEach(
            (series, v) ->
                gauges
                    .computeIfAbsent(series.name(), k -> GaugeSnapshot.builder().name(k))
                    .dataPoint(
                        GaugeSnapshot.GaugeDataPointSnapshot.builder()
                            .labels(labels(series))
                            .value(v)
                            .build()));
    List<MetricSnapshot> all = new ArrayList<>();
    counters.values().forEach(b -> all.add(b.build()));
    gauges.values().forEach(b -> all.add(b.build()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, new MetricSnapshots(all));
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Writes {@link #prometheusText} to {@code file}. */
  Path writeScrape(Path file) throws IOException {
    Files.writeString(file, prometheusText(), StandardCharsets.UTF_8);
    return file;
  }

  private static Labels labels(Series s) {
    Labels.Builder b = Labels.builder();
    s.labels().forEach(b::label);
    return b.build();
  }

  private static Double number(Gauge<?> g) {
    Object v = g.getValue();
    return v instanceof Number n ? n.doubleValue() : null;
  }

  private static Series series(String name, MetricGroup group) {
    TreeMap<String, String> labels = new TreeMap<>();
    group
        .getAllVariables()
        .forEach(
            (k, v) -> {
              String key =
                  k.startsWith("<") && k.endsWith(">") ? k.substring(1, k.length() - 1) : k;
              if (!SCOPE.contains(key)) {
                labels.put(key, v);
              }
            });
    return new Series(name, labels);
  }

  private synchronized void added(Metric metric, String name, MetricGroup group) {
    if (name.startsWith("lapsewatch_")
        && (metric instanceof Counter || metric instanceof Gauge<?>)) {
      live.add(new Live(series(name, group), metric));
    }
  }

  private synchronized void removed(Metric metric, String name, MetricGroup group) {
    for (var it = live.iterator(); it.hasNext(); ) {
      Live l = it.next();
      if (l.metric() != metric) {
        continue;
      }
      it.remove();
      if (metric instanceof Counter c) {
        endedCounts.merge(l.series(), c.getCount(), Long::sum);
      } else if (metric instanceof Gauge<?> g) {
        Double v = number(g);
        if (v != null) {
          endedGauges.put(l.series(), v);
        }
      }
    }
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
