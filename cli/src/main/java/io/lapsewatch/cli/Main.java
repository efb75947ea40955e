package io.lapsewatch.cli;

import io.lapsewatch.modeltraining.TrainCommand;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Entry point of {@code bin/lapsewatch}: dispatches to one command per first word. */
public final class Main {
  static final String USAGE =
      String.join(
          "\n",
          "usage: lapsewatch <command> [options]",
          "",
          "  demo [--policyholders N] [--days D] [--seed S] [--bootstrap-servers B] [--redis-url URL] [--keep-running]",
          "      the whole loop on embedded Kafka, Redis and Flink; prints a summary",
          "  simulate --policyholders N --days D --seed S (--out FILE.ndjson | --topic T --bootstrap-servers B)",
          "      a deterministic policyholder event history",
          "  train --events FILE --out DIR [--cutoffs 60,30] [--trainer lr|gbt|rf] [--publish]",
          "      point-in-time training set + logistic regression into a model registry",
          "  train --topic T --bootstrap-servers B [--from 2025-01-01] [--to 2026-01-01] --out DIR [...]",
          "      the same, from the event history kept in a Kafka topic (an event-time range of it)",
          "  train --csv TRAIN.csv --test TEST.csv --label COL --positive VALUE [--sep ';'] [--drop c1,c2]",
          "        [--trainer lr|gbt|rf] --out DIR",
          "      any tabular churn data: metrics.json, report.html and the model in DIR",
          "  evaluate-reference [DATA_DIR]",
          "      all trainers on the public churn/lapse splits vs their reference AUCs (docs/model-evaluation.md)",
          "  models (list | publish VERSION) [--registry DIR]",
          "  features schema",
          "      the feature schema: name, Redis field, window, unit, meaning",
          "  features show POLICYHOLDER_ID [--redis-url URL]",
          "  features erase POLICYHOLDER_ID [--redis-url URL] [--bootstrap-servers B] [--topic policy-events]",
          "      right to erasure: deletes the stored vector and tells the job to forget the policyholder",
          "  parity [--policyholders N] [--days D] [--out-of-order-ms MS]",
          "      offline vs Flink job feature vectors on the same shuffled history; prints mismatches (must be 0)",
          "  bench [--quick]",
          "      end-to-end and micro benchmarks on the embedded stack -> bench-results.json, docs/performance.md",
          "  faults [--quick] [--only CASE,...]",
          "      fault-injection suite (crashes, restarts, outages, mutated events, corrupt model): what was lost -> fault-report.json, docs/fault-suite.md",
          "  job --kafka.bootstrap-servers B --redis.url URL --model.registry DIR [...]",
          "      the scoring job in this JVM (for a cluster, submit flink-jobs/target/*-job.jar)",
          "  alerts CONFIG.properties",
          "      the alerts service",
          "  stack [--kafka-port P] [--redis-port P] [--reference-redis-port P] [--topics a,b]",
          "        [--partitions 2] [--info-file F]",
          "      embedded Kafka broker and redis-server on loopback for separate processes; runs until killed",
          "  compare-run --bootstrap-servers B --topic T --reference-topic R",
          "        [--outcomes-topic O --reference-outcomes-topic RO] [--redis-url U --reference-redis-url RU]",
          "      a run's alert ids, outcomes and feature vectors against a reference run; exit 1 if any is lost");

  // Held statically: java.util.logging keeps loggers weakly, and a collected one loses its level.
  private static final Logger TRIBUO_LOG = Logger.getLogger("org.tribuo");

  private Main() {}

  public static void main(String[] argv) {
    // Tribuo logs every training iteration through java.util.logging; keep the console readable.
    TRIBUO_LOG.setLevel(Level.WARNING);
    System.exit(run(argv, System.out, System.err));
  }

  static int run(String[] argv, PrintStream out, PrintStream err) {
    if (argv.length == 0 || argv[0].equals("help") || argv[0].equals("--help")) {
      out.println(USAGE);
      return argv.length == 0 ? 2 : 0;
    }
    try {
      switch (argv[0]) {
        case "demo":
          return DemoCommand.run(new Args(argv, 1, Set.of("keep-running")), out);
        case "simulate":
          SimulateCommand.run(new Args(argv, 1, Set.of()), out);
          return 0;
        case "train":
          if (Arrays.asList(argv).contains("--csv")) {
            return io.lapsewatch.modeltraining.tabular.CsvTrainCommand.run(
                Arrays.copyOfRange(argv, 1, argv.length), out);
          }
          if (Arrays.asList(argv).contains("--topic")) {
            return TrainFromTopic.run(new Args(argv, 1, Set.of("publish")), out);
          }
          {
            Args a = new Args(argv, 1, Set.of("publish"));
            int[] cutoffs =
                Arrays.stream(a.string("cutoffs", "60,30").split(","))
                    .map(String::trim)
                    .mapToInt(Integer::parseInt)
                    .toArray();
            Path events = Path.of(a.required("events"));
            Path registry = Path.of(a.required("out"));
            boolean publish = a.flag("publish");
            io.lapsewatch.modeltraining.trainers.TrainerKind trainer =
                io.lapsewatch.modeltraining.trainers.TrainerKind.parse(a.string("trainer", "lr"));
            a.rejectUnknown();
            TrainCommand.run(events, registry, cutoffs, publish, trainer, out);
            return 0;
          }
        case "evaluate-reference":
          return io.lapsewatch.modeltraining.tabular.ReferenceComparison.run(
              Arrays.copyOfRange(argv, 1, argv.length), out);
        case "parity":
          return ParityCommand.run(new Args(argv, 1, Set.of()), out);
        case "models":
          ModelsCommand.run(new Args(argv, 1, Set.of()), out);
          return 0;
        case "features":
          return FeaturesCommand.run(new Args(argv, 1, Set.of()), out);
        case "job":
          return io.lapsewatch.flinkjobs.ScoringJob.run(
              Arrays.copyOfRange(argv, 1, argv.length), err);
        case "stack":
          return StackCommand.run(new Args(argv, 1, Set.of()), out);
        case "compare-run":
          return CompareRunCommand.run(new Args(argv, 1, Set.of()), out);
        case "alerts":
          io.lapsewatch.alerts.service.AlertsService.main(Arrays.copyOfRange(argv, 1, argv.length));
          return 0;
        default:
          err.println("unknown command '" + argv[0] + "'");
          err.println(USAGE);
          return 2;
      }
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return 2;
    } catch (Exception e) {
      err.println("failed: " + e);
      Throwable c = e.getCause();
      while (c != null) {
        err.println("  caused by: " + c);
        c = c.getCause();
      }
      return 1;
    }
  }
}
