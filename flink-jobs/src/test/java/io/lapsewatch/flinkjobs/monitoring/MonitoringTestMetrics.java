package io.lapsewatch.flinkjobs.monitoring;

import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.metrics.groups.InternalOperatorMetricGroup;
import org.apache.flink.runtime.metrics.groups.UnregisteredMetricGroups;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;

/** A task's metrics keeping what the operator under test registers at its top level. */
final class MonitoringTestMetrics extends UnregisteredMetricGroups.UnregisteredTaskMetricGroup {
  private final InterceptingOperatorMetricGroup operator = new InterceptingOperatorMetricGroup();

  @Override
  public InternalOperatorMetricGroup getOrAddOperator(
      OperatorID operatorID, String name, Map<String, String> additionalVariables) {
    return operator;
  }

  MockEnvironment environment() {
    return new MockEnvironmentBuilder().setMetricGroup(this).build();
  }

  long count(String name) {
    return ((Counter) metric(name)).getCount();
  }

  Object gauge(String name) {
    return ((Gauge<?>) metric(name)).getValue();
  }

  private Metric metric(String name) {
    Metric m = operator.get(name);
    if (m == null) {
      throw new AssertionError("the operator registered no metric named " + name);
    }
    return m;
  }
}
