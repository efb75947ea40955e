package io.lapsewatch.alertcontract;

/** Coarse band of a lapse score, for routing and cooldown. */
public enum RiskBand {
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL;

  /** The band of a calibrated lapse probability. */
  public static RiskBand of(double score) {
    if (score >= 0.7) {
      return CRITICAL;
    }
    if (score >= 0.5) {
      return HIGH;
    }
    if (score >= 0.3) {
      return MEDIUM;
    }
    return LOW;
  }
}
