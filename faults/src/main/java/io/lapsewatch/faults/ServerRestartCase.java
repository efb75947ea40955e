package io.lapsewatch.faults;

import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;

/**
 * A server the job writes to or reads from goes away mid-stream and comes back on the same port
 * with its data: redis-server killed (SIGKILL) and restarted from its append-only file, or the
 * Kafka broker shut down and started again. The job must recover on its own (retries, or restarts
 * from its last checkpoint) and end with every alert and stored vector of the clean run.
 */
final class ServerRestartCase implements FaultCase {
  /** The server being restarted. */
  enum Server {
    REDIS("redis-restart", "redis-server killed (SIGKILL)"),
    KAFKA("kafka-broker-restart", "Kafka broker shut down");

    final String caseName;
    final String how;

    Server(String caseName, String how) {
      this.caseName = caseName;
      this.how = how;
    }
  }

  private final Server server;

  ServerRestartCase(Server server) {
    this.server = server;
  }

  @Override
  public String name() {
    return server.caseName;
  }

  @Override
  public FaultResult run(FaultStack s) throws Exception {
    FaultStack.JobOutput ref = s.reference();
    String run = name();
    Duration down =
        server == Server.REDIS
            ? Duration.ofSeconds(s.quick() ? 2 : 5)
            : Duration.ofSeconds(s.quick() ? 3 : 10);
    s.clearFeatures();
    Tripwire.Wire wire = Tripwire.arm(run, ref.vectorsEmitted() * 2 / 5);
    JobClient job = s.submit(run, FaultStack.EVENTS_TOPIC, new Configuration());
    wire.awaitTrip(Duration.ofMinutes(5));
    long atFault = wire.seen.get();
    if (server == Server.REDIS) {
      s.redis().kill();
      Thread.sleep(down.toMillis());
      s.redis().startProcess();
    } else {
      s.kafka().stopBroker();
      Thread.sleep(down.toMillis());
      s.kafka().startBroker();
    }
    wire.release();
    FaultStack.awaitSuccess(job);

    FaultStack.JobOutput got = s.collect(run);
    Ledger ledger = new Ledger().alerts(ref.alertsById(), got.alertsById());
    ledger.vectors(ref.vectors(), got.vectors());
    int restarts = wire.writers.get() / 2 - 1;
    ledger.notes.add("the job restarted " + restarts + " time(s) from its last checkpoint");
    ledger.measures.put("job_restarts", (long) restarts);
    return ledger.result(
        name(),
        server.how
            + " for "
            + down.toSeconds()
            + " s at ~"
            + (100 * atFault / Math.max(1, ref.vectorsEmitted()))
            + "% of the stream, then back on the same port",
        "alerts + stored vectors");
  }
}
