package io.lapsewatch.faults;

import io.lapsewatch.alertcontract.AlertJson;
import io.lapsewatch.modeltraining.model.ChurnModel;
import io.lapsewatch.modeltraining.model.ModelRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;

/**
 * While the job runs, a new model version whose model file is cut off (a failed copy) is made the
 * published one — bypassing {@code models publish}, which refuses such a file, as a hand-edited
 * registry or a half-synced folder would. The job must keep scoring with the model it has (every
 * alert carries the previous version, and the alerts equal the clean run's), and count the failed
 * load in {@code lapsewatch_model_load_failures}.
 */
final class CorruptModelCase implements FaultCase {
  static final String FAILURES = "lapsewatch_model_load_failures";
  static final String CORRUPT_VERSION = "m99991231-000000-corrupt";

  @Override
  public String name() {
    return "corrupt-model";
  }

  @Override
  public FaultResult run(FaultStack s) throws Exception {
    FaultStack.JobOutput ref = s.reference();
    String run = name();
    ModelRegistry registry = new ModelRegistry(s.registry());
    String good = s.modelVersion();
    s.clearFeatures();
    MetricsProbe.reset();
    Tripwire.Wire wire = Tripwire.arm(run, ref.vectorsEmitted() * 2 / 5);
    JobClient job = s.submit(run, FaultStack.EVENTS_TOPIC, new Configuration());
    long failures;
    long atFault;
    try {
      wire.awaitTrip(Duration.ofMinutes(5));
      atFault = wire.seen.get();
      publishCorrupt(registry, good);
      // Held until the job has noticed: it checks for a new version every 300 ms of wall clock.
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (MetricsProbe.sum(FAILURES) == 0 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      wire.release();
      FaultStack.awaitSuccess(job);
      failures = MetricsProbe.sum(FAILURES);
    } finally {
      restore(registry, good);
    }

    FaultStack.JobOutput got = s.collect(run);
    Ledger ledger = new Ledger().alerts(ref.alertsById(), got.alertsById());
    ledger.vectors(ref.vectors(), got.vectors());
    long otherVersion = 0;
    for (Map.Entry<String, List<byte[]>> e : got.alertsById().entrySet()) {
      for (byte[] copy : e.getValue()) {
        if (!good.equals(AlertJson.parse(copy).modelVersion)) {
          otherVersion++;
        }
      }
    }
    ledger.notes.add(FAILURES + " = " + failures + " after the corrupt version was published");
    ledger.notes.add(
        "alerts scored by a version other than " + good + ": " + otherVersion + " (must be 0)");
    ledger.measures.put("model_load_failures", failures);
    ledger.measures.put("alerts_other_model_version", otherVersion);
    if (failures == 0) {
      ledger.violations.add(FAILURES + " did not rise");
    }
    if (otherVersion > 0) {
      ledger.violations.add(otherVersion + " alerts carry a model version other than " + good);
    }
    return ledger.result(
        name(),
        "model file cut to a third, published as "
            + CORRUPT_VERSION
            + " at ~"
            + (100 * atFault / Math.max(1, ref.vectorsEmitted()))
            + "% of the stream",
        "alerts + stored vectors");
  }

  /** A copy of {@code good} with its model file cut to a third, made the CURRENT version. */
  private static void publishCorrupt(ModelRegistry registry, String good) throws Exception {
    Path from = registry.versionDir(good);
    Path to = registry.versionDir(CORRUPT_VERSION);
    Files.createDirectories(to);
    Files.copy(
        from.resolve(ChurnModel.METADATA_FILE),
        to.resolve(ChurnModel.METADATA_FILE),
        StandardCopyOption.REPLACE_EXISTING);
    byte[] model = Files.readAllBytes(from.resolve(ChurnModel.MODEL_FILE));
    Files.write(
        to.resolve(ChurnModel.MODEL_FILE), java.util.Arrays.copyOf(model, model.length / 3));
    pointTo(registry, CORRUPT_VERSION);
  }

  private static void restore(ModelRegistry registry, String good) throws Exception {
    pointTo(registry, good);
    Path corrupt = registry.versionDir(CORRUPT_VERSION);
    Files.deleteIfExists(corrupt.resolve(ChurnModel.MODEL_FILE));
    Files.deleteIfExists(corrupt.resolve(ChurnModel.METADATA_FILE));
    Files.deleteIfExists(corrupt);
  }

  /** Writes CURRENT the way the registry does: a temporary file renamed over it. */
  private static void pointTo(ModelRegistry registry, String version) throws Exception {
    Path tmp = registry.root().resolve(ModelRegistry.CURRENT + ".faults");
    Files.writeString(tmp, version + "\n", StandardCharsets.UTF_8);
    Files.move(
        tmp,
        registry.root().resolve(ModelRegistry.CURRENT),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }
}
