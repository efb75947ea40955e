package io.lapsewatch.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the builder refuses, and what a stack without a part says when asked for it. */
class LocalStackTest {

  @Test
  void shouldRefuseAPortOutOfRangeNamingIt() {
    assertThatThrownBy(() -> LocalStack.builder().withKafka(70000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("70000");
    assertThatThrownBy(() -> LocalStack.builder().withRedis(-1, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
  }

  @Test
  void shouldRefuseTopicsWithoutKafka() {
    assertThatThrownBy(() -> LocalStack.builder().withTopics(2, "policy-events").start())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("policy-events")
        .hasMessageContaining("withKafka()");
  }

  @Test
  void shouldNameTheBuilderCallForAMissingPart() throws Exception {
    try (LocalStack empty = LocalStack.builder().start()) {
      assertThatThrownBy(empty::bootstrapServers).hasMessageContaining("withKafka()");
      assertThatThrownBy(empty::redisUrl).hasMessageContaining("withRedis()");
      assertThatThrownBy(empty::receiver).hasMessageContaining("withWebhookReceiver()");
      assertThatThrownBy(empty::smtpPort).hasMessageContaining("withSmtp()");
    }
  }

  @Test
  void shouldCloseTwiceWithoutFailing() throws Exception {
    LocalStack empty = LocalStack.builder().start();
    empty.close();
    empty.close();
    assertThat(empty).isNotNull();
  }

  @Test
  void shouldCloseItsUsersFirstInReverseOrder() throws Exception {
    List<String> closed = new java.util.ArrayList<>();
    LocalStack stack = LocalStack.builder().start();
    stack.closeFirst(() -> closed.add("alerts service"));
    stack.closeFirst(() -> closed.add("metrics server"));
    stack.close();
    assertThat(closed).containsExactly("metrics server", "alerts service");
    assertThatThrownBy(() -> stack.closeFirst(() -> {}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already closed");
  }
}
