package io.lapsewatch.flinkjobs.sinks;

import io.lapsewatch.featurestore.features.FeatureSchema;
import io.lapsewatch.featurestore.features.FeatureVector;
import io.lapsewatch.featurestore.store.FeatureStore;
import io.lapsewatch.featurestore.store.RedisFeatureStore;
import io.lapsewatch.featurestore.store.RedisSettings;
import io.lapsewatch.flinkjobs.types.FeatureVectorSerializer;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.metrics.Counter;

/**
 * Writes feature vectors to the Redis feature store in pipelined batches. A batch is handed to the
 * writer's I/O thread when it reaches {@code batchSize} policyholders and when its oldest entry is
 * {@code maxDelayMs} old; within a batch only the newest vector per policyholder is written.
 *
 * <p>Batches are written by one I/O thread per subtask, in order (so newer-wins still sees them in
 * the order they were produced), while the task thread goes on computing features and scores. At
 * most {@link #MAX_BATCHES_IN_FLIGHT} batches wait; a failed write fails the job (which then
 * restores and replays).
 *
 * <p>A checkpoint does not wait for Redis: the vectors not yet confirmed written (the pending batch
 * and those in flight) go into the checkpoint as the writer's state, and a writer restored from it
 * writes them first. Re-writing a vector that did reach Redis is harmless (the store keeps the
 * newest by as-of time), so nothing behind a checkpoint is lost and the keyed chain never stalls on
 * a checkpoint-time flush, which with second-long batches put ~300 ms on the event-to-alert p99. At
 * the end of a bounded input everything is written and waited for.
 *
 * <p>Flink keeps that state only for a sink that implements {@link SupportsWriterState}: a sink
 * wrapping this one must implement it too and pass the state through, or each checkpoint drops the
 * unconfirmed vectors (the fault suite's tripwire once did, see docs/fault-suite.md).
 */
