package io.lapsewatch.faults;

import io.lapsewatch.featurestore.features.FeatureVector;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Wraps the job's real feature sink: counts the vectors passing through and, when the count reaches
 * a set point of the stream, trips — it tells the suite (which then injects its fault) and slows
 * the job down until the suite releases it, so the fault lands mid-stream rather than after the
 * bounded input is done. Nothing is changed or dropped on the way to the real sink.
 *
 * <p>The wrapper keeps the real sink's writer state: Flink checkpoints a sink writer's state only
 * when the sink it was given implements {@link SupportsWriterState}. The feature-store sink keeps
 * the vectors Redis has not confirmed at a checkpoint in that state, so a wrapper that hid it made
 * every checkpoint of a faulty run drop them, and a job restored from one lacked them for good.
 *
 * @param <S> the real sink's writer state, passed through unchanged
 */
final class Tripwire<S> implements Sink<FeatureVector>, SupportsWriterState<FeatureVector, S> {
  private static final long serialVersionUID = 1L;

  /** Per-vector pause while held: slow enough that the job is still running when the fault hits. */
  private static final long HELD_PAUSE_MS = 4;

  /** The shared state of one run; static because Flink deserializes the sink in this same JVM. */
  static final class Wire {
    final long tripAt;
    final AtomicLong seen = new AtomicLong();
    final CountDownLatch tripped = new CountDownLatch(1);

    /** Writers created: parallelism times (1 + restarts of the job). */
    final java.util.concurrent.atomic.AtomicInteger writers =
        new java.util.concurrent.atomic.AtomicInteger();

    volatile boolean held;

    /** Pause per vector while held. */
    volatile long pauseMs;

    Wire(long tripAt, long pauseMs) {
      this.tripAt = tripAt;
      this.pauseMs = pauseMs;
    }

    /** Waits until the stream reached the trip point. */
    void awaitTrip(Duration timeout) throws InterruptedException {
      if (!tripped.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(
            "the job never reached vector " + tripAt + " (saw " + seen.get() + ")");
      }
    }

    /**
     * Holds the job harder from now on ({@code ms} per vector): for a case that must do more before
     * its fault once a checkpoint after the trip exists (a checkpoint needs the job to move, so the
     * hard hold comes after it).
     */
    void pause(long ms) {
      pauseMs = ms;
    }

    /** Lets the job run at full speed again. */
    void release() {
      held = false;
    }
  }

  private static final Map<String, Wire> WIRES = new ConcurrentHashMap<>();

  private final String run;
  private final Sink<FeatureVector> delegate;
  private final SupportsWriterState<FeatureVector, S> delegateState;

  <T extends Sink<FeatureVector> & SupportsWriterState<FeatureVector, S>> Tripwire(
      String run, T delegate) {
    this.run = run;
    this.delegate = delegate;
    this.delegateState = delegate;
  }

  /** Arms a wire for {@code run} that trips at vector {@code tripAt} (never, if Long.MAX_VALUE). */
  static Wire arm(String run, long tripAt) {
    return arm(run, tripAt, HELD_PAUSE_MS);
  }

  /**
   * Arms a wire that, once tripped, pauses {@code pauseMs} per vector: a case with more to do
   * between the trip and its fault (a checkpoint, then reading the accumulators) holds longer.
   */
  static Wire arm(String run, long tripAt, long pauseMs) {
    Wire w = new Wire(tripAt, pauseMs);
    WIRES.put(run, w);
    return w;
  }

  /** The wire armed for {@code run}. */
  static Wire wire(String run) {
    Wire w = WIRES.get(run);
    if (w == null) {
      throw new IllegalStateException("no tripwire armed for run " + run);
    }
    return w;
  }

  @Override
  public StatefulSinkWriter<FeatureVector, S> createWriter(WriterInitContext context)
      throws IOException {
    SinkWriter<FeatureVector> inner = delegate.createWriter(context);
    // Flink makes the same cast for a sink with writer state that starts without any.
    if (!(inner instanceof StatefulSinkWriter)) {
      throw new IllegalStateException(
          delegate.getClass().getName()
              + " has writer state but created a writer that cannot snapshot it: "
              + inner.getClass().getName());
    }
    @SuppressWarnings("unchecked")
    StatefulSinkWriter<FeatureVector, S> stateful = (StatefulSinkWriter<FeatureVector, S>) inner;
    return new CountingWriter<>(wire(run), stateful);
  }

  @Override
  public StatefulSinkWriter<FeatureVector, S> restoreWriter(
      WriterInitContext context, Collection<S> recoveredState) throws IOException {
    return new CountingWriter<>(wire(run), delegateState.restoreWriter(context, recoveredState));
  }

  @Override
  public SimpleVersionedSerializer<S> getWriterStateSerializer() {
    return delegateState.getWriterStateSerializer();
  }

  /** Counts and, while held, slows each vector; everything else is the real writer's. */
  private static final class CountingWriter<S> implements StatefulSinkWriter<FeatureVector, S> {
    private final Wire wire;
    private final StatefulSinkWriter<FeatureVector, S> inner;

    CountingWriter(Wire wire, StatefulSinkWriter<FeatureVector, S> inner) {
      this.wire = wire;
      this.inner = inner;
      wire.writers.incrementAndGet();
    }

    @Override
    public void write(FeatureVector v, Context ctx) throws IOException, InterruptedException {
      long n = wire.seen.incrementAndGet();
      if (n == wire.tripAt) {
        wire.held = true;
        wire.tripped.countDown();
      }
      if (wire.held) {
        Thread.sleep(wire.pauseMs);
      }
      inner.write(v, ctx);
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
      inner.flush(endOfInput);
    }

    @Override
    public void writeWatermark(org.apache.flink.api.common.eventtime.Watermark watermark)
        throws IOException, InterruptedException {
      inner.writeWatermark(watermark);
    }

    @Override
    public List<S> snapshotState(long checkpointId) throws IOException {
      return inner.snapshotState(checkpointId);
    }

    @Override
    public void close() throws Exception {
      inner.close();
    }
  }
}
