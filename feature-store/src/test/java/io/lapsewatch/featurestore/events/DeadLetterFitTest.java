package io.lapsewatch.featurestore.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DeadLetterFitTest {
  /** Near the broker's 1 MiB record limit: the size of the fault suite's huge records and more. */
  private static final int NEAR_ONE_MB = 1_048_000;

  private static final byte[] KEY = "PH00000042".getBytes(StandardCharsets.UTF_8);

  private static Map<String, String> reasonHeaders() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("lw.dlq.reason", "too_large");
    h.put("lw.dlq.detail", "record is 1048000 bytes, limit 65536");
    h.put("lw.dlq.source", "retention-alerts/1/42");
    return h;
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    new Random(12).nextBytes(b);
    return b;
  }

  private static String header(DeadLetterFit.Fitted f, String name) {
    return f.headers().stream()
        .filter(h -> h.name().equals(name))
        .map(DeadLetterFit.Header::text)
        .findFirst()
        .orElse(null);
  }

  private static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  @Test
  void shouldLeaveASmallDeadLetterUntouchedByteForByte() {
    byte[] value = "{\"alertId\":{}}".getBytes(StandardCharsets.UTF_8);

    DeadLetterFit.Fitted f = DeadLetterFit.defaults().fit(KEY, value, reasonHeaders());

    assertThat(f.truncated()).isFalse();
    assertThat(f.key()).isEqualTo(KEY);
    assertThat(f.value()).isEqualTo(value);
    assertThat(f.headers())
        .extracting(DeadLetterFit.Header::name)
        .containsExactly("lw.dlq.reason", "lw.dlq.detail", "lw.dlq.source");
    assertThat(header(f, "lw.dlq.detail")).isEqualTo("record is 1048000 bytes, limit 65536");
  }

  @Test
  void shouldCutANearlyOneMegabyteValueToExactlyTheLimitWithItsSizeAndHash() throws Exception {
    byte[] value = randomBytes(NEAR_ONE_MB);

    DeadLetterFit.Fitted f = DeadLetterFit.defaults().fit(KEY, value, reasonHeaders());

    assertThat(f.truncated()).isTrue();
    assertThat(f.sizeUpperBound()).isEqualTo(1_000_000);
    assertThat(f.key()).isEqualTo(KEY);
    assertThat(f.value()).isEqualTo(Arrays.copyOf(value, f.value().length));
    assertThat(header(f, "lw.dlq.truncated")).isEqualTo("true");
    assertThat(header(f, "lw.dlq.original-size")).isEqualTo("1048000");
    assertThat(header(f, "lw.dlq.original-sha256")).isEqualTo(sha256(value)).hasSize(64);
    assertThat(header(f, "lw.dlq.reason")).isEqualTo("too_large");
    // The bytes kept are everything the limit leaves after key and headers.
    int headerBytes =
        f.headers().stream().mapToInt(h -> 10 + h.name().length() + h.value().length).sum();
    assertThat(f.value().length).isEqualTo(1_000_000 - 61 - 36 - KEY.length - headerBytes);
  }

  @Test
  void shouldKeepAValueThatFitsExactlyAndCutOneByteMore() {
    DeadLetterFit fit = new DeadLetterFit(100_000);
    int room =
        100_000
            - DeadLetterFit.sizeUpperBound(
                KEY, new byte[0], fit.fit(KEY, null, reasonHeaders()).headers());

    DeadLetterFit.Fitted exact = fit.fit(KEY, randomBytes(room), reasonHeaders());
    DeadLetterFit.Fitted over = fit.fit(KEY, randomBytes(room + 1), reasonHeaders());

    assertThat(exact.truncated()).isFalse();
    assertThat(exact.sizeUpperBound()).isEqualTo(100_000);
    assertThat(exact.value()).hasSize(room);
    assertThat(over.truncated()).isTrue();
    assertThat(over.sizeUpperBound()).isEqualTo(100_000);
    assertThat(header(over, "lw.dlq.original-size")).isEqualTo(Integer.toString(room + 1));
  }

  @Test
  void shouldHashTheKnownSha256TestVector() {
    assertThat(DeadLetterFit.sha256("abc".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void shouldCutAHugeKeyWithItsOwnSizeAndHash() throws Exception {
    byte[] key = randomBytes(NEAR_ONE_MB);

    DeadLetterFit.Fitted f = DeadLetterFit.defaults().fit(key, new byte[] {'{'}, reasonHeaders());

    assertThat(f.truncated()).isTrue();
    assertThat(f.key()).isEqualTo(Arrays.copyOf(key, 1024));
    assertThat(f.value()).containsExactly('{');
    assertThat(header(f, "lw.dlq.original-key-size")).isEqualTo("1048000");
    assertThat(header(f, "lw.dlq.original-key-sha256")).isEqualTo(sha256(key));
    assertThat(header(f, "lw.dlq.original-size")).isNull();
    assertThat(f.sizeUpperBound()).isLessThanOrEqualTo(1_000_000);
  }

  @Test
  void shouldCutALongReasonOnACharacterBoundary() {
    Map<String, String> h = reasonHeaders();
    h.put("lw.dlq.reason", "保单".repeat(1000)); // 3 bytes each in UTF-8

    DeadLetterFit.Fitted f = DeadLetterFit.defaults().fit(KEY, new byte[1], h);

    byte[] reason =
        f.headers().stream()
            .filter(x -> x.name().equals("lw.dlq.reason"))
            .findFirst()
            .get()
            .value();
    assertThat(reason.length).isLessThanOrEqualTo(1024).isGreaterThan(1000);
    String text = new String(reason, StandardCharsets.UTF_8);
    assertThat(text).endsWith("...").doesNotContain("\ufffd");
    assertThat(text.getBytes(StandardCharsets.UTF_8)).isEqualTo(reason);
  }

  @Test
  void shouldLeaveATombstoneValueNull() {
    DeadLetterFit.Fitted f = DeadLetterFit.defaults().fit(KEY, null, reasonHeaders());

    assertThat(f.value()).isNull();
    assertThat(f.truncated()).isFalse();
  }

  @Test
  void shouldFollowTheProducersMaxRequestSize() {
    assertThat(DeadLetterFit.limitFor(Map.of())).isEqualTo(1_000_000);
    assertThat(DeadLetterFit.limitFor(Map.of("max.request.size", "1048576"))).isEqualTo(1_000_000);
    assertThat(DeadLetterFit.limitFor(Map.of("max.request.size", 2_097_152)))
        .isEqualTo(2_097_152 - 48_576);
    assertThat(DeadLetterFit.limitFor(Map.of("max.request.size", "524288")))
        .isEqualTo(524_288 - 48_576);
  }

  @Test
  void shouldRefuseAMaxRequestSizeThatLeavesNoRoomNamingIt() {
    assertThatThrownBy(() -> DeadLetterFit.limitFor(Map.of("max.request.size", "1mb")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("max.request.size")
        .hasMessageContaining("1mb");
    assertThatThrownBy(() -> DeadLetterFit.limitFor(Map.of("max.request.size", "65536")))
        .hasMessageContaining("65536");
    assertThatThrownBy(() -> new DeadLetterFit(1000)).hasMessageContaining("1000");
  }

  @Test
  void shouldRefuseMoreHeadersThanItCanBound() {
    Map<String, String> many = new LinkedHashMap<>();
    for (int i = 0; i < 17; i++) {
      many.put("h" + i, "v");
    }
    assertThatThrownBy(() -> DeadLetterFit.defaults().fit(KEY, new byte[1], many))
        .hasMessageContaining("17");
  }
}
