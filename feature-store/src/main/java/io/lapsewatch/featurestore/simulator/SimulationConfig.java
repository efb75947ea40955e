package io.lapsewatch.featurestore.simulator;

import java.time.LocalDate;

/**
 * What to simulate: how many policyholders, over how many days from which start date, with which
 * seed. The same config always yields the same events.
 */
public record SimulationConfig(int policyholders, int days, long seed, LocalDate startDate) {
  public static final LocalDate DEFAULT_START = LocalDate.of(2025, 1, 1);

  public SimulationConfig {
    if (policyholders < 1) {
      throw new IllegalArgumentException(
          "--policyholders must be at least 1, was " + policyholders);
    }
    if (days < 1 || days > 3650) {
      throw new IllegalArgumentException("--days must be in 1..3650, was " + days);
    }
    if (startDate == null) {
      throw new IllegalArgumentException("start date is required");
    }
  }

  public static SimulationConfig of(int policyholders, int days, long seed) {
    return new SimulationConfig(policyholders, days, seed, DEFAULT_START);
  }

  /** Epoch day of the first simulated day. */
  public int firstDay() {
    return (int) startDate.toEpochDay();
  }
}
