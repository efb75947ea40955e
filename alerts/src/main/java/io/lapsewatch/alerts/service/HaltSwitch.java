package io.lapsewatch.alerts.service;

import java.util.function.BooleanSupplier;

/** Asked before every delivery and commit: a halted service (a simulated crash) stops at once. */
final class HaltSwitch {
  private final BooleanSupplier halted;

  HaltSwitch(BooleanSupplier halted) {
    this.halted = halted;
  }

  /**
   * @throws AlertProcessor.Halted when the service was halted
   */
  void check() {
    if (halted.getAsBoolean()) {
      throw new AlertProcessor.Halted();
    }
  }
}
