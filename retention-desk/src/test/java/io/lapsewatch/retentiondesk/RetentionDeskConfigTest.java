package io.lapsewatch.retentiondesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lapsewatch.alertcontract.policy.AlertPolicy;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetentionDeskConfigTest {
  private static Map<String, String> base() {
    Map<String, String> m = new HashMap<>();
    m.put("kafka.bootstrap-servers", "127.0.0.1:9092");
    m.put("redis.url", "redis://127.0.0.1:6379");
    m.put("desk.instance-id", "desk-a");
    m.put("desk.link-secret", "${env:LINK_SECRET}");
    return m;
  }

  private static final Map<String, String> ENV =
      Map.of("LINK_SECRET", "0123456789abcdef0123456789abcdef-test");

  @Test
  void shouldRequireALongEnoughLinkSecretWhenTheDeskRuns() {
    Map<String, String> none = base();
    none.remove("desk.link-secret");
    assertThatThrownBy(() -> RetentionDeskConfig.from(none, ENV))
        .hasMessageContaining("'desk.link-secret' is required");

    Map<String, String> shortOne = base();
    shortOne.put("desk.link-secret", "too-short-a-secret");
    assertThatThrownBy(() -> RetentionDeskConfig.from(shortOne, ENV))
        .hasMessageContaining("desk.link-secret")
        .hasMessageContaining("at least 32 bytes, had 18")
        .hasMessageNotContaining("too-short-a-secret");

    Map<String, String> off = base();
    off.remove("desk.link-secret");
    off.put("desk.enabled", "false");
    assertThat(RetentionDeskConfig.from(off, ENV).caseLinks(java.time.Clock.systemUTC())).isEmpty();
  }

  @Test
  void shouldCheckThePublicUrl() {
    Map<String, String> m = base();
    m.put("desk.public-url", "https://desk.insurer.example/retention/");
    assertThat(RetentionDeskConfig.from(m, ENV).publicUrl().toString())
        .isEqualTo("https://desk.insurer.example/retention");

    for (String bad : new String[] {"desk.insurer.example", "ftp://x/", "https://x/?a=1"}) {
      Map<String, String> b = base();
      b.put("desk.public-url", bad);
      assertThatThrownBy(() -> RetentionDeskConfig.from(b, ENV))
          .hasMessageContaining("desk.public-url")
          .hasMessageContaining(bad);
    }
  }

  @Test
  void shouldReadTheTimeZoneOfThePages() {
    assertThat(RetentionDeskConfig.from(base(), ENV).timeZone())
        .isEqualTo(java.time.ZoneId.of("Asia/Shanghai"));
    Map<String, String> berlin = base();
    berlin.put("desk.time-zone", "Europe/Berlin");
    assertThat(RetentionDeskConfig.from(berlin, ENV).timeZone())
        .isEqualTo(java.time.ZoneId.of("Europe/Berlin"));
    Map<String, String> bad = base();
    bad.put("desk.time-zone", "Mars/Olympus");
    assertThatThrownBy(() -> RetentionDeskConfig.from(bad, ENV))
        .hasMessageContaining("'desk.time-zone'")
        .hasMessageContaining("'Mars/Olympus'");
  }

  @Test
  void shouldUseTheDeclaredDefaults() {
    RetentionDeskConfig c = RetentionDeskConfig.from(base(), ENV);

    assertThat(c.runnable()).isTrue();
    assertThat(c.caseEventsTopic()).isEqualTo("retention-case-events");
    assertThat(c.policyEventsTopic()).isEqualTo("policy-events");
    assertThat(c.alertsTopic()).isEqualTo("retention-alerts");
    // The job's id for orphaned callbacks, so those cases land in the desk's pool.
    assertThat(c.seniorPool()).isEqualTo(AlertPolicy.SENIOR_AGENT_POOL);
    assertThat(c.gracePeriod()).isEqualTo(Duration.ofHours(48));
    assertThat(RetentionDeskConfig.declared())
        .allSatisfy(d -> assertThat(d.description()).isNotBlank());
  }

  @Test
  void shouldNotRunWithoutRedisOrWhenDisabled() {
    Map<String, String> noRedis = base();
    noRedis.remove("redis.url");
    Map<String, String> disabled = base();
    disabled.put("desk.enabled", "false");

    assertThat(RetentionDeskConfig.from(noRedis, ENV).runnable()).isFalse();
    assertThat(RetentionDeskConfig.from(disabled, ENV).runnable()).isFalse();
  }

  @Test
  void shouldFollowTheSharedAlertsTopic() {
    Map<String, String> m = base();
    m.put("alerts.topic", "alerts-eu");

    assertThat(RetentionDeskConfig.from(m, ENV).alertsTopic()).isEqualTo("alerts-eu");
  }

  @Test
  void shouldNameTheKeyAndValueOfABadSetting() {
    Map<String, String> m = base();
    m.put("desk.grace-period-hours", "two days");
    assertThatThrownBy(() -> RetentionDeskConfig.from(m, ENV))
        .hasMessageContaining("desk.grace-period-hours")
        .hasMessageContaining("two days");

    Map<String, String> typo = base();
    typo.put("desk.senior-pol", "x");
    assertThatThrownBy(() -> RetentionDeskConfig.from(typo, ENV))
        .hasMessageContaining("unknown configuration key 'desk.senior-pol'");

    Map<String, String> pool = base();
    pool.put("desk.senior-pool", "senior pool");
    assertThatThrownBy(() -> RetentionDeskConfig.from(pool, ENV))
        .hasMessageContaining("desk.senior-pool");

    Map<String, String> same = base();
    same.put("desk.case-events-topic", "policy-events");
    assertThatThrownBy(() -> RetentionDeskConfig.from(same, ENV))
        .hasMessageContaining("desk.case-events-topic");
  }

  @Test
  void shouldRequireTheBrokers() {
    Map<String, String> m = base();
    m.remove("kafka.bootstrap-servers");

    assertThatThrownBy(() -> RetentionDeskConfig.from(m, ENV))
        .hasMessageContaining("kafka.bootstrap-servers");
  }

  @Test
  void shouldKeepTheRedisUrlOutOfToString() {
    Map<String, String> m = base();
    m.put("redis.url", "redis://user:s3cret@127.0.0.1:6379");

    assertThat(RetentionDeskConfig.from(m, ENV).toString()).doesNotContain("s3cret");
  }

  @Test
  void shouldLetTheEnvironmentOverrideTheFile() throws Exception {
    RetentionDeskConfig c =
        RetentionDeskConfig.load(
            null,
            Map.of(
                "LAPSEWATCH_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092",
                "LAPSEWATCH_DESK_SENIOR_POOL", "pool-2",
                "LAPSEWATCH_DESK_INSTANCE_ID", "d1"));

    assertThat(c.seniorPool()).isEqualTo("pool-2");
    assertThat(c.runnable()).isFalse();
  }

  @Test
  void shouldStartNoDeskWithoutRedisOrWhenDisabled() throws Exception {
    // No broker or Redis at these addresses: a desk that tried to start would fail.
    assertThat(
            RetentionDesk.startIfConfigured(
                null, Map.of("LAPSEWATCH_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1")))
        .isEmpty();
    assertThat(
            RetentionDesk.startIfConfigured(
                null,
                Map.of(
                    "LAPSEWATCH_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1",
                    "LAPSEWATCH_REDIS_URL", "redis://127.0.0.1:1",
                    "LAPSEWATCH_DESK_ENABLED", "false")))
        .isEmpty();
  }

  @Test
  void shouldReadServiceLevelsWithDefaultsAndNameABadValue() {
    RetentionDeskConfig defaults = RetentionDeskConfig.from(base(), ENV);
    assertThat(defaults.escalations().levelOf(io.lapsewatch.alertcontract.Tier.HIGH_VALUE))
        .isEqualTo(new ServiceLevel(Duration.ofHours(48), Duration.ofDays(5)));
    assertThat(defaults.escalations().levelOf(io.lapsewatch.alertcontract.Tier.STANDARD))
        .isEqualTo(new ServiceLevel(Duration.ofHours(120), Duration.ofDays(2)));

    Map<String, String> custom = base();
    custom.put("desk.sla.high-value.contact-within-hours", "24");
    custom.put("desk.sla.high-value.contact-days-before-deadline", "7");
    assertThat(
            RetentionDeskConfig.from(custom, ENV)
                .escalations()
                .levelOf(io.lapsewatch.alertcontract.Tier.HIGH_VALUE))
        .isEqualTo(new ServiceLevel(Duration.ofHours(24), Duration.ofDays(7)));

    Map<String, String> bad = base();
    bad.put("desk.escalation.senior-pool-after-hours", "0");
    assertThatThrownBy(() -> RetentionDeskConfig.from(bad, ENV))
        .hasMessageContaining("'desk.escalation.senior-pool-after-hours'")
        .hasMessageContaining("1..8760")
        .hasMessageContaining("'0'");

    Map<String, String> words = base();
    words.put("desk.sla.standard.contact-days-before-deadline", "two");
    assertThatThrownBy(() -> RetentionDeskConfig.from(words, ENV))
        .hasMessageContaining("'desk.sla.standard.contact-days-before-deadline'")
        .hasMessageContaining("'two'");
  }
}
