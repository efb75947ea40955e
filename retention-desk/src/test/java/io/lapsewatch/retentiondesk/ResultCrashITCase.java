package io.lapsewatch.retentiondesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.TestingAlerts;
import io.lapsewatch.embedded.LocalStack;
import io.lapsewatch.featurestore.events.PolicyEvent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * kill -9 between a result and its acknowledgement loses and doubles nothing: a child JVM records a
 * result and is killed inside the transaction or right after its commit; a fresh instance (same
 * instance id, as a restarted pod) retries the same request, and exactly one case event and one
 * policy event exist for it.
 */
class ResultCrashITCase {
  static final String INSTANCE = "crash-desk";
  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  private static final String TAG = "crash";
  private static final String PREFIX = "lw:desk:crash:";

  private static LocalStack stack;

  @BeforeAll
  static void start() throws Exception {
    stack =
        LocalStack.builder()
            .withKafka()
            .withRedis()
            .withTopics(2, "alerts-" + TAG, "case-events-" + TAG, "policy-events-" + TAG)
            .start();
    Alert a = TestingAlerts.highValueCallback("PH-K1");
    a.alertId = "al-crash-before-commit";
    Alert b = TestingAlerts.highValueCallback("PH-K2");
    b.alertId = "al-crash-after-commit";
    try (RetentionDesk opener = desk("crash-opener")) {
      TestingTopics.publish(stack.bootstrapServers(), "alerts-" + TAG, a, b);
      await().atMost(TIMEOUT).untilAsserted(() -> assertThat(opener.cases().allCases()).hasSize(2));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    stack.close();
  }

  private static RetentionDesk desk(String instance) {
    return RetentionDesk.start(
        RetentionDeskConfig.from(
            TestingTopics.settings(
                stack.bootstrapServers(), stack.redisUrl(), TAG, instance, PREFIX),
            Map.of()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"before-commit", "after-commit"})
  void shouldLoseAndDoubleNothingWhenKilledMidResult(String point) throws Exception {
    String caseId = CaseIds.caseFor("al-crash-" + point);
    String requestId = "tap-" + point;
    String eventId = CaseIds.resultEvent(caseId, requestId);

    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                ResultRecorderChild.class.getName(),
                stack.bootstrapServers(),
                stack.redisUrl(),
                TAG,
                PREFIX,
                caseId,
                requestId,
                point)
            .redirectErrorStream(true)
            .start();
    ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                  lines.add(line);
                }
              } catch (java.io.IOException e) {
                // The child was killed; its output ends here.
              }
            });
    reader.start();
    String marker =
        point.equals("before-commit") ? "HANGING-BEFORE-COMMIT" : "HANGING-AFTER-COMMIT";
    try {
      await()
          .atMost(TIMEOUT)
          .untilAsserted(
              () -> {
                assertThat(child.isAlive()).as("child output: %s", lines).isTrue();
                assertThat(lines).contains(marker);
              });
    } finally {
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      reader.join(10_000);
    }

    RecordedResult retried;
    try (RetentionDesk fresh = desk(INSTANCE)) {
      retried =
          fresh.recordResult(
              caseId, ResultKind.ACCEPTED, "AG0001", "renews Monday", null, null, requestId);
      assertThat(fresh.find(caseId).orElseThrow().resolution()).isEqualTo(Resolution.ACCEPTED);
    }

    // Killed inside the transaction: nothing was committed, so the retry writes it. Killed after
    // the commit: the retry finds the committed result and writes nothing.
    assertThat(retried.repeated()).isEqualTo(point.equals("after-commit"));
    assertThat(retried.event().eventId()).isEqualTo(eventId);
    List<CaseEvent> results =
        TestingTopics.caseEvents(stack.bootstrapServers(), "case-events-" + TAG).stream()
            .filter(e -> e.caseId().equals(caseId) && e.kind() == CaseEventKind.RESULT_RECORDED)
            .toList();
    assertThat(results).extracting(CaseEvent::eventId).containsExactly(eventId);
    List<PolicyEvent> policyEvents =
        TestingTopics.policyEvents(stack.bootstrapServers(), "policy-events-" + TAG).stream()
            .filter(e -> e.eventId.equals(CaseIds.policyEvent(eventId)))
            .toList();
    assertThat(policyEvents).hasSize(1);
    assertThat(policyEvents.get(0).topic).isEqualTo("ACCEPTED");
  }
}
