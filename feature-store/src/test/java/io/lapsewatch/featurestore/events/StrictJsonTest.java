package io.lapsewatch.featurestore.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrictJsonTest {
  private static InvalidRecordException rejection(String json) {
    return catchThrowableOfType(
        InvalidRecordException.class,
        () -> StrictJson.readObject(json.getBytes(StandardCharsets.UTF_8), 1024, "record"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"type\":\"A\",\"type\":\"B\"}",
        "{\"payload\":{\"amount\":1,\"amount\":2}}",
        "{\"reasons\":[{\"feature\":\"x\"},{\"feature\":\"y\",\"feature\":\"z\"}]}",
        "{\"a\":{\"b\":{\"c\":{\"d\":1,\"d\":1}}}}"
      })
  void shouldRefuseAKeyTwiceInAnyObjectAtAnyDepth(String json) {
    InvalidRecordException e = rejection(json);

    assertThat(e).isNotNull();
    assertThat(e.reasonCode()).isEqualTo("duplicate_key");
    assertThat(e.getMessage()).containsPattern("key \"[a-z]+\" appears more than once");
  }

  @Test
  void shouldShowADuplicateKeyEscaped() {
    InvalidRecordException e = rejection("{\"k\\u001b[31m\":1,\"k\\u001b[31m\":2}");

    assertThat(e.reasonCode()).isEqualTo("duplicate_key");
    assertThat(e.getMessage()).contains("\"k\\u001b[31m\"").doesNotContain("\u001b");
  }

  @Test
  void shouldAcceptTheSameKeyInDifferentObjects() throws Exception {
    byte[] json = "{\"id\":\"a\",\"payload\":{\"id\":\"b\"}}".getBytes(StandardCharsets.UTF_8);

    assertThat(StrictJson.readObject(json, 1024, "record").get("id").textValue()).isEqualTo("a");
  }

  @Test
  void shouldRefuseRecordsAboveTheLimitBeforeParsing() {
    InvalidRecordException e = rejection("{\"note\":\"" + "x".repeat(2000) + "\"}");

    assertThat(e.reasonCode()).isEqualTo("too_large");
    assertThat(e.getMessage()).contains("limit 1024");
  }

  @ParameterizedTest
  @ValueSource(strings = {"[1]", "\"PH1\"", "{\"a\":1}{\"a\":2}", "{\"score\":NaN}", "{"})
  void shouldRefuseAnythingButOneStandardJsonObject(String json) {
    assertThat(rejection(json).reasonCode()).isEqualTo("malformed_json");
  }

  @Test
  void shouldEscapeTheTokenJacksonQuotesInAMalformedMessage() {
    InvalidRecordException e = rejection("{\"a\":tru\u001b[31me}");

    assertThat(e.reasonCode()).isEqualTo("malformed_json");
    assertThat(e.getMessage()).doesNotContain("\u001b");
  }
}
