package io.lapsewatch.jobs.sinks;

import io.lapsewatch.features.FeatureVector;
import io.lapsewatch.store.FeatureStore;
import io.lapsewatch.store.RedisFeatureStore;
import io.lapsewatch.store.RedisSettings;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;

/**
 * Writes feature vectors to the Redis feature store in pipelined batches. A batch is flushed when
 * it reaches {@code batchSize} policyholders, when its oldest entry is {@code maxDelayMs} old, and
 * at every checkpoint (Flink calls {@link SinkWriter#flush} before the barrier), so a restored job
 * never has unwritten vectors behind its checkpoint. Within a batch only the newest vector per
 * policyholder is written.
 */
public class FeatureStoreSink implements Sink<FeatureVector> {
  private static final long serialVersionUID = 1L;

  private final RedisSettings settings;
  private final int batchSize;
  private final long maxDelayMs;

  public FeatureStoreSink(RedisSettings settings, int batchSize, long maxDelayMs) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("feature-store.batch-size must be >= 1, was " + batchSize);
    }
    if (maxDelayMs < 1) {
      throw new IllegalArgumentException(
          "feature-store.max-delay-ms must be >= 1, was " + maxDelayMs);
    }
    this.settings = settings;
    this.batchSize = batchSize;
    this.maxDelayMs = maxDelayMs;
  }

  @Override
  public SinkWriter<FeatureVector> createWriter(WriterInitContext context) throws IOException {
    return new Writer(
        RedisFeatureStore.open(settings),
        batchSize,
        maxDelayMs,
        context.getProcessingTimeService(),
        context.metricGroup().counter("lapsewatch_features_written"));
  }

  /** The per-subtask writer; package-visible for tests with a fake store. */
  static final class Writer implements SinkWriter<FeatureVector> {
    private final FeatureStore store;
    private final int batchSize;
    private final long maxDelayMs;
    private final ProcessingTimeService time;
    private final Counter written;
    private final Map<String, FeatureVector> pending = new LinkedHashMap<>();
    private boolean timerArmed;

    Writer(
        FeatureStore store,
        int batchSize,
        long maxDelayMs,
        ProcessingTimeService time,
        Counter written) {
      this.store = store;
      this.batchSize = batchSize;
      this.maxDelayMs = maxDelayMs;
      this.time = time;
      this.written = written;
    }

    @Override
    public void write(FeatureVector v, Context context) {
      if (v.retired) {
        return; // the stored hash expires on its own TTL; nothing to write or delete
      }
      FeatureVector before = pending.get(v.policyholderId);
      if (before == null || before.asOf <= v.asOf) {
        pending.put(v.policyholderId, v);
      }
      if (pending.size() >= batchSize) {
        flushPending();
      } else if (!timerArmed && time != null) {
        timerArmed = true;
        time.registerTimer(
            time.getCurrentProcessingTime() + maxDelayMs,
            ts -> {
              timerArmed = false;
              flushPending();
            });
      }
    }

    @Override
    public void flush(boolean endOfInput) {
      flushPending();
    }

    private void flushPending() {
      if (pending.isEmpty()) {
        return;
      }
      store.writeAll(pending.values());
      written.inc(pending.size());
      pending.clear();
    }

    @Override
    public void close() {
      store.close();
    }
  }
}
