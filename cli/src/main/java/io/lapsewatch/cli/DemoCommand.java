package io.lapsewatch.cli;

import java.io.PrintStream;

/**
 * {@code demo}: the whole LapseWatch loop on one machine. Starts Kafka (in-process KRaft) and a
 * real redis-server unless external ones are given, simulates a book of policyholders, trains a
 * model on their history, streams a fresh period through the Flink job on a local MiniCluster and
 * the alerts service with a local webhook receiver, then prints what happened.
 */
final class DemoCommand {
  private DemoCommand() {}

  static int run(DemoOptions a, PrintStream out) throws Exception {
    DemoPlan plan =
        new DemoPlan(
            a.holders,
            a.days,
            a.seed,
            a.redis(),
            System.getenv("LAPSEWATCH_REDIS_PASSWORD"),
            a.bootstrap(),
            a.work,
            a.keepRunning,
            a.journeys);
    return new DemoRun(plan, out).run();
  }
}
