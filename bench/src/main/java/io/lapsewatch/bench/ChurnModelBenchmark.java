package io.lapsewatch.bench;

import io.lapsewatch.modeltraining.model.ChurnModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Microseconds per row to score the baseline logistic-regression lapse model, trained in setup on a
 * simulated year and scored on real feature rows.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx1g"})
public class ChurnModelBenchmark {
  /** Rows scored round-robin; a power of two so the index is a mask. */
  private static final int ROWS = 1024;

  @Param("3000")
  public int trainingPolicyholders;

  private Path registry;
  private ChurnModel model;
  private double[][] rows;
  private int i;

  @Setup
  public void train() throws IOException {
    registry = Files.createTempDirectory("lapsewatch-bench-model");
    Workloads.TrainedModel trained =
        Workloads.trainLogisticRegression(trainingPolicyholders, 5, registry, ROWS);
    model = trained.model();
    List<double[]> pool = trained.rows();
    rows = new double[ROWS][];
    for (int r = 0; r < ROWS; r++) {
      // Fewer real rows than the pool size only when the simulation is tiny: repeat them.
      rows[r] = pool.get(r % pool.size());
    }
  }

  @TearDown
  public void deleteRegistry() throws IOException {
    BenchCommand.deleteTree(registry);
  }

  /** The score as the job computes it online. */
  @Benchmark
  public double score() {
    return model.score(rows[i++ & (ROWS - 1)]);
  }

  /** The same score through Tribuo's own predict (the reference implementation). */
  @Benchmark
  public double tribuoScore() {
    return model.tribuoScore(rows[i++ & (ROWS - 1)]);
  }

  /** Score plus the per-feature contributions the job attaches to every scored vector. */
  @Benchmark
  public Object scoreAndExplain() {
    double[] row = rows[i++ & (ROWS - 1)];
    return new Object[] {model.score(row), model.explain(row, row.length)};
  }
}
