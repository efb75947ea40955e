package io.lapsewatch.journeys.engine;

/**
 * What a journey signal says. Signals of the same event time are applied in this order: an erasure
 * or an opt-out at the very moment of a step wins over it, and a term's end over a new alert.
 */
public enum SignalKind {
  /** The policyholder was erased (carries the job's erasure marker). */
  ERASURE,
  /** Contact consent changed. */
  CONSENT,
  /** A term was renewed. */
  RENEWED,
  /** A term lapsed or was cancelled. */
  LAPSED,
  /** An agent reported a callback's result. */
  CALLBACK_RESULT,
  /** A renewal offer reached the policyholder. */
  OFFER_RECEIVED,
  /** The decision raised an at-risk alert. */
  ALERT,
  /** A fresh score of a term that has been alerted. */
  RISK
}
