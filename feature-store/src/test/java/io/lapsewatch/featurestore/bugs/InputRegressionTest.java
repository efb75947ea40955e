package io.lapsewatch.featurestore.bugs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lapsewatch.featurestore.events.EventCodec;
import io.lapsewatch.featurestore.events.Events;
import io.lapsewatch.featurestore.events.InvalidEventException;
import io.lapsewatch.featurestore.features.Feature;
import io.lapsewatch.featurestore.features.PolicyholderState;
import io.lapsewatch.featurestore.store.RedisSettings;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Regression tests for input-handling bugs found in review. */
class InputRegressionTest {
  private static final Instant AT = Instant.parse("2025-03-01T09:00:00Z");

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void twoEventsInOneRecordAreRejectedNotHalfRead() {
    String first = EventCodec.toJson(Events.lapsed("e1", "PH1", AT, "P1"));
    String second = EventCodec.toJson(Events.lapsed("e2", "PH2", AT, "P2"));

    assertThatThrownBy(() -> EventCodec.parse(utf8(first + second)))
        .isInstanceOf(InvalidEventException.class);
  }

  @Test
  void trailingGarbageAfterTheObjectIsMalformed() {
    String json = EventCodec.toJson(Events.lapsed("e1", "PH1", AT, "P1"));

    assertThatThrownBy(() -> EventCodec.parse(utf8(json + "}")))
        .isInstanceOf(InvalidEventException.class);
  }

  @Test
  void integerBeyondLongRangeIsNotWrappedIntoRange() {
    // 2^64 + 10 must not be read as 10 days.
    String json =
        "{\"eventId\":\"e\",\"policyholderId\":\"PH1\",\"type\":\"CLAIM_SETTLED\","
            + "\"occurredAt\":\"2025-03-01T00:00:00Z\",\"policyId\":\"P1\",\"payload\":"
            + "{\"claimId\":\"L1\",\"approved\":true,\"daysToSettle\":18446744073709551626}}";

    assertThatThrownBy(() -> EventCodec.parse(utf8(json)))
        .isInstanceOf(InvalidEventException.class);
  }

  @Test
  void redisUrlWithADatabasePathIsRefusedNamingIt() {
    assertThatThrownBy(() -> RedisSettings.parse("redis://cache:6379/0", null, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cache:6379/0");
  }

  @Test
  void redisPortAbove65535IsRefusedNamingIt() {
    assertThatThrownBy(() -> RedisSettings.parse("redis://cache:99999", null, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cache:99999");
  }

  @Test
  void emptyStateHasNotJustHadASession() {
    long asOf = Instant.parse("2025-04-01T12:00:00Z").toEpochMilli();

    assertThat(new PolicyholderState().vector("PH1", asOf).get(Feature.DAYS_SINCE_SESSION))
        .isEqualTo(365);
  }
}
