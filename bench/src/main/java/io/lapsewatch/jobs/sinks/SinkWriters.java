package io.lapsewatch.jobs.sinks;

import io.lapsewatch.features.FeatureVector;
import io.lapsewatch.store.FeatureStore;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;

/**
 * Opens the feature-store sink's own writer outside a Flink job, so the benchmark measures exactly
 * the batching code the job runs. Lives in the sink's package because the writer is
 * package-private.
 */
public final class SinkWriters {
  private SinkWriters() {}

  /**
   * The job's writer over {@code store}, flushing every {@code batchSize} policyholders. No
   * processing-time service: the benchmark offers updates faster than the time bound matters.
   */
  public static SinkWriter<FeatureVector> featureStoreWriter(
      FeatureStore store, int batchSize, Counter written) {
    return new FeatureStoreSink.Writer(store, batchSize, 200, null, written);
  }
}
