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
 * bounded input is done. A freezing wire ({@link #freezing}) instead stops each writer at its first
 * checkpoint after the trip. Nothing is changed or dropped on the way to the real sink.
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
    final long pauseMs;

    /** Whether each writer stops at its first checkpoint after the trip (see {@link #freezing}). */
    final boolean freezes;

    /** The lowest checkpoint at which a writer froze, or Long.MAX_VALUE while none has. */
    final AtomicLong frozenAt = new AtomicLong(Long.MAX_VALUE);

    /** Writes waiting in a frozen writer: for tests and diagnostics. */
    final java.util.concurrent.atomic.AtomicInteger waiting =
        new java.util.concurrent.atomic.AtomicInteger();

    Wire(long tripAt, long pauseMs, boolean freezes) {
      this.tripAt = tripAt;
      this.pauseMs = pauseMs;
      this.freezes = freezes;
    }

    /** Waits until the stream reached the trip point. */
    void awaitTrip(Duration timeout) throws InterruptedException {
      if (!tripped.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(
            "the job never reached vector " + tripAt + " (saw " + seen.get() + ")");
      }
    }

    /**
     * Waits until a checkpoint the frozen job can restore from exists under {@code checkpoints}:
     * the one at which the first writer froze. It completes, because each writer froze only after
     * acknowledging it; none after it can, because a frozen writer never passes another barrier.
     *
     * @return that checkpoint's id
     */
    long awaitFrozenCheckpoint(java.nio.file.Path checkpoints, Duration timeout)
        throws IOException, InterruptedException {
      if (!freezes) {
        throw new IllegalStateException("this wire was not armed to freeze");
      }
      long deadline = System.nanoTime() + timeout.toNanos();
      while (frozenAt.get() == Long.MAX_VALUE
          || JobCrashCase.latestCheckpoint(checkpoints) < frozenAt.get()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "no checkpoint after the trip point completed (first frozen at "
                  + (frozenAt.get() == Long.MAX_VALUE ? "none" : "chk-" + frozenAt.get())
                  + ", latest chk-"
                  + JobCrashCase.latestCheckpoint(checkpoints)
                  + ")");
        }
        Thread.sleep(20);
      }
      return frozenAt.get();
    }

    /** Lets the job run at full speed again, frozen writers included. */
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
    Wire w = new Wire(tripAt, HELD_PAUSE_MS, false);
    WIRES.put(run, w);
    return w;
  }

  /**
   * Arms a wire for a case that crashes the job: once tripped, each writer stops writing right
   * after its next checkpoint snapshot until the wire is released (a cancel interrupts it). The job
   * then has a checkpoint past the trip point and cannot run to its end before the crash.
   *
   * <p>Slowing the sink instead let the buffered backlog in front of it hold the next checkpoint's
   * barrier back; on a loaded machine that checkpoint came only with the bounded job's last one,
   * and the job had finished before the case could cancel it.
   */
  static Wire freezing(String run, long tripAt) {
    // A light hold until then: time for the next barrier to arrive with the stream far from its
    // end.
    Wire w = new Wire(tripAt, 1, true);
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

    /** Set at this writer's first checkpoint after the trip, on a freezing wire. */
    private boolean frozen;

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
      if (frozen && wire.held) {
        wire.waiting.incrementAndGet();
        try {
          while (wire.held) {
            Thread.sleep(20);
          }
        } finally {
          wire.waiting.decrementAndGet();
        }
      } else if (wire.held && wire.pauseMs > 0) {
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
      List<S> state = inner.snapshotState(checkpointId);
      if (wire.freezes && wire.held && !frozen) {
        frozen = true;
        wire.frozenAt.accumulateAndGet(checkpointId, Math::min);
      }
      return state;
    }

    @Override
    public void close() throws Exception {
      inner.close();
    }
  }
}
