package io.lapsewatch.flinkjobs.sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lapsewatch.featurestore.features.FeatureSchema;
import io.lapsewatch.featurestore.features.FeatureVector;
import io.lapsewatch.featurestore.store.FeatureStore;
import io.lapsewatch.featurestore.store.StoredFeatures;
import io.lapsewatch.flinkjobs.types.FeatureVectorSerializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.metrics.SimpleCounter;
import org.junit.jupiter.api.Test;

/** The feature-store writer's batching, ordering and failure handling, over a fake store. */
class FeatureStoreSinkTest {

  /** Records every batch it is given, in order; can be told to fail or to hold a write. */
  static final class RecordingStore implements FeatureStore {
    final List<List<FeatureVector>> batches = new ArrayList<>();
    volatile RuntimeException failWith;
    volatile CountDownLatch hold;

    @Override
    public int writeAll(Collection<FeatureVector> vectors) {
      try {
        if (hold != null) {
          hold.await(30, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (failWith != null) {
        throw failWith;
      }
      synchronized (this) {
        batches.add(new ArrayList<>(vectors));
      }
      return vectors.size();
    }

    synchronized List<List<FeatureVector>> batches() {
      return new ArrayList<>(batches);
    }

    @Override
    public Optional<StoredFeatures> read(String policyholderId) {
      return Optional.empty();
    }

    @Override
    public boolean erase(String policyholderId) {
      return false;
    }

    @Override
    public void close() {}
  }

  /** A writer over {@code store} without a timer (batches go out by size or at a flush). */
  private static FeatureStoreSink.Writer writer(RecordingStore store, int batchSize) {
    return new FeatureStoreSink.Writer(store, batchSize, 1000, null, new SimpleCounter());
  }

  private static FeatureVector vector(String holder, long asOf) {
    FeatureVector v = new FeatureVector();
    v.policyholderId = holder;
    v.asOf = asOf;
    v.values = new double[FeatureSchema.size()];
    return v;
  }

  @Test
  void endOfInputWritesEverythingInOrderWithTheNewestPerPolicyholder() throws Exception {
    RecordingStore store = new RecordingStore();
    SimpleCounter written = new SimpleCounter();
    FeatureStoreSink.Writer w = new FeatureStoreSink.Writer(store, 2, 1000, null, written);
    w.write(vector("A", 1), null);
    w.write(vector("A", 3), null);
    w.write(vector("A", 2), null); // older than the pending one: ignored
    w.write(vector("B", 1), null); // second policyholder: the batch of two goes out
    w.write(vector("C", 5), null);

    w.flush(true);

    List<List<FeatureVector>> batches = store.batches();
    assertThat(batches).hasSize(2);
    assertThat(batches.get(0))
        .extracting(v -> v.policyholderId + "@" + v.asOf)
        .containsExactly("A@3", "B@1");
    assertThat(batches.get(1)).extracting(v -> v.policyholderId).containsExactly("C");
    assertThat(written.getCount()).isEqualTo(3);
    assertThat(w.snapshotState(1)).isEmpty();
    w.close();
  }

  @Test
  void aCheckpointKeepsWhatRedisHasNotConfirmedInsteadOfWaitingForIt() throws Exception {
    RecordingStore store = new RecordingStore();
    store.hold = new CountDownLatch(1); // Redis is slow: the batch in flight does not finish
    FeatureStoreSink.Writer w = writer(store, 2);
    w.write(vector("A", 1), null);
    w.write(vector("B", 1), null); // in flight, held
    w.write(vector("C", 2), null); // pending

    w.flush(false); // returns at once: nothing waits for Redis at a checkpoint
    List<List<FeatureVector>> state = w.snapshotState(7);

    assertThat(store.batches()).isEmpty();
    assertThat(state).hasSize(1); // one entry per subtask and checkpoint
    assertThat(state.get(0))
        .extracting(v -> v.policyholderId + "@" + v.asOf)
        .containsExactly("A@1", "B@1", "C@2");
    store.hold.countDown();
    w.close();

    // A writer restored from that checkpoint writes them first, through the state's format.
    RecordingStore restoredStore = new RecordingStore();
    FeatureStoreSink.Writer restored = writer(restoredStore, 10);
    FeatureStoreSink.StateSerializer ser = FeatureStoreSink.StateSerializer.INSTANCE;
    restored.rewrite(ser.deserialize(ser.getVersion(), ser.serialize(state.get(0))));
    restored.flush(true);
    assertThat(restoredStore.batches()).hasSize(1);
    assertThat(restoredStore.batches().get(0))
        .extracting(v -> v.policyholderId + "@" + v.asOf)
        .containsExactly("A@1", "B@1", "C@2");
    restored.close();
  }

  @Test
  void aPendingErasureIsKeptThroughTheCheckpointState() throws Exception {
    // An erasure carries no feature values; it must survive a checkpoint like any vector.
    RecordingStore store = new RecordingStore();
    FeatureStoreSink.Writer w = writer(store, 10);
    w.write(FeatureVector.erasure("A", 3), null);
    w.write(vector("B", 4), null);

    List<List<FeatureVector>> state = w.snapshotState(2);
    FeatureStoreSink.StateSerializer ser = FeatureStoreSink.StateSerializer.INSTANCE;
    List<FeatureVector> read = ser.deserialize(ser.getVersion(), ser.serialize(state.get(0)));

    assertThat(read)
        .extracting(v -> v.policyholderId + "@" + v.asOf + (v.erased ? " erased" : ""))
        .containsExactly("A@3 erased", "B@4");
    w.close();
  }

  @Test
  void stateFromBeforeOneEntryPerCheckpointIsStillRead() throws Exception {
    // Version 1 kept one vector per entry.
    DataOutputSerializer old = new DataOutputSerializer(256);
    FeatureVectorSerializer.INSTANCE.serialize(vector("A", 4), old);
    // Vectors then ended before the newest event's time (8 bytes).
    byte[] oldBytes = java.util.Arrays.copyOf(old.getCopyOfBuffer(), old.length() - 8);

    List<FeatureVector> read = FeatureStoreSink.StateSerializer.INSTANCE.deserialize(1, oldBytes);

    assertThat(read).extracting(v -> v.policyholderId + "@" + v.asOf).containsExactly("A@4");
    assertThatThrownBy(() -> FeatureStoreSink.StateSerializer.INSTANCE.deserialize(9, new byte[0]))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("version 9");
  }

  @Test
  void confirmedBatchesLeaveTheCheckpointState() throws Exception {
    RecordingStore store = new RecordingStore();
    FeatureStoreSink.Writer w = writer(store, 1);
    w.write(vector("A", 1), null);
    w.flush(true);
    w.write(vector("B", 2), null); // handed over; may or may not be written by the snapshot

    List<List<FeatureVector>> state = w.snapshotState(3);

    assertThat(state.stream().flatMap(List::stream))
        .extracting(v -> v.policyholderId)
        .doesNotContain("A");
    w.close();
  }

  @Test
  void flushAtEndOfInputWaitsForTheBatchStillBeingWritten() throws Exception {
    RecordingStore store = new RecordingStore();
    store.hold = new CountDownLatch(1);
    FeatureStoreSink.Writer w = writer(store, 1);
    w.write(vector("A", 1), null); // handed to the I/O thread, which is held
    assertThat(store.batches()).isEmpty();

    Thread release = new Thread(() -> store.hold.countDown());
    release.start();
    w.flush(true);

    assertThat(store.batches()).hasSize(1);
    w.close();
  }

  @Test
  void aFailedWriteFailsTheNextFlush() throws Exception {
    RecordingStore store = new RecordingStore();
    store.failWith = new IllegalStateException("redis down");
    // Held, so the failure cannot already be raised by write() when it reaps finished batches.
    store.hold = new CountDownLatch(1);
    FeatureStoreSink.Writer w = writer(store, 1);
    w.write(vector("A", 1), null);
    store.hold.countDown();

    assertThatThrownBy(() -> w.flush(true))
        .isInstanceOf(IOException.class)
        .hasRootCauseMessage("redis down");
    w.close();
  }

  @Test
  void retiredVectorsAreNotWritten() throws Exception {
    RecordingStore store = new RecordingStore();
    FeatureStoreSink.Writer w = writer(store, 10);
    FeatureVector retired = FeatureVector.retirement("A", 5);
    w.write(retired, null);
    w.flush(true);

    assertThat(store.batches()).isEmpty();
    assertThat(w.snapshotState(1)).isEmpty();
    w.close();
  }
}
