package io.lapsewatch.cli;

import io.lapsewatch.featurestore.simulator.BehaviourDrift;
import io.lapsewatch.featurestore.simulator.TreatmentEffects;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The command line of {@code simulate}, filled by picocli and read by {@link SimulateCommand}. */
@Command(
    name = "simulate",
    showDefaultValues = true,
    sortOptions = false,
    description =
        "A deterministic policyholder event history, to an NDJSON file (--out) or a Kafka topic"
            + " (--topic).")
final class SimulateOptions implements Callable<Integer> {
  @Mixin HelpOption help;

  private final PrintStream out;

  @Option(names = "--policyholders", paramLabel = "N", defaultValue = "10000")
  int holders;

  @Option(names = "--days", paramLabel = "D", defaultValue = "365")
  int days;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1")
  long seed;

  @Option(names = "--out", paramLabel = "FILE.ndjson", description = "write the events here")
  Path file;

  @Option(names = "--topic", paramLabel = "T", description = "or publish them to this topic")
  String topic;

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "B",
      description = "Kafka for --topic (or LAPSEWATCH_KAFKA_BOOTSTRAP_SERVERS)")
  String bootstrapServers;

  @Option(
      names = "--effects",
      paramLabel = "WORLD",
      defaultValue = "homogeneous",
      converter = TreatmentEffectsConverter.class,
      description =
          "how policyholders respond to contact: homogeneous (a fixed save rate, the history as"
              + " always) or heterogeneous (hidden persuadables, sure things, lost causes and"
              + " sleeping dogs; docs/uplift.md). simulate contacts nobody, so both worlds write"
              + " the same events here; the types show in --truth-file")
  TreatmentEffects effects;

  @Option(
      names = "--truth-file",
      paramLabel = "FILE.csv",
      description =
          "also write the ground truth (type and true effect per term and action) here: for"
              + " evaluation only, never for training")
  Path truthFile;

  @Option(
      names = "--drift",
      paramLabel = "SHIFT",
      converter = DriftConverter.class,
      description =
          "shift behaviour mid-stream (repeatable, one per kind; DAY counts from 0 at the start"
              + " date): app-outage@DAY (no digital sessions from DAY on; renewals and lapses"
              + " unchanged) or price-rise@DAY[:PERCENT] (renewal quotes PERCENT dearer, default"
              + " 20, and more lapses than the features explain)")
  List<BehaviourDrift> drifts = new ArrayList<>();

  /** Reads {@code app-outage@DAY} or {@code price-rise@DAY[:PERCENT]}. */
  static final class DriftConverter implements ITypeConverter<BehaviourDrift> {
    @Override
    public BehaviourDrift convert(String value) {
      try {
        return BehaviourDrift.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** Reads a world name in any case, naming the accepted values on a bad one. */
  static final class TreatmentEffectsConverter implements ITypeConverter<TreatmentEffects> {
    @Override
    public TreatmentEffects convert(String value) {
      for (TreatmentEffects e : TreatmentEffects.values()) {
        if (e.name().equalsIgnoreCase(value)) {
          return e;
        }
      }
      throw new TypeConversionException(
          "--effects must be homogeneous or heterogeneous, was '" + value + "'");
    }
  }

  SimulateOptions(PrintStream out) {
    this.out = out;
  }

  String bootstrap() {
    return Environment.or(bootstrapServers, "LAPSEWATCH_KAFKA_BOOTSTRAP_SERVERS");
  }

  @Override
  public Integer call() throws Exception {
    SimulateCommand.run(this, out);
    return 0;
  }
}
