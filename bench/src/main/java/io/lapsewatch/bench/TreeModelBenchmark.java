package io.lapsewatch.bench;

import io.lapsewatch.featurestore.features.PolicyholderState;
import io.lapsewatch.featurestore.simulator.SimulationConfig;
import io.lapsewatch.featurestore.simulator.Simulator;
import io.lapsewatch.modeltraining.TrainCommand;
import io.lapsewatch.modeltraining.model.ChurnModel;
import io.lapsewatch.modeltraining.model.ModelRegistry;
import io.lapsewatch.modeltraining.trainers.TrainerKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Microseconds per row to score the gradient-boosted trees model (100 boosting rounds, depth 4, two
 * classes) as the job scores it online: the trees walked in pure Java, one row at a time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx1g"})
public class TreeModelBenchmark {
  private static final int ROWS = 1024;

  private ChurnModel model;
  private double[][] rows;
  private int i;

  @Setup
  public void train() throws Exception {
    Path registry = Files.createTempDirectory("lapsewatch-bench-trees");
    TrainCommand.trainOnSimulation(
        SimulationConfig.of(2000, 365, 9), registry, TrainerKind.GBT, true);
    model = new ModelRegistry(registry).loadCurrent();
    Map<String, PolicyholderState> states = new HashMap<>();
    new Simulator(SimulationConfig.of(ROWS, 365, 10))
        .run(e -> states.computeIfAbsent(e.policyholderId, k -> new PolicyholderState()).apply(e));
    List<double[]> pool = new ArrayList<>();
    states.forEach((id, s) -> pool.add(s.vector(id, s.lastEventAt()).values));
    rows = new double[ROWS][];
    for (int r = 0; r < ROWS; r++) {
      rows[r] = pool.get(r % pool.size());
    }
  }

  /** The score of a 100-round boosted model as the job computes it online. */
  @Benchmark
  public double treeScore() {
    return model.score(rows[i++ & (ROWS - 1)]);
  }
}
