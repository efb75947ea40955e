package io.lapsewatch.retentiondesk;

import java.util.Optional;

/** A result an agent reports on a case: the buttons of the case page. */
public enum ResultKind {
  /** Talked to the policyholder; the case stays open as CONTACTED. */
  REACHED(null),
  /** The offer was accepted: closes ACCEPTED. */
  ACCEPTED(Resolution.ACCEPTED),
  /** The policyholder declined: closes DECLINED. */
  DECLINED(Resolution.DECLINED),
  /** Could not reach them: closes UNREACHABLE unless a next attempt is planned. */
  UNREACHABLE(Resolution.UNREACHABLE),
  /** The contact details were wrong: like UNREACHABLE. */
  WRONG_CONTACT(Resolution.UNREACHABLE);

  private final Resolution closesAs;

  ResultKind(Resolution closesAs) {
    this.closesAs = closesAs;
  }

  /**
   * The resolution this result closes the case with, or empty when the case stays open: REACHED
   * always, an unreachable result when a next attempt is planned.
   */
  public Optional<Resolution> closesAs(boolean nextAttemptPlanned) {
    if (closesAs == Resolution.UNREACHABLE && nextAttemptPlanned) {
      return Optional.empty();
    }
    return Optional.ofNullable(closesAs);
  }

  /** True when the policyholder was actually spoken to. */
  public boolean reached() {
    return this == REACHED || this == ACCEPTED || this == DECLINED;
  }
}
