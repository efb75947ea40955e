package io.lapsewatch.cli;

import io.lapsewatch.modeltraining.TrainCommand;
import io.lapsewatch.modeltraining.trainers.TrainerKind;
import io.lapsewatch.modeltraining.trainers.TrainerKindConverter;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The command line of {@code train} from an event history (a file or a Kafka topic). {@code train
 * --csv} is a different command with its own options; {@link Main} hands it the arguments.
 */
@Command(
    name = "train",
    showDefaultValues = true,
    sortOptions = false,
    description = {
      "Point-in-time training set + a trainer into a model registry, from an event history in a"
          + " file (--events) or in a Kafka topic (--topic, an event-time range of it).",
      "Any tabular churn data instead: lapsewatch train --csv TRAIN.csv ... (see: lapsewatch"
          + " train --csv --help)."
    })
final class TrainOptions implements Callable<Integer> {
  @Mixin HelpOption help;

  @Option(names = "--events", paramLabel = "FILE", description = "NDJSON event history")
  Path events;

  @Option(names = "--topic", paramLabel = "T", description = "or the history kept in this topic")
  String topic;

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "B",
      description = "Kafka for --topic (or LAPSEWATCH_KAFKA_BOOTSTRAP_SERVERS)")
  String bootstrapServers;

  @Option(names = "--from", paramLabel = "yyyy-MM-dd", description = "with --topic: first day")
  String from;

  @Option(names = "--to", paramLabel = "yyyy-MM-dd", description = "with --topic: day after last")
  String to;

  @Option(names = "--out", paramLabel = "DIR", required = true, description = "model registry")
  Path out;

  @Option(
      names = "--cutoffs",
      paramLabel = "DAYS",
      split = ",",
      defaultValue = "60,30",
      description = "days before renewal at which examples are taken")
  int[] cutoffs;

  @Option(
      names = "--trainer",
      paramLabel = "lr|gbt|rf",
      defaultValue = "lr",
      converter = TrainerKindConverter.class)
  TrainerKind trainer;

  @Option(names = "--publish", description = "make the new model the current one")
  boolean publish;

  private final PrintStream log;

  TrainOptions(PrintStream log) {
    this.log = log;
  }

  String bootstrap() {
    return Environment.or(bootstrapServers, "LAPSEWATCH_KAFKA_BOOTSTRAP_SERVERS");
  }

  @Override
  public Integer call() throws Exception {
    if (topic != null) {
      return TrainFromTopic.run(this, log);
    }
    if (events == null) {
      throw new IllegalArgumentException("give --events FILE or --topic T");
    }
    TrainCommand.run(events, out, cutoffs, publish, trainer, log);
    return 0;
  }
}
