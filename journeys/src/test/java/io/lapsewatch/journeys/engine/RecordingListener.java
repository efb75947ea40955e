package io.lapsewatch.journeys.engine;

import io.lapsewatch.alertcontract.Arm;
import io.lapsewatch.journeys.plan.ExitReason;
import java.util.ArrayList;
import java.util.List;

/** A listener that writes down every move, as "entered standard-renewal v1 TREATED" lines. */
final class RecordingListener implements JourneyListener {
  final List<String> moves = new ArrayList<>();

  @Override
  public void entered(String plan, int version, Arm arm) {
    moves.add("entered " + plan + " v" + version + " " + arm);
  }

  @Override
  public void entryRefused(String plan, int version, Arm arm) {
    moves.add("refused " + plan + " v" + version + " " + arm);
  }

  @Override
  public void step(String plan, int version, String step, StepResult result, Arm arm) {
    moves.add(result.label() + " " + plan + "/" + step);
  }

  @Override
  public void completed(String plan, int version, Arm arm) {
    moves.add("completed " + plan);
  }

  @Override
  public void exited(String plan, int version, String atStep, ExitReason reason, Arm arm) {
    moves.add("exited " + plan + " at " + atStep + " " + reason.label());
  }
}
