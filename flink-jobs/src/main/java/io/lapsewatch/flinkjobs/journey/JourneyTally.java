package io.lapsewatch.flinkjobs.journey;

import java.util.TreeMap;
import org.apache.flink.api.common.accumulators.Accumulator;

/**
 * A job accumulator of journey counts by key ({@code "<what>|<plan>|<version>|<step or
 * reason>|<arm>"}), summed over all subtasks: the demo prints its table from the finished job.
 */
public final class JourneyTally implements Accumulator<String, TreeMap<String, Long>> {
  private static final long serialVersionUID = 1L;

  private TreeMap<String, Long> counts = new TreeMap<>();

  @Override
  public void add(String key) {
    counts.merge(key, 1L, Long::sum);
  }

  @Override
  public TreeMap<String, Long> getLocalValue() {
    return counts;
  }

  @Override
  public void resetLocal() {
    counts = new TreeMap<>();
  }

  @Override
  public void merge(Accumulator<String, TreeMap<String, Long>> other) {
    other.getLocalValue().forEach((k, v) -> counts.merge(k, v, Long::sum));
  }

  @Override
  public JourneyTally clone() {
    JourneyTally c = new JourneyTally();
    c.counts = new TreeMap<>(counts);
    return c;
  }

  /** The tally's key for one count. */
  public static String key(String what, String plan, int version, String detail, String arm) {
    return what + "|" + plan + "|" + version + "|" + detail + "|" + arm;
  }
}
