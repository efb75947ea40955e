package io.lapsewatch.alerts.actions;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.TestingAlerts;
import io.lapsewatch.alertcontract.Tier;
import io.lapsewatch.alerts.metrics.AlertMetrics;
import io.lapsewatch.alerts.metrics.OutcomeMetrics;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CallbackBookTest {
  private static final Instant OPENED = Instant.parse("2026-05-20T08:00:00Z");

  private final AlertMetrics metrics = new AlertMetrics();
  private final OutcomeMetrics outcomes =
      new OutcomeMetrics(metrics.registry(), Duration.ofDays(30));
  private final CallbackBook book =
      new CallbackBook(metrics.registry(), outcomes.timeToFirstContact());
  private final Alert alert = TestingAlerts.highValueCallback("PH-1001");

  @Test
  void shouldTrackAContactAndTheClosingOfACase() {
    book.opened(alert, OPENED);
    assertThat(book.open(Tier.HIGH_VALUE)).isEqualTo(1);

    assertThat(book.record(alert.alertId, CallbackResult.UNREACHABLE, OPENED.plusSeconds(3600)))
        .isEqualTo(CallbackBook.Recorded.OPEN);
    assertThat(book.record(alert.alertId, CallbackResult.REACHED, OPENED.plus(Duration.ofHours(6))))
        .isEqualTo(CallbackBook.Recorded.OPEN);
    assertThat(
            book.record(
                alert.alertId, CallbackResult.OFFER_ACCEPTED, OPENED.plus(Duration.ofDays(2))))
        .isEqualTo(CallbackBook.Recorded.CLOSED);
    assertThat(book.record(alert.alertId, CallbackResult.DECLINED, OPENED.plus(Duration.ofDays(3))))
        .isEqualTo(CallbackBook.Recorded.ALREADY_CLOSED);

    assertThat(book.open(Tier.HIGH_VALUE)).isZero();
    String text = metrics.scrape();
    // First contact at 6 h (the unreachable attempt is not a contact), closed at 2 days.
    assertThat(text)
        .contains(
            "lapsewatch_time_to_first_contact_seconds_bucket{tier=\"HIGH_VALUE\",le=\"14400.0\"} 0")
        .contains(
            "lapsewatch_time_to_first_contact_seconds_bucket{tier=\"HIGH_VALUE\",le=\"43200.0\"} 1")
        .contains("lapsewatch_case_closure_seconds_bucket{tier=\"HIGH_VALUE\",le=\"86400.0\"} 0")
        .contains("lapsewatch_case_closure_seconds_bucket{tier=\"HIGH_VALUE\",le=\"172800.0\"} 1")
        .contains(
            "lapsewatch_callback_results_total{result=\"UNREACHABLE\",tier=\"HIGH_VALUE\"} 1.0")
        .contains("lapsewatch_callback_results_total{result=\"DECLINED\",tier=\"HIGH_VALUE\"} 0.0")
        .contains("lapsewatch_callbacks_open{tier=\"HIGH_VALUE\"} 0.0");
  }

  @Test
  void shouldRefuseResultsForUnknownTasksAndOpenEachTaskOnce() {
    assertThat(book.record("al-nope", CallbackResult.REACHED, OPENED))
        .isEqualTo(CallbackBook.Recorded.UNKNOWN);

    book.opened(alert, OPENED);
    book.opened(alert, OPENED.plusSeconds(60));

    assertThat(book.open(Tier.HIGH_VALUE)).isEqualTo(1);
    assertThat(book.openedAt(alert.alertId)).hasValue(OPENED);
  }

  @Test
  void shouldWriteActionRecordsWithTypePriorityAndDeadline() throws Exception {
    String json = ActionRecords.toJson(alert, OPENED);
    var n = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);

    assertThat(n.get("type").asText()).isEqualTo("CALLBACK_TASK");
    assertThat(n.get("priority").asText()).isEqualTo("HIGH");
    assertThat(n.get("agentId").asText()).isEqualTo("AG-17");
    assertThat(n.get("deadline").asText()).isEqualTo("2026-06-12");
    assertThat(n.get("actionId").asText()).isEqualTo(alert.alertId);
    assertThat(ActionRecords.type(TestingAlerts.standardOffer("PH-2"))).isEqualTo("RENEWAL_OFFER");
    assertThat(ActionRecords.priority(TestingAlerts.standardOffer("PH-2"))).isEqualTo("NORMAL");
  }

  @Test
  void shouldCountTheSameResultOnceAndRefuseAnotherResultForAClosedCase() {
    book.opened(alert, OPENED);
    assertThat(book.record(alert.alertId, CallbackResult.REACHED, OPENED.plusSeconds(3600)))
        .isEqualTo(CallbackBook.Recorded.OPEN);
    assertThat(book.record(alert.alertId, CallbackResult.REACHED, OPENED.plusSeconds(7200)))
        .isEqualTo(CallbackBook.Recorded.DUPLICATE);
    assertThat(book.record(alert.alertId, CallbackResult.DECLINED, OPENED.plusSeconds(9000)))
        .isEqualTo(CallbackBook.Recorded.CLOSED);
    String afterClosing = metrics.scrape();

    // The app retries the closing report; then someone reports something else.
    assertThat(book.record(alert.alertId, CallbackResult.DECLINED, OPENED.plusSeconds(9000)))
        .isEqualTo(CallbackBook.Recorded.DUPLICATE);
    assertThat(book.record(alert.alertId, CallbackResult.OFFER_ACCEPTED, OPENED.plusSeconds(9999)))
        .isEqualTo(CallbackBook.Recorded.ALREADY_CLOSED);

    assertThat(metrics.scrape()).isEqualTo(afterClosing);
    assertThat(afterClosing)
        .contains("lapsewatch_callback_results_total{result=\"REACHED\",tier=\"HIGH_VALUE\"} 1.0")
        .contains("lapsewatch_callback_results_total{result=\"DECLINED\",tier=\"HIGH_VALUE\"} 1.0")
        .contains("lapsewatch_case_closure_seconds_count{tier=\"HIGH_VALUE\"} 1")
        .contains("lapsewatch_case_closure_seconds_sum{tier=\"HIGH_VALUE\"} 9000.0");
  }

  @Test
  void shouldRefuseAResultFromBeforeTheTaskWasOpened() {
    book.opened(alert, OPENED);

    assertThat(book.record(alert.alertId, CallbackResult.DECLINED, OPENED.minusSeconds(1)))
        .isEqualTo(CallbackBook.Recorded.BEFORE_OPENING);

    assertThat(book.open(Tier.HIGH_VALUE)).isEqualTo(1);
    assertThat(metrics.scrape())
        .contains("lapsewatch_case_closure_seconds_count{tier=\"HIGH_VALUE\"} 0");
  }

  @Test
  void shouldForgetAnErasedPolicyholdersTasksOnly() {
    Alert other = TestingAlerts.highValueCallback("PH-2002");
    book.opened(alert, OPENED);
    book.opened(other, OPENED);

    assertThat(book.tasksOf("PH-1001")).containsExactly(alert.alertId);
    assertThat(book.forget("PH-1001")).isEqualTo(1);

    assertThat(book.tasksOf("PH-1001")).isEmpty();
    assertThat(book.openedAt(alert.alertId)).isEmpty();
    assertThat(book.record(alert.alertId, CallbackResult.REACHED, OPENED))
        .isEqualTo(CallbackBook.Recorded.UNKNOWN);
    assertThat(book.openedAt(other.alertId)).hasValue(OPENED);
    assertThat(book.open(Tier.HIGH_VALUE)).isEqualTo(1);
    assertThat(book.forget("PH-1001")).isZero();
  }
}
