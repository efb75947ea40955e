package io.lapsewatch.alerts.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.TestingAlerts;
import io.lapsewatch.alerts.delivery.InMemoryNotificationLog;
import io.lapsewatch.alerts.metrics.AlertMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class PolicyholderErasureTest {
  private final AlertMetrics metrics = new AlertMetrics();
  private final InMemoryNotificationLog log =
      new InMemoryNotificationLog(Duration.ofMinutes(2), Duration.ofDays(90), Clock.systemUTC());
  private final AlertTally tally = new AlertTally();
  private final PolicyholderErasure erasure =
      new PolicyholderErasure(log, tally, metrics, Optional.empty(), "retention-actions");
  private long offset;

  private ConsumerRecord<byte[], byte[]> record(byte[] key, byte[] value) {
    return new ConsumerRecord<>("retention-alerts", 0, offset++, key, value);
  }

  private ConsumerRecord<byte[], byte[]> alert(String policyholderId) {
    return record(policyholderId.getBytes(StandardCharsets.UTF_8), "{}".getBytes());
  }

  private ConsumerRecord<byte[], byte[]> tombstone(String policyholderId) {
    return record(policyholderId.getBytes(StandardCharsets.UTF_8), null);
  }

  @Test
  void shouldApplyEachErasureBetweenTheAlertsBeforeAndAfterIt() throws Exception {
    Alert a = TestingAlerts.highValueCallback("PH-1");
    List<String> seen = new ArrayList<>();
    List<ConsumerRecord<byte[], byte[]>> batch =
        List.of(alert("PH-1"), alert("PH-2"), tombstone("PH-1"), alert("PH-1"));

    erasure.handleInOrder(
        batch,
        run -> {
          // What the processor would leave: a log entry for PH-1's alert.
          if (seen.isEmpty()) {
            log.track("PH-1", a.alertId, List.of("wecom"));
          }
          seen.add(run.size() + " records, first from offset " + run.get(0).offset());
        });

    assertThat(seen)
        .containsExactly("2 records, first from offset 0", "1 records, first from offset 3");
    assertThat(log.erase("PH-1")).isEmpty(); // the index was dropped by the erasure
    assertThat(log.isSent(a.alertId, "wecom")).isTrue(); // an erased marker: never sent again
    assertThat(metrics.scrape())
        .contains("lapsewatch_policyholder_erasures_total 1.0")
        .contains("lapsewatch_erased_alerts_total 1.0");
  }

  @Test
  void shouldTreatOnlyATombstoneWithAWellFormedIdAsAnErasure() {
    assertThat(PolicyholderErasure.erasureOf(tombstone("PH-1"))).hasValue("PH-1");
    assertThat(PolicyholderErasure.erasureOf(tombstone("张三-7"))).hasValue("张三-7");
    assertThat(PolicyholderErasure.erasureOf(alert("PH-1"))).isEmpty();
    assertThat(PolicyholderErasure.erasureOf(record(null, null))).isEmpty();
    assertThat(PolicyholderErasure.erasureOf(record(new byte[0], null))).isEmpty();
    assertThat(PolicyholderErasure.erasureOf(tombstone("  "))).isEmpty();
    // A lone surrogate half in UTF-8 form: not an id, so not an erasure of anyone.
    assertThat(
            PolicyholderErasure.erasureOf(
                record(new byte[] {'P', (byte) 0xED, (byte) 0xA0, (byte) 0x80}, null)))
        .isEmpty();
  }

  @Test
  void shouldForgetTheSampleAlertOfTheErasedPolicyholderOnly() throws Exception {
    tally.record(TestingAlerts.highValueCallback("PH-2"));
    erasure.erase("PH-1");
    assertThat(tally.sample()).map(s -> s.policyholderId).hasValue("PH-2");

    erasure.erase("PH-2");
    assertThat(tally.sample()).isEmpty();
    assertThat(tally.received()).isEqualTo(1);
  }
}
