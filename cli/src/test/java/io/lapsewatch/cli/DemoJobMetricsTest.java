package io.lapsewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.junit.jupiter.api.Test;

/** The demo's job-metrics reporter keeps counters and gauges past their task's end. */
class DemoJobMetricsTest {

  /** A metric group with the variables Flink would give an operator's labelled sub-group. */
  private static UnregisteredMetricsGroup group(Map<String, String> variables) {
    return new UnregisteredMetricsGroup() {
      @Override
      public Map<String, String> getAllVariables() {
        return variables;
      }
    };
  }

  private static MetricReporter reporterFor(DemoJobMetrics metrics) {
    Configuration c = new Configuration();
    metrics.configure(c);
    MetricReporter r = new DemoJobMetrics.Factory().createMetricReporter(new Properties());
    MetricConfig config = new MetricConfig();
    config.setProperty("run", c.toMap().get("metrics.reporter.lapsewatch-demo.run"));
    r.open(config);
    return r;
  }

  @Test
  void keepsCountersAndGaugesWithTheirJobLabelsAfterTheirTasksEnd() throws Exception {
    DemoJobMetrics metrics = new DemoJobMetrics();
    MetricReporter reporter = reporterFor(metrics);
    var capA = group(Map.of("<reason>", "cap", "<arm>", "treated", "<subtask_index>", "0"));
    var capB = group(Map.of("<reason>", "cap", "<arm>", "treated", "<subtask_index>", "1"));
    SimpleCounter a = new SimpleCounter();
    SimpleCounter b = new SimpleCounter();
    a.inc(3);
    b.inc(4);
    reporter.notifyOfAddedMetric(a, DemoJobMetrics.SUPPRESSED, capA);
    reporter.notifyOfAddedMetric(b, DemoJobMetrics.SUPPRESSED, capB);
    double[] psi = {0.31};
    Gauge<Double> drift = () -> psi[0];
    var session = group(Map.of("<feature>", "sessions_30d", "<host>", "localhost"));
    reporter.notifyOfAddedMetric(drift, "lapsewatch_feature_drift_psi", session);
    reporter.notifyOfAddedMetric(new SimpleCounter(), "numRecordsIn", capA);

    reporter.notifyOfRemovedMetric(a, DemoJobMetrics.SUPPRESSED, capA);
    psi[0] = 0.42;
    reporter.notifyOfRemovedMetric(drift, "lapsewatch_feature_drift_psi", session);
    psi[0] = 0.0; // after the task ended: the kept value is the one it had then

    assertThat(metrics.suppressedByReason()).containsExactly(Map.entry("cap", 7L));
    String text = metrics.prometheusText();
    assertThat(text)
        .contains("lapsewatch_contacts_suppressed_total{arm=\"treated\",reason=\"cap\"} 7.0")
        .contains("lapsewatch_feature_drift_psi{feature=\"sessions_30d\"} 0.42")
        .doesNotContain("numRecordsIn")
        .doesNotContain("localhost");
  }
}
