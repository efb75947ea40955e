package io.lapsewatch.alerts.actions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.TestingAlerts;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ActionRecordsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant CREATED = Instant.parse("2026-06-01T08:00:00Z");

  private static JsonNode record(Alert a) throws Exception {
    return JSON.readTree(ActionRecords.toJson(a, CREATED));
  }

  @Test
  void shouldCarryTheOfferChannelAndJourneyStepWhenTheAlertSetsThem() throws Exception {
    Alert step = TestingAlerts.standardOffer("PH-1");
    step.offerChannel = "EMAIL";
    step.journey = "standard-renewal";
    step.journeyVersion = 2;
    step.journeyStep = "offer-by-email";

    JsonNode n = record(step);

    assertThat(n.get("version").asInt()).isEqualTo(1);
    assertThat(n.get("type").asText()).isEqualTo(ActionRecords.RENEWAL_OFFER);
    assertThat(n.get("offerChannel").asText()).isEqualTo("EMAIL");
    assertThat(n.get("journey").asText()).isEqualTo("standard-renewal");
    assertThat(n.get("journeyVersion").asInt()).isEqualTo(2);
    assertThat(n.get("journeyStep").asText()).isEqualTo("offer-by-email");
  }

  @Test
  void shouldLeaveTheOptionalFieldsOutOfAnAlertOutsideJourneys() throws Exception {
    JsonNode n = record(TestingAlerts.highValueCallback("PH-2"));

    assertThat(n.get("type").asText()).isEqualTo(ActionRecords.CALLBACK_TASK);
    assertThat(n.get("priority").asText()).isEqualTo("HIGH");
    assertThat(n.has("offerChannel")).isFalse();
    assertThat(n.has("journey")).isFalse();
    assertThat(n.has("journeyVersion")).isFalse();
    assertThat(n.has("journeyStep")).isFalse();
  }
}
