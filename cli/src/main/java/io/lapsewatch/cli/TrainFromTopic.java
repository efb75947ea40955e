package io.lapsewatch.cli;

import io.lapsewatch.modeltraining.LapseTrainer;
import io.lapsewatch.modeltraining.TrainingExample;
import io.lapsewatch.modeltraining.TrainingSetBuilder;
import io.lapsewatch.modeltraining.model.ModelRegistry;
import io.lapsewatch.modeltraining.trainers.TrainerKind;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * {@code train --topic T --bootstrap-servers B [--from DATE] [--to DATE] --out DIR [--cutoffs
 * 60,30] [--trainer lr|gbt|rf] [--publish]}: point-in-time training on a Kafka topic's history.
 */
final class TrainFromTopic {
  private TrainFromTopic() {}

  static int run(TrainOptions a, PrintStream out) throws Exception {
    String topic = a.topic;
    String bootstrap = a.bootstrap();
    if (bootstrap == null) {
      throw new IllegalArgumentException("--topic needs --bootstrap-servers");
    }
    long from = day(a.from, Long.MIN_VALUE);
    long to = day(a.to, Long.MAX_VALUE);
    Path registry = a.out;
    int[] cutoffs = a.cutoffs;
    TrainerKind trainer = a.trainer;
    boolean publish = a.publish;

    TopicHistory.Read history = TopicHistory.read(bootstrap, topic, from, to);
    out.printf(
        "read %,d records from %s: %,d events in range, %,d outside it, %,d breaking the contract"
            + " (skipped)%n",
        history.records(), topic, history.events().size(), history.outOfRange(), history.invalid());
    TrainingSetBuilder builder = new TrainingSetBuilder(cutoffs);
    history.events().forEach(builder::accept);
    List<TrainingExample> examples = builder.examples();
    LapseTrainer.Result r = LapseTrainer.train(examples, new ModelRegistry(registry), trainer, out);
    out.printf(
        "model %s (%s): %,d examples, AUC %.3f, threshold %.3f, saved to %s%n",
        r.version(),
        r.metadata().trainer(),
        examples.size(),
        r.metadata().metrics().get("auc_roc"),
        r.metadata().threshold(),
        r.dir());
    if (publish) {
      new ModelRegistry(registry).publish(r.version());
      out.println("published " + r.version() + " as current");
    }
    return 0;
  }

  private static long day(String date, long fallback) {
    if (date == null) {
      return fallback;
    }
    try {
      return LocalDate.parse(date).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
    } catch (java.time.DateTimeException e) {
      throw new IllegalArgumentException("dates are yyyy-MM-dd, was '" + date + "'");
    }
  }
}
