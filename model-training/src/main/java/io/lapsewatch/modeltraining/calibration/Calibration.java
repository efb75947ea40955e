package io.lapsewatch.modeltraining.calibration;

/** Chooses and fits the calibration method for a held-out calibration slice. */
public final class Calibration {
  /**
   * From this many calibration rows isotonic regression is used; below it, Platt scaling, whose two
   * parameters cannot overfit a small slice.
   */
  public static final int ISOTONIC_MIN_ROWS = 1_000;

  private Calibration() {}

  /** Fits isotonic regression on at least {@link #ISOTONIC_MIN_ROWS} rows, else Platt scaling. */
  public static Calibrator fit(double[] raw, boolean[] positive) {
    return raw.length >= ISOTONIC_MIN_ROWS
        ? IsotonicCalibration.fit(raw, positive)
        : PlattScaling.fit(raw, positive);
  }
}
