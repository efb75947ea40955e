package io.lapsewatch.alerts.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8Test {

  @Test
  void shouldCountBytesNotChars() {
    assertThat(Utf8.length("abc")).isEqualTo(3);
    assertThat(Utf8.length("保单")).isEqualTo(6);
    assertThat(Utf8.length("\uD83D\uDE00")).isEqualTo(4);
  }

  @Test
  void shouldNeverSplitACharacterWhenTruncating() {
    // 10 three-byte characters = 30 bytes; 10 bytes leave room for 2 of them and the 3-byte "…".
    String cut = Utf8.truncate("续保预警续保预警续保", 10, "…");

    assertThat(cut).isEqualTo("续保…");
    assertThat(cut.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(10);
    assertThat(Utf8.truncate("a\uD83D\uDE00b", 4, "")).isEqualTo("a");
    assertThat(Utf8.truncate("short", 10, "…")).isEqualTo("short");
  }

  @Test
  void shouldCutTheMiddleFirstWhenFitting() {
    String fitted = Utf8.fit("HEAD|", "0123456789", "|TAIL", 15, "~");

    assertThat(fitted).isEqualTo("HEAD|0123~|TAIL");
    assertThat(Utf8.fit("HEAD|", "0123456789", "|TAIL", 6, "~")).isEqualTo("HEAD|~");
  }
}
