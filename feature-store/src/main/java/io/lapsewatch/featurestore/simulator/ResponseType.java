package io.lapsewatch.featurestore.simulator;

/**
 * A simulated policyholder's hidden response to one retention action on one renewing term: what it
 * does with and without the action. Evaluation-only ground truth, never a feature.
 */
public enum ResponseType {
  /** Would lapse without the action and renews with it: the action saves the term (effect +1). */
  PERSUADABLE,
  /** Renews with or without the action (effect 0). */
  SURE_THING,
  /** Lapses with or without the action (effect 0). */
  LOST_CAUSE,
  /** Would renew, but the contact drives them away: lapses only when contacted (effect -1). */
  SLEEPING_DOG,
  /**
   * The homogeneous world's would-be lapser: the action keeps it with the fixed {@link
   * RetentionProgramme#saveRate} (effect = that rate). Never drawn in the heterogeneous world.
   */
  PARTLY_PERSUADABLE
}
