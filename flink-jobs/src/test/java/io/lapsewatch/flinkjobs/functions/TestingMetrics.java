package io.lapsewatch.flinkjobs.functions;

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

/**
 * A task's metrics that keep what the operator under test registers at its top level, so a harness
 * test can read a counter or gauge by name (metrics in subgroups, such as per-reason counters, are
 * not kept).
 */
public final class TestingMetrics extends UnregisteredMetricGroups.UnregisteredTaskMetricGroup {
  private final InterceptingOperatorMetricGroup operator = new InterceptingOperatorMetricGroup();

  @Override
  public InternalOperatorMetricGroup getOrAddOperator(
      OperatorID operatorID, String name, Map<String, String> additionalVariables) {
    return operator;
  }

  /** An environment for a test harness whose operator registers its metrics here. */
  public MockEnvironment environment() {
    return new MockEnvironmentBuilder().setMetricGroup(this).build();
  }

  /** The count of the counter {@code name}; fails when the operator registered none. */
  public long count(String name) {
    return ((Counter) metric(name)).getCount();
  }

  /** The current value of the gauge {@code name}; fails when the operator registered none. */
  public Object gauge(String name) {
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
