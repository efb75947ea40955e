package io.lapsewatch.retentiondesk;

import io.lapsewatch.alertcontract.RetentionAction;

/** What a retention case asks of its owner. */
public enum CaseAction {
  /** Send the policyholder a renewal offer (alert action {@code RENEWAL_OFFER}). */
  RENEWAL_OFFER,
  /** Call the policyholder back (alert action {@code AGENT_CALLBACK}). */
  CALLBACK_TASK;

  /** The case action for an alert's retention action. */
  public static CaseAction of(RetentionAction action) {
    return switch (action) {
      case RENEWAL_OFFER -> RENEWAL_OFFER;
      case AGENT_CALLBACK -> CALLBACK_TASK;
    };
  }
}
