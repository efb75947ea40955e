package io.lapsewatch.flinkjobs.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class QuietHoursTest {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  private static long at(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  @Test
  void aPeriodAcrossMidnightHoldsFromItsStartToItsEnd() {
    QuietHours q = QuietHours.parse("21:00-08:00", SHANGHAI);

    assertThat(q.holds(at("2025-03-01T12:59:59Z"))).as("20:59:59 local").isFalse();
    assertThat(q.holds(at("2025-03-01T13:00:00Z"))).as("21:00 local").isTrue();
    assertThat(q.holds(at("2025-03-01T23:59:59Z"))).as("07:59:59 local").isTrue();
    assertThat(q.holds(at("2025-03-02T00:00:00Z"))).as("08:00 local").isFalse();
    assertThat(q.endAfter(at("2025-03-01T14:00:00Z"))).isEqualTo(at("2025-03-02T00:00:00Z"));
    assertThat(q.endAfter(at("2025-03-01T20:00:00Z"))).isEqualTo(at("2025-03-02T00:00:00Z"));
    assertThat(q.endAfter(at("2025-03-01T06:00:00Z"))).isEqualTo(at("2025-03-01T06:00:00Z"));
  }

  @Test
  void aPeriodWithinOneDayHoldsToItsEndThatDay() {
    QuietHours q = QuietHours.parse("12:00-14:00", ZoneId.of("UTC"));

    assertThat(q.endAfter(at("2025-03-01T13:00:00Z"))).isEqualTo(at("2025-03-01T14:00:00Z"));
    assertThat(q.holds(at("2025-03-01T11:00:00Z"))).isFalse();
  }

  @Test
  void emptyMeansNone() {
    QuietHours q = QuietHours.parse(" ", SHANGHAI);

    assertThat(q.isNone()).isTrue();
    assertThat(q.holds(at("2025-03-01T14:00:00Z"))).isFalse();
  }

  @Test
  void badPeriodsAreRefused() {
    assertThatThrownBy(() -> QuietHours.parse("21:00", SHANGHAI))
        .hasMessageContaining("HH:mm-HH:mm");
    assertThatThrownBy(() -> QuietHours.parse("25:00-08:00", SHANGHAI))
        .hasMessageContaining("HH:mm-HH:mm");
    assertThatThrownBy(() -> QuietHours.parse("08:00-08:00", SHANGHAI))
        .hasMessageContaining("different times");
  }
}
