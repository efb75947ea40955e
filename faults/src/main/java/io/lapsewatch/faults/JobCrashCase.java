package io.lapsewatch.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;

/**
 * The scoring job is cancelled mid-stream (its MiniCluster goes away with it) right after a
 * checkpoint completed; a new job is then started from that retained checkpoint, as an operator
 * would after a crash. Every alert and stored vector of the clean run must be there in the end.
 */
final class JobCrashCase implements FaultCase {
  @Override
  public String name() {
    return "job-crash-restore";
  }

  @Override
  public FaultResult run(FaultStack s) throws Exception {
    FaultStack.JobOutput ref = s.reference();
    String run = name();
    s.clearFeatures();
    Tripwire.Wire wire = Tripwire.freezing(run, ref.vectorsEmitted() * 2 / 5);
    Configuration retain = new Configuration();
    retain.set(
        CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
        ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    JobClient first = s.submit(run, FaultStack.EVENTS_TOPIC, retain);
    wire.awaitTrip(Duration.ofMinutes(5));
    Path checkpoints = s.checkpointDir(run).resolve(first.getJobID().toString());
    // The job stops at its first checkpoint past the trip, so the restore resumes real progress.
    long restoredFrom = wire.awaitFrozenCheckpoint(checkpoints, Duration.ofMinutes(2));
    long processedAtCrash = wire.seen.get();
    // The per-job MiniCluster goes away with the cancelled job: nothing of it survives but the
    // retained checkpoint folder.
    first.cancel().get(5, TimeUnit.MINUTES);
    int beforeRestore = s.alertsOn("alerts-" + run).size();
    wire.release();

    Configuration restore = new Configuration();
    restore.set(
        StateRecoveryOptions.SAVEPOINT_PATH,
        checkpoints.resolve("chk-" + restoredFrom).toUri().toString());
    MetricsProbe.resetOwnedPartitions();
    JobClient second = s.submit(run, FaultStack.EVENTS_TOPIC, restore);
    // A bounded KafkaSource restored from a checkpoint reads up to its stopping offsets and then
    // never finishes (FLINK-31006, still in connector 5.0.0-2.2): its enumerator does not signal
    // "no more splits" again. So, as an operator would, wait until the job has committed the end
    // of the input, then stop it with a draining savepoint, which ends event time exactly like the
    // end of bounded input does.
    ReplayEnd.Reached end =
        ReplayEnd.await(
            s.kafka().bootstrapServers(),
            "faults-" + run,
            FaultStack.EVENTS_TOPIC,
            Duration.ofMinutes(10),
            checkpointed(s.checkpointDir(run).resolve(second.getJobID().toString())));
    drain(second, s.checkpointDir(run).resolve("drained").toUri().toString());

    FaultStack.JobOutput got = s.collect(run);
    Ledger ledger = new Ledger().alerts(ref.alertsById(), got.alertsById());
    ledger.vectors(ref.vectors(), got.vectors());
    ledger.notes.add(
        "first job cancelled after "
            + processedAtCrash
            + " of "
            + ref.vectorsEmitted()
            + " vectors and "
            + beforeRestore
            + " alert ids; second job restored from retained checkpoint "
            + restoredFrom
            + ", stopped with a draining savepoint once it had committed the end of the input"
            + " (FLINK-31006)"
            + (end.readBeforeCheckpoint().isEmpty()
                ? ""
                : "; partitions "
                    + end.readBeforeCheckpoint()
                    + " were read to the end before that checkpoint and their last offset commit"
                    + " was cut off by the cancel"));
    ledger.measures.put("restored_from_checkpoint", restoredFrom);
    return ledger.result(
        name(),
        "job cancelled at ~"
            + (100 * processedAtCrash / Math.max(1, ref.vectorsEmitted()))
            + "% of the stream, new job restored from retained checkpoint chk-"
            + restoredFrom,
        "alerts + stored vectors");
  }

  /**
   * Stops the job with a draining savepoint. A savepoint is refused while a task is not running
   * (seen when a subtask was still being restored or restarted), so it is retried for up to two
   * minutes; a job that ended on its own in the meantime has drained too.
   */
  static void drain(JobClient job, String savepointDir) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (true) {
      try {
        job.stopWithSavepoint(true, savepointDir, SavepointFormatType.CANONICAL)
            .get(5, TimeUnit.MINUTES);
        return;
      } catch (java.util.concurrent.ExecutionException e) {
        if (job.getJobStatus().get(1, TimeUnit.MINUTES).isGloballyTerminalState()) {
          return;
        }
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(2_000);
      }
    }
  }

  /** The highest complete checkpoint (one with its metadata written) under {@code dir}, or -1. */
  /** True once the job checkpointing into {@code dir} has completed a checkpoint. */
  static java.util.function.BooleanSupplier checkpointed(Path dir) {
    return () -> {
      try {
        return latestCheckpoint(dir) >= 0;
      } catch (java.io.IOException e) {
        return false;
      }
    };
  }

  static long latestCheckpoint(Path dir) throws java.io.IOException {
    if (!Files.isDirectory(dir)) {
      return -1;
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().startsWith("chk-"))
          .filter(p -> Files.isRegularFile(p.resolve("_metadata")))
          .mapToLong(p -> Long.parseLong(p.getFileName().toString().substring(4)))
          .max()
          .orElse(-1);
    }
  }
}
