package io.lapsewatch.modeltraining.calibration;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** Maps a model's raw score to a probability that matches observed lapse frequencies. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "method")
@JsonSubTypes({
  @JsonSubTypes.Type(value = PlattScaling.class, name = PlattScaling.NAME),
  @JsonSubTypes.Type(value = IsotonicCalibration.class, name = IsotonicCalibration.NAME)
})
public sealed interface Calibrator permits PlattScaling, IsotonicCalibration {

  /** Calibrated probability for one raw score in [0, 1]. */
  double calibrate(double raw);

  /** {@code platt} or {@code isotonic}. */
  String methodName();

  /** Calibrated probabilities for many raw scores. */
  default double[] calibrateAll(double[] raw) {
    double[] out = new double[raw.length];
    for (int i = 0; i < raw.length; i++) {
      out[i] = calibrate(raw[i]);
    }
    return out;
  }
}