public class FeatureStoreSink
    implements Sink<FeatureVector>, SupportsWriterState<FeatureVector, List<FeatureVector>> {
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

  /**
   * The job's own writer over {@code store} outside a Flink job (no processing-time service),
   * flushing every {@code batchSize} policyholders: the feature-store benchmark measures exactly
   * the batching code the job runs.
   */
  public static SinkWriter<FeatureVector> standaloneWriter(
      FeatureStore store, int batchSize, Counter written) {
    return new Writer(store, batchSize, 200, null, written);
  }

  @Override
  public Writer createWriter(WriterInitContext context) throws IOException {
    return restoreWriter(context, List.of());
  }

  @Override
  public Writer restoreWriter(
      WriterInitContext context, Collection<List<FeatureVector>> unconfirmed) throws IOException {
    Writer w =
        new Writer(
            RedisFeatureStore.open(settings),
            batchSize,
            maxDelayMs,
            context.getProcessingTimeService(),
            context.metricGroup().counter("lapsewatch_features_written"));
    for (List<FeatureVector> vectors : unconfirmed) {
      w.rewrite(vectors);
    }
    return w;
  }

  @Override
  public SimpleVersionedSerializer<List<FeatureVector>> getWriterStateSerializer() {
    return StateSerializer.INSTANCE;
  }

  /**
   * A subtask's unconfirmed vectors as one entry, in the job's compact vector format. Checkpoints
   * serialize writer state on the task thread, before the keyed chain may go on, and JFR put most
   * of that synchronous snapshot in serializing tens of thousands of vectors one entry (buffer,
   * copy, metadata offset) each; this is one pass into one buffer. Version 1 (one vector per entry)
   * is still read.
   */
  static final class StateSerializer implements SimpleVersionedSerializer<List<FeatureVector>> {
    static final StateSerializer INSTANCE = new StateSerializer();
    private static final int ONE_VECTOR_PER_ENTRY = 1;
    private static final int ALL_VECTORS_IN_ONE_ENTRY = 2;
    // Version 3: each vector also carries its newest event's time (issue 17).
    private static final int WITH_NEWEST_EVENT = 3;

    @Override
    public int getVersion() {
      return WITH_NEWEST_EVENT;
    }

    @Override
    public byte[] serialize(List<FeatureVector> vectors) throws IOException {
      // Sized for full vectors; erasures carry no values, and the buffer grows if ids are long.
      DataOutputSerializer out =
          new DataOutputSerializer(4 + vectors.size() * (96 + 8 * FeatureSchema.size()));
      out.writeInt(vectors.size());
      for (FeatureVector v : vectors) {
        FeatureVectorSerializer.INSTANCE.serialize(v, out);
      }
      return out.getCopyOfBuffer();
    }

    @Override
    public List<FeatureVector> deserialize(int version, byte[] bytes) throws IOException {
      DataInputDeserializer in = new DataInputDeserializer(bytes);
      FeatureVectorSerializer s = FeatureVectorSerializer.INSTANCE;
      if (version == ONE_VECTOR_PER_ENTRY) {
        return List.of(s.deserializeWithoutNewestEvent(in));
      }
      if (version != ALL_VECTORS_IN_ONE_ENTRY && version != WITH_NEWEST_EVENT) {
        throw new IOException("unknown feature-store writer state version " + version);
      }
      int n = in.readInt();
      List<FeatureVector> vectors = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        vectors.add(
            version == WITH_NEWEST_EVENT ? s.deserialize(in) : s.deserializeWithoutNewestEvent(in));
      }
      return vectors;
    }
  }

  /** A batch handed to the I/O thread and the outcome of writing it. */
  private record InFlight(Map<String, FeatureVector> batch, Future<Integer> written) {}

  /** The per-subtask writer; package-visible for tests with a fake store. */
  static final class Writer implements StatefulSinkWriter<FeatureVector, List<FeatureVector>> {
    private final FeatureStore store;
    private final int batchSize;
    private final long maxDelayMs;
    private final ProcessingTimeService time;
    private final Counter written;
    private final ExecutorService io;
    private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
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

    /** Writes what a checkpoint held as unconfirmed, before anything new. */
    void rewrite(Collection<FeatureVector> unconfirmed) throws IOException {
      for (FeatureVector v : unconfirmed) {
        add(v);
      }
      handOver();
    }

    @Override
    public void write(FeatureVector v, Context context) throws IOException {
      if (v.retired) {
        return; // the stored hash expires on its own TTL; nothing to write or delete
      }
      add(v);
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

    private void add(FeatureVector v) {
      FeatureVector before = pending.get(v.policyholderId);
      if (before == null || before.asOf <= v.asOf) {
        pending.put(v.policyholderId, v);
      }
    }

    /**
     * Before a checkpoint only finished writes are collected (raising a failed one); the rest goes
     * into the checkpoint through {@link #snapshotState}. At the end of the input everything is
     * written and waited for.
     */
    @Override
    public void flush(boolean endOfInput) throws IOException {
      if (!endOfInput) {
        reapFinished();
        return;
      }
      handOver();
      while (!inFlight.isEmpty()) {
        reapOldest();
      }
    }

    /**
     * The vectors not yet confirmed in Redis, in flight (oldest first) then pending, as one entry;
     * none when Redis has confirmed everything.
     */
    @Override
    public List<List<FeatureVector>> snapshotState(long checkpointId) throws IOException {
      reapFinished();
      List<FeatureVector> unconfirmed = new ArrayList<>();
      for (InFlight f : inFlight) {
        unconfirmed.addAll(f.batch().values());
      }
      unconfirmed.addAll(pending.values());
      return unconfirmed.isEmpty() ? List.of() : List.of(unconfirmed);
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
          new InFlight(
              batch,
              io.submit(
                  () -> {
                    store.writeAll(batch.values());
                    return batch.size();
                  })));
      reapFinished();
    }

    /** Counts finished batches (and raises their failures) without waiting for the rest. */
    private void reapFinished() throws IOException {
      while (!inFlight.isEmpty() && inFlight.peekFirst().written().isDone()) {
        reapOldest();
      }
    }

    private void reapOldest() throws IOException {
      InFlight oldest = inFlight.peekFirst();
      try {
        written.inc(oldest.written().get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while writing features to the store", e);
      } catch (ExecutionException e) {
        throw new IOException("writing features to the store failed", e.getCause());
      }
      inFlight.pollFirst();
    }

    @Override
    public void close() {
      io.shutdownNow();
      store.close();
    }
  }
}
