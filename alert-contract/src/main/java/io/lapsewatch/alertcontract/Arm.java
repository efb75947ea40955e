package io.lapsewatch.alertcontract;

/** Experiment arm: treated alerts are acted on, holdout alerts only tracked. */
public enum Arm {
  TREATED,
  HOLDOUT
}
