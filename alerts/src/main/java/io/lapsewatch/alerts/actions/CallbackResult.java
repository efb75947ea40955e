package io.lapsewatch.alerts.actions;

/** What an agent reports after a callback attempt. */
public enum CallbackResult {
  /** Spoke to the policyholder; no decision yet (the case stays open). */
  REACHED(true, false),
  /** The policyholder accepted the renewal offer (closes the case). */
  OFFER_ACCEPTED(true, true),
  /** The policyholder declined (closes the case). */
  DECLINED(true, true),
  /** Could not reach the policyholder (the case stays open). */
  UNREACHABLE(false, false);

  private final boolean contact;
  private final boolean closes;

  CallbackResult(boolean contact, boolean closes) {
    this.contact = contact;
    this.closes = closes;
  }

  /** True when the agent actually spoke to the policyholder. */
  public boolean isContact() {
    return contact;
  }

  /** True when the case is closed by this result. */
  public boolean closesCase() {
    return closes;
  }
}
