package io.lapsewatch.journeys.engine;

import io.lapsewatch.alertcontract.Arm;
import io.lapsewatch.journeys.plan.ExitReason;

/** Told of every move the engine makes, to count them (the job's metrics and accumulators). */
public interface JourneyListener {
  /** A policyholder entered {@code plan} at version {@code version}. */
  void entered(String plan, int version, Arm arm);

  /**
   * A policyholder qualified for {@code plan} but is on another journey of equal or higher
   * priority: the alert goes nowhere, counted as a suppressed entry.
   */
  void entryRefused(String plan, int version, Arm arm);

  /** A step was taken, skipped or cancelled. */
  void step(String plan, int version, String step, StepResult result, Arm arm);

  /**
   * A policyholder's journey has no step left (all taken or skipped, or a skipped step ended it);
   * they stay on it until an exit (renewal, lapse, term end...) says how it ended.
   */
  void completed(String plan, int version, Arm arm);

  /** A policyholder left the journey while {@code atStep} was next ("end" after the last). */
  void exited(String plan, int version, String atStep, ExitReason reason, Arm arm);

  /** A listener that counts nothing. */
  JourneyListener NONE =
      new JourneyListener() {
        @Override
        public void entered(String plan, int version, Arm arm) {}

        @Override
        public void entryRefused(String plan, int version, Arm arm) {}

        @Override
        public void step(String plan, int version, String step, StepResult result, Arm arm) {}

        @Override
        public void completed(String plan, int version, Arm arm) {}

        @Override
        public void exited(String plan, int version, String atStep, ExitReason reason, Arm arm) {}
      };
}
