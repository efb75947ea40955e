package io.lapsewatch.cli;

import io.lapsewatch.featurestore.features.FeatureVector;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Collects feature vectors in this JVM's memory, per run id. Only meaningful on a local
 * MiniCluster, where the job runs in the same JVM as the caller.
 */
final class LocalCollectingSink implements Sink<FeatureVector> {
  private static final long serialVersionUID = 1L;
  private static final Map<String, List<FeatureVector>> RUNS = new ConcurrentHashMap<>();

  private final String runId;

  LocalCollectingSink(String runId) {
    this.runId = runId;
    RUNS.put(runId, new CopyOnWriteArrayList<>());
  }

  /** Everything collected for a run; removes it from memory. */
  static List<FeatureVector> take(String runId) {
    List<FeatureVector> out = RUNS.remove(runId);
    return out == null ? List.of() : out;
  }

  @Override
  public SinkWriter<FeatureVector> createWriter(WriterInitContext context) {
    List<FeatureVector> target = RUNS.get(runId);
    return new SinkWriter<>() {
      @Override
      public void write(FeatureVector v, Context ctx) {
        target.add(v);
      }

      @Override
      public void flush(boolean endOfInput) {}

      @Override
      public void close() {}
    };
  }
}
