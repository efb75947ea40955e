package io.lapsewatch.featurestore.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.embedded.EmbeddedRedis;
import io.lapsewatch.featurestore.events.Events;
import io.lapsewatch.featurestore.features.Feature;
import io.lapsewatch.featurestore.features.FeatureSchema;
import io.lapsewatch.featurestore.features.FeatureVector;
import io.lapsewatch.featurestore.features.PolicyholderState;
import io.lapsewatch.featurestore.scenarios.Scenarios;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/** The feature store against a real redis-server. */
class RedisFeatureStoreITCase {
  private static final LocalDate RENEWAL = LocalDate.of(2025, 9, 30);

  private static EmbeddedRedis redis;
  private static RedisClient raw;
  private RedisFeatureStore store;

  @BeforeAll
  static void startRedis() throws Exception {
    redis = EmbeddedRedis.start();
    raw = RedisClient.create("127.0.0.1", redis.port());
  }

  @AfterAll
  static void stopRedis() {
    if (raw != null) {
      raw.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  @BeforeEach
  void openStore() {
    raw.flushAll();
    store = RedisFeatureStore.open(RedisSettings.local(redis.port()));
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  private static long noon(LocalDate day) {
    return day.atTime(12, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  /** The at-risk scenario's features some days before renewal: a policy in force. */
  private static FeatureVector atRisk(String holder, int daysBeforeRenewal) {
    PolicyholderState s = new PolicyholderState();
    Scenarios.atRisk(holder, 1830.5, RENEWAL).forEach(s::apply);
    return s.vector(holder, noon(RENEWAL.minusDays(daysBeforeRenewal)));
  }

  /** A policyholder whose only policy lapsed: nothing left in force. */
  private static FeatureVector allEnded(String holder) {
    PolicyholderState s = new PolicyholderState();
    Instant issuedAt = Instant.parse("2025-01-10T09:00:00Z");
    s.apply(
        Events.issued(
            holder + "-e0",
            holder,
            issuedAt,
            holder + "-P1",
            "HOME",
            "DIRECT",
            null,
            700,
            LocalDate.of(2024, 3, 1),
            LocalDate.of(2025, 3, 1)));
    s.apply(
        Events.lapsed(
            holder + "-e1", holder, Instant.parse("2025-03-31T09:00:00Z"), holder + "-P1"));
    return s.vector(holder, noon(LocalDate.of(2025, 4, 1)));
  }

  @Test
  void writtenVectorReadsBackWithEveryField() {
    FeatureVector v = atRisk("PH-A", 30);

    assertThat(store.writeAll(List.of(v))).isEqualTo(1);
    StoredFeatures stored = store.read("PH-A").orElseThrow();

    assertThat(stored.policyholderId()).isEqualTo("PH-A");
    assertThat(stored.schemaVersion()).isEqualTo(FeatureSchema.VERSION);
    assertThat(stored.asOf()).isEqualTo(v.asOf);
    assertThat(stored.policyId()).isEqualTo(v.policyId).isEqualTo("PH-A-P1");
    assertThat(stored.renewalDate()).isEqualTo((int) RENEWAL.toEpochDay());
    assertThat(stored.values()).hasSize(FeatureSchema.size());
    for (Feature f : Feature.values()) {
      assertThat(stored.values().get(f.key())).as(f.key()).isEqualTo(v.get(f));
    }
    assertThat(v.get(Feature.RENEWAL_PRICE_CHANGE)).as("a fractional value").isNotZero();
  }

  @Test
  void longAndNonAsciiPolicyIdsArriveWhole() {
    // The fields travel packed: ids past 31 and 255 bytes take the longer string headers.
    for (String policy : List.of("保单-" + "9".repeat(40), "P-" + "x".repeat(300))) {
      FeatureVector v = atRisk("PH-L", 30);
      v.policyId = policy;
      raw.del(RedisFeatureStore.key("PH-L"));

      assertThat(store.writeAll(List.of(v))).isEqualTo(1);

      StoredFeatures stored = store.read("PH-L").orElseThrow();
      assertThat(stored.policyId()).isEqualTo(policy);
      assertThat(stored.values().get(Feature.DAYS_TO_RENEWAL.key())).isEqualTo(30);
    }
  }

  @Test
  void unknownPolicyholderReadsAsEmpty() {
    assertThat(store.read("PH-NOBODY")).isEmpty();
  }

  @Test
  void olderAsOfNeverOverwritesANewerOne() {
    FeatureVector newer = atRisk("PH-B", 30);
    FeatureVector older = atRisk("PH-B", 60);

    assertThat(store.writeAll(List.of(newer))).isEqualTo(1);
    assertThat(store.writeAll(List.of(older))).isZero();

    StoredFeatures stored = store.read("PH-B").orElseThrow();
    assertThat(stored.asOf()).isEqualTo(newer.asOf);
    assertThat(stored.values().get(Feature.DAYS_TO_RENEWAL.key())).isEqualTo(30);
  }

  @Test
  void batchCountsOnlyTheVectorsThatWereWritten() {
    store.writeAll(List.of(atRisk("PH-C", 30)));

    int written = store.writeAll(List.of(atRisk("PH-C", 60), atRisk("PH-D", 60)));

    assertThat(written).as("PH-C is stale, PH-D is new").isEqualTo(1);
    assertThat(store.read("PH-D")).isPresent();
  }

  @Test
  void equalAsOfOverwrites() {
    FeatureVector first = atRisk("PH-E", 30);
    FeatureVector corrected = atRisk("PH-E", 30);
    corrected.values[Feature.OPEN_COMPLAINTS.ordinal()] = 0;

    store.writeAll(List.of(first));
    assertThat(store.writeAll(List.of(corrected))).isEqualTo(1);

    assertThat(store.read("PH-E").orElseThrow().values().get(Feature.OPEN_COMPLAINTS.key()))
        .isZero();
  }

  @Test
  void hashExpiresOnlyOnceEveryPolicyHasEnded() {
    store.writeAll(List.of(atRisk("PH-F", 30), allEnded("PH-G")));

    assertThat(raw.ttl(RedisFeatureStore.key("PH-F"))).as("policy in force").isEqualTo(-1);
    assertThat(raw.ttl(RedisFeatureStore.key("PH-G")))
        .as("all policies ended")
        .isPositive()
        .isLessThanOrEqualTo(RedisFeatureStore.ENDED_TTL_SECONDS);
  }

  @Test
  void policyBackInForceRemovesTheExpiry() {
    FeatureVector ended = allEnded("PH-H");
    store.writeAll(List.of(ended));
    FeatureVector reissued = atRisk("PH-H", 30);
    reissued.asOf = ended.asOf + 1;

    store.writeAll(List.of(reissued));

    assertThat(raw.ttl(RedisFeatureStore.key("PH-H"))).isEqualTo(-1);
  }

  @Test
  void eraseDeletesThePolicyholdersHash() {
    store.writeAll(List.of(atRisk("PH-I", 30)));

    assertThat(store.erase("PH-I")).isTrue();

    assertThat(store.read("PH-I")).isEmpty();
    assertThat(raw.exists(RedisFeatureStore.key("PH-I"))).isFalse();
    assertThat(store.erase("PH-I")).as("nothing left to erase").isFalse();
  }

  @Test
  void keyIsVersionedAndHashTaggedByPolicyholder() {
    FeatureVector v = atRisk("PH-J", 30);
    store.writeAll(List.of(v));

    assertThat(RedisFeatureStore.key("PH-J")).isEqualTo("lw:f:v1:{PH-J}");
    assertThat(raw.exists("lw:f:v1:{PH-J}")).isTrue();
    assertThat(raw.hget("lw:f:v1:{PH-J}", "_asof")).isEqualTo(Long.toString(v.asOf));
    assertThat(raw.hget("lw:f:v1:{PH-J}", "_v")).isEqualTo("v1");
    assertThat(raw.hget("lw:f:v1:{PH-J}", Feature.OPEN_COMPLAINTS.field())).isEqualTo("3");
  }

  @Test
  void writesStillWorkAfterTheScriptCacheIsFlushed() {
    store.writeAll(List.of(atRisk("PH-K", 60)));
    raw.scriptFlush();

    assertThat(store.writeAll(List.of(atRisk("PH-K", 30)))).isEqualTo(1);
    raw.scriptFlush();
    assertThat(store.writeAll(List.of(atRisk("PH-K", 45)))).as("still newer-wins").isZero();

    assertThat(store.read("PH-K").orElseThrow().asOf()).isEqualTo(atRisk("PH-K", 30).asOf);
  }

  @Test
  void emptyBatchWritesNothing() {
    assertThat(store.writeAll(List.of())).isZero();
  }
}
