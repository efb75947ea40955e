package io.lapsewatch.retentiondesk;

import static io.lapsewatch.retentiondesk.TestingCases.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.featurestore.events.EventCodec;
import io.lapsewatch.featurestore.events.EventType;
import io.lapsewatch.featurestore.events.PolicyEvent;
import org.junit.jupiter.api.Test;

class ResultPolicyEventsTest {

  @Test
  void shouldReportACallbackResultAsAContractValidCallbackCompleted() throws Exception {
    RetentionCase c = fold(opened(CaseAction.CALLBACK_TASK));
    CaseEvent r = result("r1", ResultKind.UNREACHABLE);

    PolicyEvent e = ResultPolicyEvents.of(c, r).orElseThrow();

    assertThat(e.type).isEqualTo(EventType.CALLBACK_COMPLETED);
    assertThat(e.topic).isEqualTo("UNREACHABLE");
    assertThat(e.policyholderId).isEqualTo(HOLDER);
    assertThat(e.policyId).isEqualTo("PO0001-0");
    assertThat(e.occurredAt).isEqualTo(LATER.toEpochMilli());
    assertThat(e.eventId).isEqualTo(CaseIds.policyEvent(r.eventId()));
    assertThat(EventCodec.parse(EventCodec.toBytes(e))).isEqualTo(e);
  }

  @Test
  void shouldReportAnOfferThatReachedThePolicyholderAsOfferSent() throws Exception {
    RetentionCase c = fold(opened(CaseAction.RENEWAL_OFFER));

    PolicyEvent e = ResultPolicyEvents.of(c, result("r1", ResultKind.ACCEPTED)).orElseThrow();

    assertThat(e.type).isEqualTo(EventType.OFFER_SENT);
    assertThat(e.refId).isEqualTo(CASE);
    assertThat(EventCodec.parse(EventCodec.toBytes(e))).isEqualTo(e);
  }

  @Test
  void shouldReportNoOfferWhenThePolicyholderWasNotReached() throws Exception {
    RetentionCase c = fold(opened(CaseAction.RENEWAL_OFFER));

    assertThat(ResultPolicyEvents.of(c, result("r1", ResultKind.WRONG_CONTACT))).isEmpty();
  }

  @Test
  void shouldGiveTheSamePolicyEventIdForTheSameRequest() throws Exception {
    RetentionCase c = fold(opened(CaseAction.CALLBACK_TASK));

    assertThat(ResultPolicyEvents.of(c, result("r1", ResultKind.REACHED)).orElseThrow().eventId)
        .isEqualTo(ResultPolicyEvents.of(c, result("r1", ResultKind.REACHED)).orElseThrow().eventId)
        .isNotEqualTo(
            ResultPolicyEvents.of(c, result("r2", ResultKind.REACHED)).orElseThrow().eventId);
  }
}
