package io.lapsewatch.alerts.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lapsewatch.alertcontract.Reason;
import io.lapsewatch.alertcontract.RiskBand;
import io.lapsewatch.alertcontract.Tier;
import io.lapsewatch.alerts.notify.DeskNotice;
import io.lapsewatch.alerts.routing.RoutingTable;
import io.lapsewatch.alerts.routing.Target;
import io.lapsewatch.retentiondesk.CaseAction;
import io.lapsewatch.retentiondesk.CaseBrief;
import io.lapsewatch.retentiondesk.CaseEvent;
import io.lapsewatch.retentiondesk.CaseFile;
import io.lapsewatch.retentiondesk.CaseIds;
import io.lapsewatch.retentiondesk.CaseLinkUrls;
import io.lapsewatch.retentiondesk.CaseLinks;
import io.lapsewatch.retentiondesk.RetentionCase;
import io.lapsewatch.retentiondesk.team.DeskUsers;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LeadEscalationsTest {
  private static final Instant NOW = Instant.parse("2026-05-22T09:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final String HOLDER = "PH0000123456";
  private static final DeskUsers USERS =
      DeskUsers.parse(
          """
          branches:
            - {name: shanghai, escalation-receiver: leads-sh}
            - beijing
          senior-pool-branch: shanghai
          users:
            - {id: AG0001, role: agent, branch: shanghai, token-sha256: %s}
          """
              .formatted("ab".repeat(32)),
          "roles.yml");

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final CaseLinks links =
      new CaseLinks(
          "lead-escalations-test-secret-0123456789".getBytes(StandardCharsets.UTF_8),
          Duration.ofHours(48),
          CLOCK);
  private final LeadEscalations leads =
      new LeadEscalations(
          registry,
          Optional.of(new CaseLinkUrls(URI.create("https://desk.example"), links)),
          ZoneId.of("Asia/Shanghai"));
  private final TestingNotifier leadsNotifier = TestingNotifier.working("webhook");
  private final TestingNotificationLog log = new TestingNotificationLog(CLOCK, 0);
  private final RoutingTable routing =
      RoutingTable.fixed(List.of(new Target("leads-sh", leadsNotifier, Optional.empty())));

  private static RetentionCase opened(String branch) throws Exception {
    return CaseFile.apply(
        null,
        CaseEvent.opened(
            CaseIds.openedEvent("al-1"),
            CaseIds.caseFor("al-1"),
            "lapsewatch-desk",
            Instant.parse("2026-05-20T08:00:00Z"),
            "al-1",
            HOLDER,
            "PO0001-0",
            CaseAction.CALLBACK_TASK,
            "AG0001",
            branch,
            Instant.parse("2026-06-13T00:00:00Z"),
            new CaseBrief(Tier.HIGH_VALUE, RiskBand.HIGH, 12_400, List.<Reason>of())));
  }

  private static CaseEvent levelOne(RetentionCase c) {
    return CaseEvent.escalated(
        CaseIds.escalatedEvent(c.caseId(), 1), c.caseId(), "lapsewatch-desk", NOW, 1, null, null);
  }

  private double sent(String result) {
    return registry.scrape().stream()
        .filter(m -> m.getMetadata().getName().equals("lapsewatch_desk_escalation_messages"))
        .flatMap(m -> m.getDataPoints().stream())
        .filter(p -> result.equals(p.getLabels().get("result")))
        .mapToDouble(
            p ->
                ((io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot) p)
                    .getValue())
        .sum();
  }

  @Test
  void shouldSendOneMaskedMessageWithAValidLinkAndDropAReplay() throws Exception {
    leads.attach(USERS, log, () -> routing);
    RetentionCase before = opened("shanghai");
    CaseEvent e = levelOne(before);
    RetentionCase after = CaseFile.apply(before, e);

    assertThat(leads.escalated(before, after, e)).isTrue();
    // A replay, or a step offered again after a crash: handled, not sent again.
    assertThat(leads.escalated(before, after, e)).isTrue();

    assertThat(leadsNotifier.notices).hasSize(1);
    DeskNotice n = leadsNotifier.notices.get(0);
    assertThat(n.id()).isEqualTo(e.eventId());
    assertThat(n.text())
        .contains("PH********56")
        .contains("回访 callback")
        .contains("高价值 high value")
        .contains("2026-06-13 08:00")
        .doesNotContain(HOLDER);
    URI link = n.link().orElseThrow();
    assertThat(link.getPath()).isEqualTo("/desk/cases/" + after.caseId());
    assertThat(links.check(after.caseId(), link.getQuery().substring(2)))
        .isEqualTo(CaseLinks.Verdict.VALID);
    assertThat(sent("sent")).isEqualTo(1.0);
    assertThat(sent("duplicate")).isEqualTo(1.0);
  }

  @Test
  void shouldCountABranchWithoutReceiverAndAReceiverMissingFromTheRoutingTable() throws Exception {
    leads.attach(USERS, log, () -> RoutingTable.fixed(List.of()));
    RetentionCase beijing = opened("beijing");
    // Nobody to tell: handled.
    assertThat(
            leads.escalated(beijing, CaseFile.apply(beijing, levelOne(beijing)), levelOne(beijing)))
        .isTrue();
    RetentionCase shanghai = opened("shanghai");
    // A receiver a routing reload dropped: offered again (it may come back).
    assertThat(
            leads.escalated(
                shanghai, CaseFile.apply(shanghai, levelOne(shanghai)), levelOne(shanghai)))
        .isFalse();

    assertThat(sent("no_receiver")).isEqualTo(1.0);
    assertThat(sent("unknown_receiver")).isEqualTo(1.0);
    assertThat(leadsNotifier.notices).isEmpty();
  }

  @Test
  void shouldAskForAnotherOfferWhenTheChannelFailsAndSendItThen() throws Exception {
    TestingNotifier flaky = TestingNotifier.failingFirst("webhook", 1);
    leads.attach(
        USERS,
        log,
        () -> RoutingTable.fixed(List.of(new Target("leads-sh", flaky, Optional.empty()))));
    RetentionCase before = opened("shanghai");
    CaseEvent e = levelOne(before);
    RetentionCase after = CaseFile.apply(before, e);

    // Not handled: the desk offers it again on a later scan, which sends it.
    assertThat(leads.escalated(before, after, e)).isFalse();
    assertThat(leads.escalated(before, after, e)).isTrue();

    assertThat(sent("failed")).isEqualTo(1.0);
    assertThat(flaky.notices).hasSize(1);
  }

  @Test
  void shouldRefuseAtStartAReceiverTheRoutingTableDoesNotDefine() {
    assertThatThrownBy(() -> LeadEscalations.checkReceivers(USERS, RoutingTable.fixed(List.of())))
        .hasMessageContaining("branch 'shanghai'")
        .hasMessageContaining("escalation-receiver 'leads-sh'");
    LeadEscalations.checkReceivers(USERS, routing);
  }
}
