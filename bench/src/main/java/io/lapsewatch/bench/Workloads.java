package io.lapsewatch.bench;

import io.lapsewatch.featurestore.events.PolicyEvent;
import io.lapsewatch.featurestore.features.FeatureVector;
import io.lapsewatch.featurestore.features.PolicyholderState;
import io.lapsewatch.featurestore.simulator.SimulationConfig;
import io.lapsewatch.featurestore.simulator.Simulator;
import io.lapsewatch.modeltraining.LapseTrainer;
import io.lapsewatch.modeltraining.TrainingSetBuilder;
import io.lapsewatch.modeltraining.model.ChurnModel;
import io.lapsewatch.modeltraining.model.ModelRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Simulated inputs shared by the JMH benchmarks and the benchmark command. */
public final class Workloads {
  /** Days of history that fill every rolling window, the longest being 365 days. */
  public static final int FULL_YEAR = 365;

  /**
   * Tribuo logs every training run at INFO through java.util.logging; held here so the level sticks
   * (the logging framework keeps loggers only weakly).
   */
  private static final java.util.logging.Logger TRIBUO_LOG = quietTribuo();

  private Workloads() {}

  private static java.util.logging.Logger quietTribuo() {
    java.util.logging.Logger tribuo = java.util.logging.Logger.getLogger("org.tribuo");
    tribuo.setLevel(java.util.logging.Level.WARNING);
    return tribuo;
  }

  /**
   * A simulated book of policyholders after a year of history.
   *
   * @param states every policyholder's state after the last event
   * @param recentUpdates the vectors the job would emit for the most recent events (one per event,
   *     in event-time order), as offered to the feature-store sink
   * @param events every event of the year, in event-time order (only when asked for)
   * @param eventCount events simulated
   * @param seconds wall time of the simulation
   */
  public record Book(
      Map<String, PolicyholderState> states,
      List<FeatureVector> recentUpdates,
      List<PolicyEvent> events,
      long eventCount,
      double seconds) {}

  /**
   * Simulates {@code holders} policyholders over a full year, folding every event into its holder's
   * state.
   *
   * @param keepUpdates how many of the most recent per-event vectors to keep
   * @param keepEvents whether to keep the events themselves (memory grows with them)
   */
  public static Book yearOfHistory(int holders, long seed, int keepUpdates, boolean keepEvents) {
    Map<String, PolicyholderState> states = new HashMap<>(holders * 2);
    ArrayDeque<FeatureVector> recent = new ArrayDeque<>(Math.max(1, keepUpdates));
    List<PolicyEvent> events = new ArrayList<>();
    long t0 = System.nanoTime();
    long n =
        new Simulator(SimulationConfig.of(holders, FULL_YEAR, seed))
            .run(
                e -> {
                  PolicyholderState s =
                      states.computeIfAbsent(e.policyholderId, k -> new PolicyholderState());
                  s.apply(e);
                  if (keepEvents) {
                    events.add(e);
                  }
                  if (keepUpdates > 0) {
                    if (recent.size() == keepUpdates) {
                      recent.removeFirst();
                    }
                    recent.addLast(s.vector(e.policyholderId, e.occurredAt));
                  }
                });
    return new Book(states, new ArrayList<>(recent), events, n, (System.nanoTime() - t0) / 1e9);
  }

  /** A trained model and real rows to score with it. */
  public record TrainedModel(ChurnModel model, List<double[]> rows, int trainingExamples) {}

  /**
   * Trains the baseline logistic-regression lapse model on a simulated year, publishes it in a
   * registry under {@code registryDir}, and keeps up to {@code rowCount} real feature rows (the
   * policyholders' vectors at the end of the year) to score.
   */
  public static TrainedModel trainLogisticRegression(
      int holders, long seed, Path registryDir, int rowCount) throws IOException {
    TRIBUO_LOG.fine("training a benchmark model");
    TrainingSetBuilder builder = new TrainingSetBuilder(60, 30);
    Map<String, PolicyholderState> states = new HashMap<>(holders * 2);
    new Simulator(SimulationConfig.of(holders, FULL_YEAR, seed))
        .run(
            e -> {
              builder.accept(e);
              states.computeIfAbsent(e.policyholderId, k -> new PolicyholderState()).apply(e);
            });
    ModelRegistry registry = new ModelRegistry(registryDir);
    LapseTrainer.Result trained = LapseTrainer.train(builder.examples(), registry);
    registry.publish(trained.version());
    List<double[]> rows = new ArrayList<>(rowCount);
    for (Map.Entry<String, PolicyholderState> e : states.entrySet()) {
      if (rows.size() == rowCount) {
        break;
      }
      rows.add(e.getValue().vector(e.getKey(), e.getValue().lastEventAt()).values);
    }
    return new TrainedModel(registry.loadCurrent(), rows, builder.examples().size());
  }
}
