package io.lapsewatch.faults;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;

/**
 * A Flink metric reporter that keeps a reference to every counter the job registers, so the suite
 * can read the job's own metrics (e.g. {@code lapsewatch_model_load_failures}) in-process, also
 * after the job ended. Configured on the local MiniCluster by {@link #configure}.
 */
public final class MetricsProbe implements MetricReporter {
  private record Named(String name, Counter counter) {}

  // Static: Flink instantiates the reporter itself, once per MiniCluster, in this JVM.
  private static final List<Named> COUNTERS = new CopyOnWriteArrayList<>();

  // Partitions whose split a Kafka source reader took on: the connector registers a per-partition
  // "currentOffset" gauge when a reader is given a split (KafkaSourceReaderMetrics).
  private record OwnedPartition(String topic, int partition) {}

  private static final List<OwnedPartition> OWNED = new CopyOnWriteArrayList<>();

  /** Adds the reporter to a MiniCluster configuration. */
  public static void configure(org.apache.flink.configuration.Configuration c) {
    c.setString("metrics.reporter.faults.factory.class", MetricsProbeFactory.class.getName());
  }

  /** Forgets every counter seen so far (call before a run whose counters you want to read). */
  public static void reset() {
    COUNTERS.clear();
  }

  /** Forgets which partitions the source readers took on (call before submitting a job). */
  public static void resetOwnedPartitions() {
    OWNED.clear();
  }

  /** The partitions of {@code topic} whose split a source reader was given since the last reset. */
  public static Set<Integer> ownedPartitions(String topic) {
    Set<Integer> out = new TreeSet<>();
    for (OwnedPartition o : OWNED) {
      if (o.topic().equals(topic)) {
        out.add(o.partition());
      }
    }
    return out;
  }

  /** The sum over all subtasks (and restarts) of the counters called {@code name}. */
  public static long sum(String name) {
    long total = 0;
    for (Named n : COUNTERS) {
      if (n.name().equals(name)) {
        total += n.counter().getCount();
      }
    }
    return total;
  }

  @Override
  public void open(MetricConfig config) {}

  @Override
  public void close() {}

  @Override
  public void notifyOfAddedMetric(Metric metric, String metricName, MetricGroup group) {
    if (metric instanceof Counter c) {
      COUNTERS.add(new Named(metricName, c));
    }
    if (metricName.equals("currentOffset")) {
      // Only then build the group's variables: the job registers thousands of other metrics.
      Map<String, String> vars = group.getAllVariables();
      String topic = vars.get("<topic>");
      String partition = vars.get("<partition>");
      if (topic != null && partition != null) {
        OWNED.add(new OwnedPartition(topic, Integer.parseInt(partition)));
      }
    }
  }

  @Override
  public void notifyOfRemovedMetric(Metric metric, String metricName, MetricGroup group) {
    // Kept on purpose: a counter's final value is what the suite reads after the job.
  }

  static MetricReporter create(Properties unused) {
    return new MetricsProbe();
  }
}
