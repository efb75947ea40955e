package io.lapsewatch.alerts.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.alerts.TestingClock;
import io.lapsewatch.alerts.delivery.NotificationLog.Claim;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryNotificationLogTest {
  private final TestingClock clock = new TestingClock(Instant.parse("2026-05-21T09:00:00Z"));
  private final InMemoryNotificationLog log =
      new InMemoryNotificationLog(Duration.ofMinutes(2), Duration.ofDays(90), clock);

  private void send(String policyholderId, String alertId, String target) {
    log.track(policyholderId, alertId, List.of(target));
    assertThat(log.claim(alertId, target)).isEqualTo(Claim.CLAIMED);
    log.markSent(alertId, target);
  }

  @Test
  void shouldForgetOnlyTheErasedPolicyholder() {
    send("PH-1", "al-1", "wecom-east");
    send("PH-1", "al-1", "retention-actions");
    send("PH-2", "al-2", "wecom-east");

    assertThat(log.erase("PH-1")).containsExactly("al-1");

    assertThat(log.erase("PH-1")).isEmpty();
    assertThat(log.isSent("al-2", "wecom-east")).isTrue();
    assertThat(log.erase("PH-2")).containsExactly("al-2");
  }

  @Test
  void shouldTreatAReplayOfAnErasedAlertAsSentAndANewAlertAsNew() {
    send("PH-1", "al-1", "wecom-east");
    log.erase("PH-1");

    log.track("PH-1", "al-1", List.of("wecom-east"));
    assertThat(log.claim("al-1", "wecom-east")).isEqualTo(Claim.ALREADY_SENT);
    // The replay did not put the policyholder back into the index.
    assertThat(log.erase("PH-1")).isEmpty();

    log.track("PH-1", "al-9", List.of("wecom-east"));
    assertThat(log.claim("al-9", "wecom-east")).isEqualTo(Claim.CLAIMED);
  }
}
