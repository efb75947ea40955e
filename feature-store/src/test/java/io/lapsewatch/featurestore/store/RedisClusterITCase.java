package io.lapsewatch.featurestore.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.embedded.EmbeddedRedis;
import io.lapsewatch.embedded.EmbeddedRedisCluster;
import io.lapsewatch.featurestore.features.Feature;
import io.lapsewatch.featurestore.features.FeatureVector;
import io.lapsewatch.featurestore.features.PolicyholderState;
import io.lapsewatch.featurestore.simulator.SimulationConfig;
import io.lapsewatch.featurestore.simulator.Simulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/** The feature store against a real three-master Redis Cluster started from redis-server. */
class RedisClusterITCase {
  private static final int POLICYHOLDERS = 2_000;
  private static final int BATCH = 500;

  private static EmbeddedRedisCluster cluster;
  private static List<FeatureVector> vectors;

  @BeforeAll
  static void startClusterAndSimulate() throws Exception {
    cluster = EmbeddedRedisCluster.start();
    vectors = simulatedVectors(POLICYHOLDERS, 120);
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @BeforeEach
  void emptyEveryMaster() {
    for (EmbeddedRedis m : cluster.masters()) {
      try (RedisClient j = RedisClient.create("127.0.0.1", m.port())) {
        j.flushAll();
      }
    }
  }

  /** The latest vector of every simulated policyholder after {@code days} days of history. */
  private static List<FeatureVector> simulatedVectors(int holders, int days) {
    Map<String, PolicyholderState> states = new TreeMap<>();
    new Simulator(SimulationConfig.of(holders, days, 11))
        .run(e -> states.computeIfAbsent(e.policyholderId, k -> new PolicyholderState()).apply(e));
    List<FeatureVector> out = new ArrayList<>();
    states.forEach((id, s) -> out.add(s.vector(id, s.lastEventAt())));
    return out;
  }

  private static RedisFeatureStore openStore() {
    return RedisFeatureStore.open(RedisSettings.parse(cluster.url(), null, false));
  }

  private static long dbSize(EmbeddedRedis node) {
    try (RedisClient j = RedisClient.create("127.0.0.1", node.port())) {
      return j.dbSize();
    }
  }

  @Test
  void seedListOfThreeNodesIsReadAsACluster() {
    RedisSettings settings = RedisSettings.parse(cluster.url(), null, false);

    assertThat(settings.cluster()).isTrue();
    assertThat(settings.nodes()).hasSize(3);
  }

  @Test
  void everyVectorWrittenInPipelinedBatchesReadsBackFromTheCluster() {
    assertThat(vectors).hasSize(POLICYHOLDERS);
    int written = 0;
    try (RedisFeatureStore store = openStore()) {
      for (int from = 0; from < vectors.size(); from += BATCH) {
        written += store.writeAll(vectors.subList(from, Math.min(vectors.size(), from + BATCH)));
      }
      assertThat(written).isEqualTo(POLICYHOLDERS);

      for (FeatureVector v : vectors) {
        StoredFeatures stored = store.read(v.policyholderId).orElseThrow();
        assertThat(stored.asOf()).as(v.policyholderId).isEqualTo(v.asOf);
        assertThat(stored.policyId()).as(v.policyholderId).isEqualTo(v.policyId);
        for (Feature f : Feature.values()) {
          assertThat(stored.values().get(f.key()))
              .as(v.policyholderId + " " + f.key())
              .isEqualTo(v.get(f));
        }
      }
    }
  }

  @Test
  void keysAreSpreadOverEveryMaster() {
    try (RedisFeatureStore store = openStore()) {
      store.writeAll(vectors);
    }

    long total = 0;
    for (EmbeddedRedis m : cluster.masters()) {
      long keys = dbSize(m);
      assertThat(keys).as("keys on the master at port " + m.port()).isPositive();
      total += keys;
    }
    assertThat(total).isEqualTo(POLICYHOLDERS);
  }

  @Test
  void olderAsOfNeverOverwritesANewerOneOnTheCluster() {
    List<FeatureVector> newer = vectors.subList(0, 300);
    List<FeatureVector> older = new ArrayList<>();
    for (FeatureVector v : newer) {
      FeatureVector stale = copy(v);
      stale.asOf = v.asOf - 86_400_000L;
      stale.values[Feature.OPEN_COMPLAINTS.ordinal()] = 99;
      older.add(stale);
    }
    try (RedisFeatureStore store = openStore()) {
      assertThat(store.writeAll(newer)).isEqualTo(newer.size());

      assertThat(store.writeAll(older)).as("every replayed vector is older").isZero();

      for (FeatureVector v : newer) {
        StoredFeatures stored = store.read(v.policyholderId).orElseThrow();
        assertThat(stored.asOf()).isEqualTo(v.asOf);
        assertThat(stored.values().get(Feature.OPEN_COMPLAINTS.key()))
            .isEqualTo(v.get(Feature.OPEN_COMPLAINTS));
      }
    }
  }

  @Test
  void writesSurviveAScriptCacheFlushOnEveryMaster() {
    List<FeatureVector> batch = vectors.subList(0, 200);
    try (RedisFeatureStore store = openStore()) {
      store.writeAll(batch);
      for (EmbeddedRedis m : cluster.masters()) {
        try (RedisClient j = RedisClient.create("127.0.0.1", m.port())) {
          j.scriptFlush();
        }
      }
      List<FeatureVector> later = new ArrayList<>();
      for (FeatureVector v : batch) {
        FeatureVector next = copy(v);
        next.asOf = v.asOf + 1;
        later.add(next);
      }

      assertThat(store.writeAll(later)).isEqualTo(batch.size());
      assertThat(store.read(batch.get(0).policyholderId).orElseThrow().asOf())
          .isEqualTo(batch.get(0).asOf + 1);
    }
  }

  @Test
  void eraseRemovesThePolicyholderFromTheCluster() {
    List<FeatureVector> batch = vectors.subList(0, 50);
    try (RedisFeatureStore store = openStore()) {
      store.writeAll(batch);
      String gone = batch.get(7).policyholderId;

      assertThat(store.erase(gone)).isTrue();

      assertThat(store.read(gone)).isEmpty();
      assertThat(store.erase(gone)).as("nothing left to erase").isFalse();
      assertThat(store.read(batch.get(8).policyholderId)).as("neighbours untouched").isPresent();
      long total = cluster.masters().stream().mapToLong(RedisClusterITCase::dbSize).sum();
      assertThat(total).isEqualTo(batch.size() - 1);
    }
  }

  @Test
  void erasureMarkerInABatchDeletesOnTheCluster() {
    List<FeatureVector> batch = vectors.subList(0, 20);
    try (RedisFeatureStore store = openStore()) {
      store.writeAll(batch);
      String gone = batch.get(3).policyholderId;

      store.writeAll(List.of(FeatureVector.erasure(gone, batch.get(3).asOf + 1)));

      assertThat(store.read(gone)).isEmpty();
    }
  }

  private static FeatureVector copy(FeatureVector v) {
    FeatureVector c = new FeatureVector();
    c.policyholderId = v.policyholderId;
    c.schemaVersion = v.schemaVersion;
    c.asOf = v.asOf;
    c.policyId = v.policyId;
    c.renewalDate = v.renewalDate;
    c.agentId = v.agentId;
    c.allEndedDay = v.allEndedDay;
    c.values = v.values.clone();
    return c;
  }
}
