package io.lapsewatch.retentiondesk;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.TestingAlerts;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CaseOpeningTest {
  private final CaseOpening opening = new CaseOpening("senior-pool", RetentionDesk.SYSTEM_ACTOR);

  @Test
  void shouldOpenACallbackTaskForATreatedCallbackAlert() {
    Alert a = TestingAlerts.highValueCallback("PH1");

    CaseEvent e = opening.openFor(a).orElseThrow();

    assertThat(e.kind()).isEqualTo(CaseEventKind.OPENED);
    assertThat(e.caseId()).isEqualTo(CaseIds.caseFor(a.alertId));
    assertThat(e.eventId()).isEqualTo(CaseIds.openedEvent(a.alertId));
    assertThat(e.action()).isEqualTo(CaseAction.CALLBACK_TASK);
    assertThat(e.owner()).isEqualTo(a.agentId);
    assertThat(e.policyholderId()).isEqualTo("PH1");
    assertThat(e.at()).isEqualTo(Instant.ofEpochMilli(a.asOf));
  }

  @Test
  void shouldOpenTheSameEventForAReplayedAlert() {
    Alert a = TestingAlerts.standardOffer("PH1");

    assertThat(opening.openFor(a)).isEqualTo(opening.openFor(TestingAlerts.standardOffer("PH1")));
    assertThat(opening.openFor(a).orElseThrow().action()).isEqualTo(CaseAction.RENEWAL_OFFER);
  }

  @Test
  void shouldOpenNothingForAHoldoutAlert() {
    assertThat(opening.openFor(TestingAlerts.holdoutOffer("PH1"))).isEmpty();
  }

  @Test
  void shouldOpenNothingForAJourneyMessageToAReceiver() {
    Alert message = TestingAlerts.standardOffer("PH1");
    message.messageTo = "branch-lead-sh";

    assertThat(opening.openFor(message)).isEmpty();
  }

  @Test
  void shouldGiveOrphansToTheSeniorPool() {
    Alert a = TestingAlerts.highValueCallback("PH1");
    a.agentId = null;

    assertThat(opening.openFor(a).orElseThrow().owner()).isEqualTo("senior-pool");
  }

  @Test
  void shouldOpenTheCaseInTheOwnersBranch() {
    CaseOpening withBranches =
        new CaseOpening(
            "senior-pool",
            RetentionDesk.SYSTEM_ACTOR,
            owner -> owner.equals("senior-pool") ? "shanghai" : null);
    Alert orphan = TestingAlerts.highValueCallback("PH1");
    orphan.agentId = null;
    Alert unknownAgent = TestingAlerts.standardOffer("PH2");

    assertThat(withBranches.openFor(orphan).orElseThrow().branch()).isEqualTo("shanghai");
    assertThat(withBranches.openFor(unknownAgent).orElseThrow().branch()).isNull();
    assertThat(opening.openFor(orphan).orElseThrow().branch()).isNull();
  }

  @Test
  void shouldDueTheCaseByTheEndOfTheDeadlineDay() {
    Alert a = TestingAlerts.standardOffer("PH1");

    Instant deadline = opening.openFor(a).orElseThrow().deadline();

    assertThat(deadline)
        .isEqualTo(
            java.time.LocalDate.ofEpochDay(a.deadline)
                .plusDays(1)
                .atStartOfDay(java.time.ZoneOffset.UTC)
                .toInstant());
  }
}
