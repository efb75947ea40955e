package io.lapsewatch.jobs.sinks;

import io.lapsewatch.features.FeatureVector;
import io.lapsewatch.store.FeatureStore;
import io.lapsewatch.store.RedisFeatureStore;
import io.lapsewatch.store.RedisSettings;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
 *
 * <p>Batches are written by one I/O thread per subtask, in order (so newer-wins still sees them in
 * the order they were produced), while the task thread goes on computing features and scores: the
 * round trip to Redis no longer stalls the keyed chain, which kept both throughput and the
 * event-to-alert latency down. At most {@link #MAX_BATCHES_IN_FLIGHT} batches wait; a checkpoint
 * waits for all of them, and a failed write fails the job (which then restores and replays).
 */
public class FeatureStoreSink implements Sink<FeatureVector> {
  private static final long serialVersionUID = 1L;

  /** Batches handed to the I/O thread and not yet written; more makes the task thread wait. */
  static final int MAX_BATCHES_IN_FLIGHT = 2;

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
    private final ExecutorService io;
    private final ArrayDeque<Future<Integer>> inFlight = new ArrayDeque<>();
    private Map<String, FeatureVector> pending = new LinkedHashMap<>();
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
      this.io =
          Executors.newSingleThreadExecutor(
              r -> {
                Thread t = new Thread(r, "feature-store-writer");
                t.setDaemon(true);
                return t;
              });
    }

    @Override
    public void write(FeatureVector v, Context context) throws IOException {
      if (v.retired) {
        return; // the stored hash expires on its own TTL; nothing to write or delete
      }
      FeatureVector before = pending.get(v.policyholderId);
      if (before == null || before.asOf <= v.asOf) {
        pending.put(v.policyholderId, v);
      }
      if (pending.size() >= batchSize) {
        handOver();
      } else if (!timerArmed && time != null) {
        timerArmed = true;
        time.registerTimer(
            time.getCurrentProcessingTime() + maxDelayMs,
            ts -> {
              timerArmed = false;
              handOver();
            });
      }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException {
      handOver();
      while (!inFlight.isEmpty()) {
        reapOldest();
      }
    }

    /** Gives the pending batch to the I/O thread, first waiting while too many are in flight. */
    private void handOver() throws IOException {
      if (pending.isEmpty()) {
        return;
      }
      while (inFlight.size() >= MAX_BATCHES_IN_FLIGHT) {
        reapOldest();
      }
      Map<String, FeatureVector> batch = pending;
      pending = new LinkedHashMap<>();
      inFlight.add(
          io.submit(
              () -> {
                store.writeAll(batch.values());
                return batch.size();
              }));
      // Done batches are counted (and their failures raised) without waiting for the rest.
      while (!inFlight.isEmpty() && inFlight.peekFirst().isDone()) {
        reapOldest();
      }
    }

    private void reapOldest() throws IOException {
      Future<Integer> oldest = inFlight.pollFirst();
      try {
        written.inc(oldest.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while writing features to the store", e);
      } catch (ExecutionException e) {
        throw new IOException("writing features to the store failed", e.getCause());
      }
    }

    @Override
    public void close() {
      io.shutdownNow();
      store.close();
    }
  }
}
