package io.lapsewatch.bench;

import io.lapsewatch.featurestore.events.PolicyEvent;
import io.lapsewatch.featurestore.features.FeatureVector;
import io.lapsewatch.featurestore.features.PolicyholderState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost per event of the feature engine: applying an event, computing the vector, and the
 * serialize/deserialize round trip a serializing state backend adds for every event.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx1g"})
public class PolicyholderStateBenchmark {
  @Param("1000")
  public int policyholders;

  /** A year of events in event-time order, replayed over and over. */
  private PolicyEvent[] events;

  /** Heap states being built by the replay; cleared when the replay wraps round. */
  private Map<String, PolicyholderState> live;

  /** Serialized states being built by the job-path replay. */
  private Map<String, byte[]> stored;

  private int cursor;

  /** Full-year states (all windows populated) and their bytes, for the codec benchmarks. */
  private PolicyholderState[] fullYear;

  private byte[][] fullYearBytes;
  private int codecCursor;

  @Setup
  public void simulate() {
    Workloads.Book book = Workloads.yearOfHistory(policyholders, 3, 0, true);
    events = book.events().toArray(new PolicyEvent[0]);
    List<PolicyholderState> states = new ArrayList<>(book.states().values());
    fullYear = states.toArray(new PolicyholderState[0]);
    fullYearBytes = new byte[fullYear.length][];
    for (int i = 0; i < fullYear.length; i++) {
      fullYearBytes[i] = fullYear[i].toBytes();
    }
    live = new HashMap<>(policyholders * 2);
    stored = new HashMap<>(policyholders * 2);
  }

  private PolicyEvent next() {
    if (cursor == events.length) {
      // Start the year again from empty states, so the windows fill as they do in production.
      cursor = 0;
      live.clear();
      stored.clear();
    }
    return events[cursor++];
  }

  /** One event into a heap state (what the training-set builder does). */
  @Benchmark
  public PolicyholderState apply() {
    PolicyEvent e = next();
    PolicyholderState s = live.computeIfAbsent(e.policyholderId, k -> new PolicyholderState());
    s.apply(e);
    return s;
  }

  /** One event applied and the feature vector computed as of it. */
  @Benchmark
  public FeatureVector applyAndVector() {
    PolicyEvent e = next();
    PolicyholderState s = live.computeIfAbsent(e.policyholderId, k -> new PolicyholderState());
    s.apply(e);
    return s.vector(e.policyholderId, e.occurredAt);
  }

  /**
   * Per event with a serializing state backend (RocksDB): read the state's bytes, apply, write them
   * back, emit the vector. The heap backend keeps the object and skips both codec steps.
   */
  @Benchmark
  public FeatureVector jobPathPerEvent() {
    PolicyEvent e = next();
    byte[] bytes = stored.get(e.policyholderId);
    PolicyholderState s =
        bytes == null ? new PolicyholderState() : PolicyholderState.fromBytes(bytes);
    s.apply(e);
    stored.put(e.policyholderId, s.toBytes());
    return s.vector(e.policyholderId, e.occurredAt);
  }

  /** Serializing a policyholder with a full year of history. */
  @Benchmark
  public byte[] toBytes() {
    codecCursor = (codecCursor + 1) % fullYear.length;
    return fullYear[codecCursor].toBytes();
  }

  /** Deserializing a policyholder with a full year of history. */
  @Benchmark
  public PolicyholderState fromBytes() {
    codecCursor = (codecCursor + 1) % fullYearBytes.length;
    return PolicyholderState.fromBytes(fullYearBytes[codecCursor]);
  }
}
