package io.lapsewatch.retentiondesk;

import io.lapsewatch.featurestore.events.EventType;
import io.lapsewatch.featurestore.events.PolicyEvent;
import java.util.Optional;

/**
 * Turns a recorded result into the {@code policy-events} event the scoring job and outcome tracking
 * read (contract v1): a callback task's result is a {@code CALLBACK_COMPLETED} with the result as
 * {@code payload.result}; a renewal offer that reached the policyholder is an {@code OFFER_SENT}
 * whose {@code payload.offerId} is the case id. An offer that could not be delivered (unreachable,
 * wrong contact) sends nothing: the feature counts offers received, and none was.
 */
public final class ResultPolicyEvents {
  private ResultPolicyEvents() {}

  /** The policy event for {@code result} on {@code before} (the case as it was), if any. */
  public static Optional<PolicyEvent> of(RetentionCase before, CaseEvent result) {
    if (result.kind() != CaseEventKind.RESULT_RECORDED) {
      throw new IllegalArgumentException(result + " is not a recorded result");
    }
    if (before.policyholderId() == null) {
      return Optional.empty();
    }
    PolicyEvent e = new PolicyEvent();
    e.eventId = CaseIds.policyEvent(result.eventId());
    e.policyholderId = before.policyholderId();
    e.policyId = before.policyId();
    e.occurredAt = result.at().toEpochMilli();
    if (before.action() == CaseAction.CALLBACK_TASK) {
      e.type = EventType.CALLBACK_COMPLETED;
      e.topic = result.result().name();
      return Optional.of(e);
    }
    if (!result.result().reached()) {
      return Optional.empty();
    }
    e.type = EventType.OFFER_SENT;
    e.refId = before.caseId();
    return Optional.of(e);
  }
}
