package io.lapsewatch.modeltraining;

import io.lapsewatch.featurestore.simulator.NdjsonEvents;
import io.lapsewatch.modeltraining.model.ModelRegistry;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** {@code lapsewatch train --events FILE --out DIR [--cutoffs 60,30] [--publish]}. */
public final class TrainCommand {
  private TrainCommand() {}

  /**
   * Simulates a history and trains on it straight from the simulator (no file in between): the
   * quickest way for tests, notebooks and the demo tools to get a real published model.
   */
  public static LapseTrainer.Result trainOnSimulation(
      io.lapsewatch.featurestore.simulator.SimulationConfig config,
      Path registry,
      io.lapsewatch.modeltraining.trainers.TrainerKind trainer,
      boolean publish)
      throws Exception {
    TrainingSetBuilder builder = new TrainingSetBuilder(60, 30);
    new io.lapsewatch.featurestore.simulator.Simulator(config).run(builder::accept);
    ModelRegistry models = new ModelRegistry(registry);
    LapseTrainer.Result r =
        LapseTrainer.train(
            builder.examples(),
            models,
            trainer,
            new PrintStream(java.io.OutputStream.nullOutputStream()));
    if (publish) {
      models.publish(r.version());
    }
    return r;
  }

  /** Runs the command; returns the trained version. */
  public static LapseTrainer.Result run(
      Path events, Path out, int[] cutoffs, boolean publish, PrintStream log) throws Exception {
    return run(
        events, out, cutoffs, publish, io.lapsewatch.modeltraining.trainers.TrainerKind.LR, log);
  }

  /** Runs the command with the chosen trainer (lr, gbt or rf). */
  public static LapseTrainer.Result run(
      Path events,
      Path out,
      int[] cutoffs,
      boolean publish,
      io.lapsewatch.modeltraining.trainers.TrainerKind trainer,
      PrintStream log)
      throws Exception {
    if (!Files.isRegularFile(events)) {
      throw new IllegalArgumentException("--events: no such file '" + events + "'");
    }
    TrainingSetBuilder builder = new TrainingSetBuilder(cutoffs);
    long t0 = System.nanoTime();
    long[] read = {0};
    NdjsonEvents.read(
        events,
        e -> {
          builder.accept(e);
          if (++read[0] % 1_000_000 == 0) {
            log.printf("  read %,d events%n", read[0]);
          }
        });
    List<TrainingExample> examples = builder.examples();
    long lapsed = examples.stream().filter(TrainingExample::lapsed).count();
    log.printf(
        "training set: %,d events -> %,d examples (%,d lapsed, %.1f%%), %,d terms without outcome yet, cut-offs %s days%n",
        read[0],
        examples.size(),
        lapsed,
        100.0 * lapsed / Math.max(1, examples.size()),
        builder.unresolvedTerms(),
        Arrays.toString(cutoffs));
    ModelRegistry registry = new ModelRegistry(out);
    LapseTrainer.Result r = LapseTrainer.train(examples, registry, trainer, log);
    log.printf(
        "model %s: %s, %d train / %d test rows (out-of-time), AUC %.3f, PR-AUC %.3f, Brier %.4f, lift@10%% %.2f, threshold %.3f (%.1f s)%n",
        r.version(),
        r.metadata().trainer(),
        r.metadata().trainingRows(),
        r.metadata().testRows(),
        r.metadata().metrics().get("auc_roc"),
        r.metadata().metrics().get("pr_auc"),
        r.metadata().metrics().get("brier"),
        r.metadata().metrics().get("lift_at_10pct"),
        r.metadata().threshold(),
        (System.nanoTime() - t0) / 1e9);
    log.println("saved to " + r.dir());
    if (publish) {
      registry.publish(r.version());
      log.println("published " + r.version() + " as current");
    }
    return r;
  }
}
