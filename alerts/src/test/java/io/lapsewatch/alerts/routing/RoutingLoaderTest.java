package io.lapsewatch.alerts.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.RiskBand;
import io.lapsewatch.alertcontract.TestingAlerts;
import io.lapsewatch.alertcontract.settings.SecretResolver;
import io.lapsewatch.alerts.delivery.RateLimit;
import io.lapsewatch.alerts.notify.DingTalkNotifier;
import io.lapsewatch.alerts.notify.EmailNotifier;
import io.lapsewatch.alerts.notify.EnrichedAlert;
import io.lapsewatch.alerts.notify.HttpOptions;
import io.lapsewatch.alerts.notify.WeComNotifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoutingLoaderTest {
  private static final Map<String, String> ENV =
      Map.of(
          "WECOM_URL", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=wecom-secret-key",
          "DING_SECRET", "SECding-secret",
          "SLACK_URL", "https://hooks.slack.com/services/T0/B0/slack-secret");

  @TempDir Path dir;

  private final RoutingLoader loader =
      new RoutingLoader(new SecretResolver(ENV), HttpOptions.defaults());

  private static final String BASE =
      """
      version: 1
      agents:
        AG-17: {branch: SH-01, region: east, wecom-user-id: zhang.wei}
        AG-99: {branch: GZ-02, region: south}
      receivers:
        wecom-east:
          channel: wecom
          url: ${env:WECOM_URL}
          mention-agent: true
        ding-hv:
          channel: dingtalk
          url: https://oapi.dingtalk.com/robot/send?access_token=t
          secret: ${env:DING_SECRET}
          rate-limit: 10/1m
        slack-ops:
          channel: slack
          locale: en
          url: ${env:SLACK_URL}
          max-attempts: 2
      routes:
        - name: high value
          match: {tier: HIGH_VALUE, risk-band: [HIGH, CRITICAL]}
          receivers: [ding-hv]
          continue: true
        - name: east
          match: {region: east}
          receivers: [wecom-east, ding-hv]
        - name: agent 99
          match: {agent: AG-99}
          receivers: slack-ops
      default:
        receivers: [slack-ops]
      """;

  private RoutingTable table(String yaml) {
    return loader.parse(yaml, "routes.yml");
  }

  private static List<String> names(RoutingTable t, EnrichedAlert a) {
    return t.targetsFor(a).stream().map(Target::name).toList();
  }

  private static Alert inRegionOf(Alert a, String agent) {
    a.agentId = agent;
    return a;
  }

  @Test
  void shouldRouteByTierBandAndRegionWithContinueAndDefault() {
    try (RoutingTable t = table(BASE)) {
      EnrichedAlert hvEast =
          t.enrich(inRegionOf(TestingAlerts.highValueCallback("PH-1"), "AG-17"), Map.of());
      EnrichedAlert stdEast =
          t.enrich(inRegionOf(TestingAlerts.standardOffer("PH-2"), "AG-17"), Map.of());
      EnrichedAlert hvUnknownAgent =
          t.enrich(inRegionOf(TestingAlerts.highValueCallback("PH-3"), "AG-1"), Map.of());
      EnrichedAlert stdAgent99 =
          t.enrich(inRegionOf(TestingAlerts.standardOffer("PH-4"), "AG-99"), Map.of());
      EnrichedAlert stdNowhere =
          t.enrich(inRegionOf(TestingAlerts.standardOffer("PH-5"), "AG-5"), Map.of());

      // continue: true lets the east route add its receivers; ding-hv is listed once.
      assertThat(names(t, hvEast)).containsExactly("ding-hv", "wecom-east");
      assertThat(names(t, stdEast)).containsExactly("wecom-east", "ding-hv");
      // A match with continue still counts as matched: no default.
      assertThat(names(t, hvUnknownAgent)).containsExactly("ding-hv");
      assertThat(names(t, stdAgent99)).containsExactly("slack-ops");
      assertThat(names(t, stdNowhere)).containsExactly("slack-ops");
    }
  }

  @Test
  void shouldLetTheRecordsOwnBranchAndRegionWinOverTheDirectory() {
    try (RoutingTable t = table(BASE)) {
      EnrichedAlert moved =
          t.enrich(
              inRegionOf(TestingAlerts.standardOffer("PH-6"), "AG-17"), Map.of("region", "west"));

      assertThat(moved.attributes())
          .containsEntry("region", "west")
          .containsEntry("branch", "SH-01")
          .containsEntry(EnrichedAlert.AGENT_WECOM_USER_ID, "zhang.wei");
      assertThat(names(t, moved)).containsExactly("slack-ops");
    }
  }

  @Test
  void shouldBuildReceiversWithChannelDefaultsAndOverrides() {
    try (RoutingTable t = table(BASE)) {
      Map<String, Target> byName = new HashMap<>();
      t.targets().forEach(x -> byName.put(x.name(), x));

      assertThat(byName.get("wecom-east").notifier()).isInstanceOf(WeComNotifier.class);
      assertThat(byName.get("wecom-east").rateLimit())
          .hasValue(new RateLimit(20, Duration.ofMinutes(1)));
      assertThat(byName.get("ding-hv").notifier()).isInstanceOf(DingTalkNotifier.class);
      assertThat(byName.get("ding-hv").rateLimit())
          .hasValue(new RateLimit(10, Duration.ofMinutes(1)));
      assertThat(byName.get("slack-ops").rateLimit())
          .hasValue(new RateLimit(1, Duration.ofSeconds(1)));
      assertThat(t.describe())
          .contains("3 routes")
          .contains("wecom-east=wecom")
          .doesNotContain("wecom-secret-key")
          .doesNotContain("slack-secret");
    }
  }

  @Test
  void shouldLoadTheShippedExampleFile(@TempDir Path secrets) throws Exception {
    Path example = Path.of("..", "deploy", "alerts", "routes.example.yml");
    Path secretFile = secrets.resolve("dingtalk-secret");
    Files.writeString(secretFile, "SECexample\n");
    String text =
        Files.readString(example)
            .replace("/run/secrets/lapsewatch-dingtalk-secret", secretFile.toString());
    Map<String, String> env = new HashMap<>();
    for (String v :
        List.of(
            "LW_AGENT_AG17_MOBILE",
            "LW_AGENT_AG17_EMAIL",
            "LW_WECOM_EAST_URL",
            "LW_DINGTALK_URL",
            "LW_FEISHU_URL",
            "LW_FEISHU_SECRET",
            "LW_SLACK_URL",
            "LW_TEAMS_URL",
            "LW_SMTP_PASSWORD")) {
      env.put(
          v,
          v.endsWith("_URL")
              ? "https://hooks.example.com/" + v
              : v.endsWith("MOBILE")
                  ? "13900001111"
                  : v.endsWith("EMAIL") ? "ag17@example.com" : "x");
    }
    RoutingLoader l = new RoutingLoader(new SecretResolver(env), HttpOptions.defaults());

    try (RoutingTable t = l.parse(text, "routes.example.yml")) {
      assertThat(t.targets()).hasSize(6);
      assertThat(t.targets().stream().filter(x -> x.name().equals("retention-email")).findFirst())
          .hasValueSatisfying(x -> assertThat(x.notifier()).isInstanceOf(EmailNotifier.class));
      Alert hv = TestingAlerts.highValueCallback("PH-1");
      assertThat(names(t, t.enrich(hv, Map.of())))
          .containsExactly("high-value-dingtalk", "retention-email", "east-wecom");
      Alert critical = TestingAlerts.standardOffer("PH-2");
      critical.agentId = "AG-0";
      critical.riskBand = RiskBand.CRITICAL;
      assertThat(names(t, t.enrich(critical, Map.of())))
          .containsExactly("head-office-slack", "head-office-teams");
    }
  }

  @Test
  void shouldReadSecretsFromFiles() throws Exception {
    Path secret = dir.resolve("slack-url");
    Files.writeString(
        secret, "https://hooks.slack.com/services/T/B/from-file\n", StandardCharsets.UTF_8);
    String yaml =
        """
        version: 1
        receivers:
          s: {channel: slack, url: "${file:%s}"}
        default: {receivers: [s]}
        """
            .formatted(secret);

    try (RoutingTable t = table(yaml)) {
      assertThat(t.targets()).extracting(Target::channel).containsExactly("slack");
    }
  }

  // ------------------------------------------------------------------ errors

  private static String errorOf(Runnable r) {
    try {
      r.run();
    } catch (RoutingConfigException e) {
      return e.getMessage();
    }
    throw new AssertionError("no RoutingConfigException");
  }

  private static Alert journeyStep(Alert a, String plan, String step) {
    a.journey = plan;
    a.journeyVersion = 1;
    a.journeyStep = step;
    return a;
  }

  private static final String JOURNEY_ROUTES =
      BASE.replace(
          "routes:\n",
          "routes:\n"
              + "  - name: callback step of the standard plan\n"
              + "    match: {journeys: [standard-renewal, spare-plan], steps: callback}\n"
              + "    receivers: [wecom-east]\n"
              + "  - name: any journey step\n"
              + "    match: {journeys: standard-renewal}\n"
              + "    receivers: [slack-ops]\n");

  @Test
  void shouldRouteJourneyStepsByPlanAndStepAndKeepOtherAlertsOffThoseRoutes() {
    try (RoutingTable t = table(JOURNEY_ROUTES)) {
      EnrichedAlert callbackStep =
          t.enrich(
              journeyStep(TestingAlerts.standardOffer("PH-1"), "standard-renewal", "callback"),
              Map.of());
      EnrichedAlert offerStep =
          t.enrich(
              journeyStep(TestingAlerts.standardOffer("PH-2"), "standard-renewal", "offer"),
              Map.of());
      EnrichedAlert otherPlan =
          t.enrich(
              inRegionOf(
                  journeyStep(TestingAlerts.standardOffer("PH-3"), "vip-plan", "callback"),
                  "AG-99"),
              Map.of());
      EnrichedAlert outsideJourneys =
          t.enrich(inRegionOf(TestingAlerts.standardOffer("PH-4"), "AG-99"), Map.of());

      assertThat(names(t, callbackStep)).containsExactly("wecom-east");
      assertThat(names(t, offerStep)).containsExactly("slack-ops");
      // A step of a plan no route lists falls through to the routes without journey keys.
      assertThat(names(t, otherPlan)).containsExactly("slack-ops");
      assertThat(t.routes().get(0).match().matches(outsideJourneys)).isFalse();
      assertThat(t.routes().get(1).match().matches(outsideJourneys)).isFalse();
    }
  }

  @Test
  void shouldNameKeyLineAndValueOfABadJourneyOrStepId() {
    String badPlan = JOURNEY_ROUTES.replace("spare-plan]", "spare plan]");
    String badStep = JOURNEY_ROUTES.replace("steps: callback}", "steps: [call/back]}");

    assertThat(errorOf(() -> table(badPlan)))
        .startsWith(
            "routing file routes.yml: routes[0].match.journeys[1] (line 22): must be a journey"
                + " plan id (ids are 1-128 characters")
        .endsWith("was 'spare plan'");
    assertThat(errorOf(() -> table(badStep)))
        .startsWith(
            "routing file routes.yml: routes[0].match.steps[0] (line 22): must be a journey step"
                + " id")
        .endsWith("was 'call/back'");
  }

  @Test
  void shouldNameKeyLineAndValueOfABadEnum() {
    String yaml = BASE.replace("{tier: HIGH_VALUE,", "{tier: GOLD,");

    assertThat(errorOf(() -> table(yaml)))
        .isEqualTo(
            "routing file routes.yml: routes[0].match.tier (line 22): unknown value 'GOLD';"
                + " expected one of [HIGH_VALUE, STANDARD]");
  }

  @Test
  void shouldRejectUnknownKeysNamingTheKnownOnes() {
    String yaml = BASE.replace("continue: true", "continu: true");

    assertThat(errorOf(() -> table(yaml)))
        .startsWith("routing file routes.yml: routes[0].continu (line 24): unknown key 'continu';")
        .contains("known keys: [continue, match, name, receivers]");
  }

  @Test
  void shouldRejectARouteToAnUndefinedReceiver() {
    String yaml =
        BASE.replace("receivers: [wecom-east, ding-hv]", "receivers: [wecom-east, ding-hvv]");

    assertThat(errorOf(() -> table(yaml)))
        .startsWith(
            "routing file routes.yml: routes[1].receivers[1] (line 27): unknown receiver 'ding-hvv'");
  }

  @Test
  void shouldNeverEchoASecretOrPersonalValue() {
    String badUrl =
        BASE.replace(
            "url: https://oapi.dingtalk.com/robot/send?access_token=t",
            "url: oapi.dingtalk.com/robot?access_token=t0ps3cret");
    String badMobile =
        BASE.replace(
            "wecom-user-id: zhang.wei}", "wecom-user-id: zhang.wei, mobile: [13800001111]}");

    assertThat(errorOf(() -> table(badUrl)))
        .contains(
            "receivers.ding-hv.url (line 12): must be an absolute http:// or https:// URL, was <hidden>")
        .doesNotContain("t0ps3cret");
    assertThat(errorOf(() -> table(badMobile)))
        .contains("agents.AG-17.mobile (line 3)")
        .doesNotContain("13800001111");
  }

  @Test
  void shouldNameTheMissingEnvironmentVariable() {
    RoutingLoader noEnv = new RoutingLoader(new SecretResolver(Map.of()), HttpOptions.defaults());

    assertThatThrownBy(() -> noEnv.parse(BASE, "routes.yml"))
        .hasMessage(
            "routing file routes.yml: receivers.wecom-east.url (line 8): environment variable"
                + " WECOM_URL is not set (or empty)");
  }

  @Test
  void shouldRejectTagsDuplicatesAndBadYaml() {
    String globalTag =
        "version: 1\nreceivers:\n  c: !!javax.script.ScriptEngineManager [x]\ndefault: {receivers: [c]}\n";
    String localTag =
        "version: 1\nreceivers:\n  c: !shell {channel: console}\ndefault: {receivers: [c]}\n";
    String duplicate =
        "version: 1\nreceivers:\n  c: {channel: console}\n  c: {channel: console}\ndefault: {receivers: [c]}\n";
    String broken = "version: 1\nreceivers: [\n";

    assertThat(errorOf(() -> table(globalTag)))
        .isEqualTo(
            "routing file routes.yml: not valid YAML at line 3: Global tag is not allowed:"
                + " tag:yaml.org,2002:javax.script.ScriptEngineManager");
    assertThat(errorOf(() -> table(localTag))).contains("receivers.c (line 3): has the tag !shell");
    assertThat(errorOf(() -> table(duplicate))).contains("receivers.c (line 4): duplicate key 'c'");
    assertThat(errorOf(() -> table(broken)))
        .startsWith("routing file routes.yml: not valid YAML at line");
  }

  @Test
  void shouldRequireVersionReceiversAndDefault() {
    assertThat(
            errorOf(() -> table("receivers: {c: {channel: console}}\ndefault: {receivers: [c]}\n")))
        .contains("version must be 1 (missing)");
    assertThat(errorOf(() -> table("version: 1\nreceivers: {c: {channel: console}}\n")))
        .contains("default is required");
    assertThat(
            errorOf(
                () ->
                    table(
                        "version: 2\nreceivers: {c: {channel: console}}\ndefault: {receivers: [c]}\n")))
        .contains("version (line 1): version must be 1, was '2'");
  }

  @Test
  void shouldPassOnTheNotifiersOwnChecksWithTheReceiversLocation() {
    String yaml =
        """
        version: 1
        receivers:
          card:
            channel: dingtalk
            url: https://oapi.dingtalk.com/robot/send?access_token=t
            format: actionCard
        default: {receivers: [card]}
        """;

    assertThat(errorOf(() -> table(yaml)))
        .isEqualTo(
            "routing file routes.yml: receivers.card (line 4): dingtalk actionCard needs a link"
                + " template for its button; set link or use markdown");
  }

  @Test
  void shouldRejectABadRateLimitAndAnUnknownChannel() {
    assertThat(
            errorOf(() -> table(BASE.replace("rate-limit: 10/1m", "rate-limit: ten per minute"))))
        .contains("receivers.ding-hv.rate-limit (line 14): must look like 20/1m, 5/s or none")
        .contains("was 'ten per minute'");
    assertThat(errorOf(() -> table(BASE.replace("channel: slack", "channel: telegram"))))
        .contains("receivers.slack-ops.channel (line 16): unknown channel 'telegram'");
  }

  @Test
  void shouldReserveTheActionsTargetName() {
    String yaml =
        "version: 1\nreceivers:\n  retention-actions: {channel: console}\n"
            + "default: {receivers: [retention-actions]}\n";

    assertThat(errorOf(() -> table(yaml)))
        .contains(
            "receivers.retention-actions (line 3): receiver name 'retention-actions' is reserved");
  }

  @Test
  void shouldParseRateLimits() {
    assertThat(RateLimit.parse("20/1m")).hasValue(new RateLimit(20, Duration.ofMinutes(1)));
    assertThat(RateLimit.parse("5/s")).hasValue(new RateLimit(5, Duration.ofSeconds(1)));
    assertThat(RateLimit.parse("100 / 10min")).hasValue(new RateLimit(100, Duration.ofMinutes(10)));
    assertThat(RateLimit.parse("2/500ms")).hasValue(new RateLimit(2, Duration.ofMillis(500)));
    assertThat(RateLimit.parse("none")).isEqualTo(Optional.empty());
    assertThatThrownBy(() -> RateLimit.parse("0/1s")).hasMessageContaining(">= 1");
  }
}
