package io.lapsewatch.featurestore.simulator;

/**
 * How simulated policyholders respond to the retention programme's contact (see docs/uplift.md,
 * "The simulated world").
 */
public enum TreatmentEffects {
  /**
   * The simulator as it always was: a contact keeps a fixed share of would-be lapsers ({@link
   * RetentionProgramme#saveRate}), the same for everyone, and never drives anyone away. The
   * default; its histories are exactly those of the simulator before response types existed.
   */
  HOMOGENEOUS,
  /**
   * Each policyholder has a hidden {@link ResponseType} per action, drawn from its observable
   * behaviour at the renewal quote ({@link ResponseTypes}): persuadables renew only when contacted,
   * sleeping dogs lapse only when contacted.
   */
  HETEROGENEOUS
}
