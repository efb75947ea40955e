package io.lapsewatch.alerts.contract;

/** Experiment arm: treated alerts are acted on, holdout alerts only tracked. */
public enum Arm {
  TREATED,
  HOLDOUT
}
