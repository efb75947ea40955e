package io.lapsewatch.journeys.plan;

/**
 * What a step does: a renewal offer (optionally by a given channel), a callback task for the agent,
 * or a message to a named receiver of the alerts service's routing file.
 *
 * @param kind the action
 * @param offerChannel for offers, the channel the offer system should use (e.g. EMAIL), or null
 * @param messageTo for messages, the receiver's name
 */
public record StepAction(Kind kind, String offerChannel, String messageTo)
    implements java.io.Serializable {

  /** The kinds of action; the first two are the existing retention actions. */
  public enum Kind {
    RENEWAL_OFFER,
    CALLBACK,
    MESSAGE
  }

  /** True when the action reaches the policyholder or opens a case for an agent. */
  public boolean contactsPolicyholder() {
    return kind != Kind.MESSAGE;
  }
}
