package io.lapsewatch.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.embedded.EmbeddedRedis;
import io.lapsewatch.featurestore.events.PolicyEvent;
import io.lapsewatch.featurestore.features.FeatureVector;
import io.lapsewatch.featurestore.features.PolicyholderState;
import io.lapsewatch.featurestore.scenarios.Scenarios;
import io.lapsewatch.featurestore.store.RedisConnections;
import io.lapsewatch.featurestore.store.RedisFeatureStore;
import io.lapsewatch.featurestore.store.RedisSettings;
import io.lapsewatch.flinkjobs.sinks.FeatureStoreSink;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.runtime.operators.sink.SinkWriterOperatorFactory;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/**
 * A vector still unconfirmed at a checkpoint, then a crash: the job restored from that checkpoint
 * must write it to a real Redis, through Flink's own sink operator, whether the feature-store sink
 * runs on its own (production) or behind the fault suite's tripwire (every job-side fault case).
 */
class TripwireITCase {
  private static final String RUN = "tripwire-it";
  private static final String HOLDER = "PH00000018";

  /** Long enough that nothing is written on its own during the test: only a flush or a restore. */
  private static final long NEVER_MS = 3_600_000L;

  private static EmbeddedRedis redis;
  private static RedisSettings settings;

  @BeforeAll
  static void startRedis() throws Exception {
    redis = EmbeddedRedis.start();
    settings = RedisSettings.parse(redis.url(), null, false);
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  @BeforeEach
  void emptyStoreAndWire() {
    try (UnifiedJedis j = RedisConnections.open(settings)) {
      j.flushAll();
    }
    Tripwire.arm(RUN, Long.MAX_VALUE);
  }

  private static FeatureStoreSink featureStore() {
    return new FeatureStoreSink(settings, 10_000, NEVER_MS);
  }

  private static FeatureVector renewalVector() {
    PolicyholderState s = new PolicyholderState();
    List<PolicyEvent> history = Scenarios.atRisk(HOLDER, 1200, LocalDate.of(2025, 9, 1));
    history.forEach(s::apply);
    return s.vector(HOLDER, history.get(history.size() - 1).occurredAt);
  }

  private static OneInputStreamOperatorTestHarness<FeatureVector, CommittableMessage<Void>> harness(
      Sink<FeatureVector> sink) throws Exception {
    return new OneInputStreamOperatorTestHarness<>(new SinkWriterOperatorFactory<>(sink));
  }

  /**
   * Feeds one vector, checkpoints while it is still pending, and "crashes" (the harness is closed
   * without flushing); then restores a new writer from that checkpoint and lets it finish.
   */
  private static void crashAfterCheckpointAndRestore(
      Sink<FeatureVector> first, Sink<FeatureVector> restored, FeatureVector v) throws Exception {
    OperatorSubtaskState checkpoint;
    try (var running = harness(first)) {
      running.open();
      running.processElement(v, v.asOf);
      running.prepareSnapshotPreBarrier(1);
      checkpoint = running.snapshot(1, 1);
    }
    assertThat(stored()).as("nothing reached Redis before the crash").isEmpty();
    try (var resumed = harness(restored)) {
      resumed.initializeState(checkpoint);
      resumed.open();
      resumed.endInput();
    }
  }

  private static Map<String, String> stored() {
    try (UnifiedJedis j = RedisConnections.open(settings)) {
      return j.hgetAll(RedisFeatureStore.key(HOLDER));
    }
  }

  @Test
  void theFeatureStoreSinkWritesWhatACheckpointHeldUnconfirmedAfterARestore() throws Exception {
    FeatureVector v = renewalVector();

    crashAfterCheckpointAndRestore(featureStore(), featureStore(), v);

    assertThat(stored()).containsEntry("_asof", Long.toString(v.asOf));
  }

  @Test
  void theTripwireKeepsTheWriterStateOfTheSinkItWraps() throws Exception {
    FeatureVector v = renewalVector();

    crashAfterCheckpointAndRestore(
        new Tripwire<>(RUN, featureStore()), new Tripwire<>(RUN, featureStore()), v);

    // Before the tripwire passed the state on, Flink saw a stateless sink: the pending vector
    // left no trace in the checkpoint and never reached Redis.
    assertThat(stored()).containsEntry("_asof", Long.toString(v.asOf));
    assertThat(Tripwire.wire(RUN).seen.get()).isEqualTo(1);
    assertThat(Tripwire.wire(RUN).writers.get()).isEqualTo(2);
  }

  @Test
  void aFreezingWireStopsTheWriterAfterItsFirstCheckpointPastTheTripUntilReleased()
      throws Exception {
    FeatureVector v = renewalVector();
    Tripwire.Wire wire = Tripwire.freezing(RUN, 2);
    try (var running = harness(new Tripwire<>(RUN, featureStore()))) {
      running.open();
      running.processElement(v, v.asOf);
      running.snapshot(1, 1);
      assertThat(wire.frozenAt.get())
          .as("checkpoint 1 came before the trip")
          .isEqualTo(Long.MAX_VALUE);
      running.processElement(v, v.asOf); // the trip
      running.processElement(v, v.asOf); // held lightly, not frozen: no checkpoint since the trip
      running.snapshot(2, 2);
      assertThat(wire.frozenAt.get()).isEqualTo(2);

      var blocked =
          java.util.concurrent.CompletableFuture.runAsync(
              () -> {
                try {
                  running.processElement(v, v.asOf);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      org.awaitility.Awaitility.await().until(() -> wire.waiting.get() == 1);
      assertThat(blocked).as("a frozen writer writes nothing until released").isNotDone();
      assertThat(wire.seen.get()).isEqualTo(4);

      wire.release();
      blocked.get(1, java.util.concurrent.TimeUnit.MINUTES);
      assertThat(wire.waiting.get()).isZero();
      running.endInput();
    }
    assertThat(stored()).containsEntry("_asof", Long.toString(v.asOf));
  }
}
