package io.lapsewatch.alerts.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.alerts.delivery.NotificationLog.Claim;
import io.lapsewatch.embedded.EmbeddedRedis;
import io.lapsewatch.featurestore.store.RedisConnections;
import io.lapsewatch.featurestore.store.RedisSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/** The notification log against a real redis-server: two "processes" are two log instances. */
class RedisNotificationLogITCase {
  private static EmbeddedRedis redis;
  private static UnifiedJedis jedis;

  @BeforeAll
  static void startRedis() throws Exception {
    redis = EmbeddedRedis.start();
    jedis = RedisConnections.open(RedisSettings.local(redis.port()));
  }

  @AfterAll
  static void stopRedis() {
    jedis.close();
    redis.close();
  }

  @BeforeEach
  void flush() {
    jedis.flushAll();
  }

  private static RedisNotificationLog log(Duration lease) {
    return new RedisNotificationLog(
        jedis, false, "lw:notif:v1:", lease, Duration.ofDays(90), Clock.systemUTC());
  }

  @Test
  void shouldLetOnlyOneProcessClaimAnAlertForATarget() {
    RedisNotificationLog a = log(Duration.ofMinutes(2));
    RedisNotificationLog b = log(Duration.ofMinutes(2));

    assertThat(a.claim("al-1", "wecom-east")).isEqualTo(Claim.CLAIMED);
    assertThat(b.claim("al-1", "wecom-east")).isEqualTo(Claim.IN_FLIGHT);
    // Our own claim again (a retry in the same process) is still ours.
    assertThat(a.claim("al-1", "wecom-east")).isEqualTo(Claim.CLAIMED);
    // Another target of the same alert is a separate pair.
    assertThat(b.claim("al-1", "retention-email")).isEqualTo(Claim.CLAIMED);

    long pttl = jedis.pttl("lw:notif:v1:al-1:wecom-east");
    assertThat(pttl).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(2).toMillis());
  }

  @Test
  void shouldRememberASentAlertForTheTtl() {
    RedisNotificationLog a = log(Duration.ofMinutes(2));
    RedisNotificationLog b = log(Duration.ofMinutes(2));
    a.claim("al-2", "slack");

    a.markSent("al-2", "slack");

    assertThat(b.claim("al-2", "slack")).isEqualTo(Claim.ALREADY_SENT);
    assertThat(a.claim("al-2", "slack")).isEqualTo(Claim.ALREADY_SENT);
    assertThat(b.isSent("al-2", "slack")).isTrue();
    assertThat(jedis.get("lw:notif:v1:al-2:slack")).startsWith("sent:");
    assertThat(jedis.pttl("lw:notif:v1:al-2:slack"))
        .isGreaterThan(Duration.ofDays(89).toMillis())
        .isLessThanOrEqualTo(Duration.ofDays(90).toMillis());
    // Releasing a sent pair changes nothing.
    a.release("al-2", "slack");
    assertThat(b.isSent("al-2", "slack")).isTrue();
  }

  @Test
  void shouldLetOnlyTheOwnerReleaseAClaim() {
    RedisNotificationLog a = log(Duration.ofMinutes(2));
    RedisNotificationLog b = log(Duration.ofMinutes(2));
    a.claim("al-3", "teams");

    b.release("al-3", "teams");
    assertThat(b.claim("al-3", "teams")).isEqualTo(Claim.IN_FLIGHT);

    a.release("al-3", "teams");
    assertThat(b.claim("al-3", "teams")).isEqualTo(Claim.CLAIMED);
  }

  @Test
  void shouldFreeTheClaimOfACrashedProcessWhenItsLeaseRunsOut() throws Exception {
    RedisNotificationLog crashed = log(Duration.ofMillis(300));
    RedisNotificationLog restarted = log(Duration.ofMillis(300));
    crashed.claim("al-4", "dingtalk"); // and never marks it sent

    assertThat(restarted.claim("al-4", "dingtalk")).isEqualTo(Claim.IN_FLIGHT);
    Claim later =
        Awaitility.await()
            .atMost(Duration.ofSeconds(10))
            .pollInterval(Duration.ofMillis(50))
            .until(() -> restarted.claim("al-4", "dingtalk"), claim -> claim != Claim.IN_FLIGHT);

    assertThat(later).isEqualTo(Claim.CLAIMED);
    assertThat(restarted.isSent("al-4", "dingtalk")).isFalse();
  }

  @Test
  void shouldEraseAPolicyholdersEntriesAndIndexButKeepTheOthers() {
    RedisNotificationLog log = log(Duration.ofMinutes(2));
    log.track("PH-1", "al-1", List.of("wecom-east", "retention-actions"));
    log.track("PH-2", "al-2", List.of("wecom-east"));
    for (String[] pair :
        new String[][] {
          {"al-1", "wecom-east"}, {"al-1", "retention-actions"}, {"al-2", "wecom-east"}
        }) {
      log.claim(pair[0], pair[1]);
      log.markSent(pair[0], pair[1]);
    }

    assertThat(log.erase("PH-1")).containsExactly("al-1");

    assertThat(jedis.exists("lw:notif:v1:policyholder:PH-1")).isFalse();
    assertThat(jedis.get("lw:notif:v1:al-1:wecom-east")).isEqualTo("erased");
    assertThat(jedis.get("lw:notif:v1:al-1:retention-actions")).isEqualTo("erased");
    // No key still names the erased policyholder.
    assertThat(jedis.keys("*PH-1*")).isEmpty();
    assertThat(jedis.get("lw:notif:v1:al-2:wecom-east")).startsWith("sent:");
    assertThat(jedis.smembers("lw:notif:v1:policyholder:PH-2"))
        .containsExactly("al-2\u0000wecom-east");
    long ttl = jedis.pttl("lw:notif:v1:policyholder:PH-2");
    assertThat(ttl).isGreaterThan(Duration.ofDays(89).toMillis());
  }

  @Test
  void shouldNeverSendAReplayOfAnErasedAlertNorIndexItAgain() {
    RedisNotificationLog log = log(Duration.ofMinutes(2));
    log.track("PH-1", "al-1", List.of("wecom-east"));
    log.erase("PH-1");

    // The scoring job replays the alert after the erasure (at-least-once): it counts as sent.
    log.track("PH-1", "al-1", List.of("wecom-east"));
    assertThat(log.isSent("al-1", "wecom-east")).isTrue();
    assertThat(log.claim("al-1", "wecom-east")).isEqualTo(Claim.ALREADY_SENT);
    assertThat(jedis.exists("lw:notif:v1:policyholder:PH-1")).isFalse();
    // A new alert for the same policyholder (another term or trigger) is a new alert.
    log.track("PH-1", "al-9", List.of("wecom-east"));
    assertThat(log.claim("al-9", "wecom-east")).isEqualTo(Claim.CLAIMED);
    // Erasing again, or someone never seen, is harmless.
    assertThat(log.erase("PH-1")).containsExactly("al-9");
    assertThat(log.erase("PH-404")).isEmpty();
  }
}
