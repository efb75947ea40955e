package io.lapsewatch.bench;

import java.io.PrintStream;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/** Runs the JMH benchmarks from the benchmark command, with few iterations, in a forked JVM. */
final class MicroBench {
  private final PrintStream log;
  private final BenchResults results;
  private final boolean quick;

  MicroBench(PrintStream log, BenchResults results, boolean quick) {
    this.log = log;
    this.results = results;
    this.quick = quick;
  }

  void run() throws Exception {
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .include(ChurnModelBenchmark.class.getName() + "\\.")
            .include(TreeModelBenchmark.class.getName() + "\\.")
            .include(
                PolicyholderStateBenchmark.class.getName() + "\\.(jobPathPerEvent|applyAndVector)")
            .forks(1)
            .warmupIterations(quick ? 2 : 3)
            .warmupTime(TimeValue.seconds(1))
            .measurementIterations(quick ? 3 : 5)
            .measurementTime(TimeValue.seconds(quick ? 1 : 2))
            .timeUnit(TimeUnit.MICROSECONDS)
            .shouldFailOnError(true);
    log.printf(
        "  JMH: %s warm-up and %s measurement iterations, 1 fork%n",
        quick ? "2 x 1 s" : "3 x 1 s", quick ? "3 x 1 s" : "5 x 2 s");
    Collection<RunResult> runs =
        new Runner(
                options.build(), OutputFormatFactory.createFormatInstance(log, VerboseMode.SILENT))
            .run();
    Map<String, Double> us = new HashMap<>();
    Map<String, Double> error = new HashMap<>();
    for (RunResult r : runs) {
      String label = r.getParams().getBenchmark();
      String name = label.substring(label.lastIndexOf('.') + 1);
      us.put(name, r.getPrimaryResult().getScore());
      error.put(name, r.getPrimaryResult().getScoreError());
    }
    String jmh =
        String.format(
            "JMH avgt, 1 fork, %s", quick ? "2x1 s warm-up, 3x1 s measured" : "3x1 s + 5x2 s");
    put(
        "score",
        "score_us_per_row",
        "ChurnModel.score (logistic regression as scored online) on real rows, model trained in"
            + " setup on a simulated year of 3,000 policyholders; "
            + jmh,
        "<= 5",
        us,
        error);
    put(
        "score",
        "score_tribuo_us_per_row",
        "ChurnModel.tribuoScore: the same rows through Tribuo's predict; " + jmh,
        null,
        us,
        error);
    put(
        "score",
        "score_and_explain_us_per_row",
        "ChurnModel.score + explain (the reasons attached to every scored vector); " + jmh,
        null,
        us,
        error);
    put(
        "state",
        "state_us_per_event",
        "per event with a serializing state backend (RocksDB): fromBytes, apply, toBytes,"
            + " vector (the heap backend keeps the object and skips the two codec steps);"
            + " a simulated year of 1,000 policyholders replayed from empty states; "
            + jmh,
        null,
        us,
        error);
    put(
        "state",
        "state_apply_and_vector_us_per_event",
        "per event on a heap state: apply + vector, no serialization; " + jmh,
        null,
        us,
        error);
    put(
        "score",
        "score_us_per_row_trees",
        "ChurnModel.score of gradient-boosted trees (XGBoost, 100 rounds of depth 4, two"
            + " classes = 200 trees) walked in pure Java, one row at a time, trained in setup on"
            + " a simulated year of 2,000 policyholders; "
            + jmh,
        "<= 10",
        us,
        error);
  }

  private static final Map<String, String> METHOD =
      Map.of(
          "score_us_per_row", "score",
          "score_us_per_row_trees", "treeScore",
          "score_tribuo_us_per_row", "tribuoScore",
          "score_and_explain_us_per_row", "scoreAndExplain",
          "state_us_per_event", "jobPathPerEvent",
          "state_apply_and_vector_us_per_event", "applyAndVector");

  private void put(
      String section,
      String key,
      String how,
      String aim,
      Map<String, Double> us,
      Map<String, Double> error) {
    String method = METHOD.get(key);
    Double v = us.get(method);
    if (v == null) {
      results.notMeasured(key, "JMH benchmark " + method + " produced no result");
      return;
    }
    String err =
        Double.isNaN(error.get(method)) ? "" : String.format(" (±%.3f)", error.get(method));
    results.figure(section, key, v, "µs", aim, how + err);
    log.printf("  %s: %.3f µs%s%n", key, v, err);
  }
}
