package io.lapsewatch.cli;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code demo}: the whole LapseWatch loop on one machine. Starts Kafka (in-process KRaft) and a
 * real redis-server unless external ones are given, simulates a book of policyholders, trains a
 * model on their history, streams a fresh period through the Flink job on a local MiniCluster and
 * the alerts service with a local webhook receiver, then prints what happened.
 */
final class DemoCommand {
  private DemoCommand() {}

  static int run(Args a, PrintStream out) throws Exception {
    int holders = a.integer("policyholders", 5_000);
    int days = a.integer("days", 180);
    long seed = a.longValue("seed", 7);
    String redisUrl = a.string("redis-url", System.getenv("LAPSEWATCH_REDIS_URL"));
    String redisPassword = System.getenv("LAPSEWATCH_REDIS_PASSWORD");
    String bootstrap =
        a.string("bootstrap-servers", System.getenv("LAPSEWATCH_KAFKA_BOOTSTRAP_SERVERS"));
    Path work = a.path("work-dir", "demo-out");
    boolean keepRunning = a.flag("keep-running");
    a.rejectUnknown();
    return new DemoRun(
            new DemoOptions(
                holders, days, seed, redisUrl, redisPassword, bootstrap, work, keepRunning),
            out)
        .run();
  }
}
