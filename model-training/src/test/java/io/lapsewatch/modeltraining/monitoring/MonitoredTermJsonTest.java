package io.lapsewatch.modeltraining.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class MonitoredTermJsonTest {
  static final int RENEWAL = (int) LocalDate.of(2026, 5, 1).toEpochDay();
  static final long AS_OF = Instant.parse("2026-04-01T00:00:00Z").toEpochMilli();

  static MonitoredTerm open() {
    return MonitoredTerm.scored(
        "ph-17", "pol-17", RENEWAL, AS_OF, "v3", 0.25, new double[] {1.5, 0, 7});
  }

  @Test
  void openAndEndedTermsRoundTrip() throws IOException {
    MonitoredTerm open = open();
    assertThat(MonitoredTermJson.parse(MonitoredTermJson.write(open))).isEqualTo(open);
    assertThat(MonitoredTermJson.write(open)).doesNotContain("outcome").doesNotContain("endDay");

    MonitoredTerm ended = open.ended(MonitoredTerm.LAPSED, RENEWAL);
    MonitoredTerm back = MonitoredTermJson.parse(MonitoredTermJson.toBytes(ended));
    assertThat(back).isEqualTo(ended);
    assertThat(back.lapsed()).isTrue();
    assertThat(MonitoredTermJson.write(ended)).contains("\"endDay\":\"2026-05-01\"");
  }

  @Test
  void aTermWithoutItsPolicyholderRoundTripsAndAnonymousDropsBothIds() throws IOException {
    MonitoredTerm noOne = open().ended(MonitoredTerm.RENEWED, RENEWAL);
    noOne.policyholderId = null;
    assertThat(MonitoredTermJson.write(noOne)).doesNotContain("policyholderId");
    assertThat(MonitoredTermJson.parse(MonitoredTermJson.write(noOne))).isEqualTo(noOne);

    MonitoredTerm anonymous = open().anonymous();
    assertThat(anonymous.policyholderId).isNull();
    assertThat(anonymous.policyId).isNull();
    assertThat(anonymous.score).isEqualTo(open().score);
    assertThat(anonymous.features).containsExactly(open().features);
  }

  @Test
  void contactedIsWrittenOnlyWhenTrueAndAbsentReadsAsNotContacted() throws IOException {
    MonitoredTerm contacted = open();
    contacted.contacted = true;
    MonitoredTerm ended = contacted.ended(MonitoredTerm.RENEWED, RENEWAL);
    assertThat(ended.contacted).isTrue();
    assertThat(MonitoredTermJson.write(ended)).contains("\"contacted\":true");
    assertThat(MonitoredTermJson.parse(MonitoredTermJson.write(ended))).isEqualTo(ended);

    MonitoredTerm alone = open().ended(MonitoredTerm.RENEWED, RENEWAL);
    assertThat(MonitoredTermJson.write(alone)).doesNotContain("contacted");
    assertThat(alone).isNotEqualTo(ended);
    // A record written before the field existed.
    String old =
        "{\"policyholderId\":\"ph-17\",\"policyId\":\"pol-17\",\"renewalDate\":\"2026-05-01\","
            + "\"asOf\":\"2026-04-01T00:00:00Z\",\"modelVersion\":\"v3\",\"score\":0.25,"
            + "\"features\":[1.5,0.0,7.0],\"outcome\":\"RENEWED\",\"endDay\":\"2026-05-01\"}";
    assertThat(MonitoredTermJson.parse(old)).isEqualTo(alone);
    assertThat(MonitoredTermJson.parse(old.replace("}", ",\"contacted\":false}")).contacted)
        .isFalse();
    assertThatThrownBy(() -> MonitoredTermJson.parse(old.replace("}", ",\"contacted\":\"yes\"}")))
        .hasMessageContaining("contacted");
  }

  @Test
  void badRecordsNameTheField() {
    String good = MonitoredTermJson.write(open());
    assertThatThrownBy(() -> MonitoredTermJson.parse(good.replace("0.25", "1.5")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("score");
    assertThatThrownBy(() -> MonitoredTermJson.parse(good.replace("[1.5,0.0,7.0]", "[1.5,\"x\"]")))
        .hasMessageContaining("features[1]");
    assertThatThrownBy(
            () -> MonitoredTermJson.parse(good.replace(",\"features\":[1.5,0.0,7.0]", "")))
        .hasMessageContaining("features");
    assertThatThrownBy(
            () ->
                MonitoredTermJson.parse(
                    good.replace("}", ",\"outcome\":\"CANCELLED\",\"endDay\":\"2026-05-01\"}")))
        .hasMessageContaining("outcome")
        .hasMessageContaining("CANCELLED");
    assertThatThrownBy(() -> MonitoredTermJson.parse(good.replace("}", ",\"outcome\":\"LAPSED\"}")))
        .hasMessageContaining("endDay");
    assertThatThrownBy(
            () -> MonitoredTermJson.parse(good.replace("}", ",\"endDay\":\"2026-05-01\"}")))
        .hasMessageContaining("endDay");
    assertThatThrownBy(() -> MonitoredTermJson.parse("{not json")).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> MonitoredTermJson.parse(good.replace("{", "{\"score\":0.1,")))
        .hasMessageContaining("score");
  }
}
