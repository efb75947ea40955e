package io.lapsewatch.embedded;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/** An in-process Kafka broker (KRaft, combined broker and controller) on loopback. */
public final class EmbeddedKafka implements AutoCloseable {
  /** Name of the client listener when a fixed port is asked for. */
  private static final String FIXED_LISTENER = "FIXED";

  private final KafkaClusterTestKit cluster;
  private final int fixedPort;

  private EmbeddedKafka(KafkaClusterTestKit cluster, int fixedPort) {
    this.cluster = cluster;
    this.fixedPort = fixedPort;
  }

  /** Starts a broker on a free port. */
  public static EmbeddedKafka start() throws Exception {
    return start(0);
  }

  /**
   * Starts a broker whose clients connect to {@code 127.0.0.1:port} (0: a free port), so processes
   * started separately (a Flink cluster, scripts) can be pointed at a known address.
   */
  public static EmbeddedKafka start(int port) throws Exception {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("Kafka port must be in 0..65535, was " + port);
    }
    KafkaClusterTestKit.Builder builder =
        new KafkaClusterTestKit.Builder(
            new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .build());
    if (port > 0) {
      // The test kit binds its own listeners to free ports before it starts the broker and hands
      // those sockets over by listener name. A client listener under another name is bound by the
      // broker itself, on the port given; the controller keeps the test kit's pre-bound socket
      // (port 0 here means "whatever the kit bound").
      builder
          .setConfigProp(
              "listeners", FIXED_LISTENER + "://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:0")
          .setConfigProp(
              "listener.security.protocol.map", FIXED_LISTENER + ":PLAINTEXT,CONTROLLER:PLAINTEXT")
          .setConfigProp("inter.broker.listener.name", FIXED_LISTENER);
    }
    KafkaClusterTestKit cluster =
        builder
            .setConfigProp("offsets.topic.replication.factor", "1")
            .setConfigProp("transaction.state.log.replication.factor", "1")
            .setConfigProp("transaction.state.log.min.isr", "1")
            .setConfigProp("group.initial.rebalance.delay.ms", "0")
            .setConfigProp("num.partitions", "2")
            // Alerts and outcomes carry their event time (simulated histories are in the past) as
            // the record timestamp; with time-based retention the broker would delete them a few
            // minutes after they are written.
            .setConfigProp("log.retention.ms", "-1")
            .build();
    cluster.format();
    cluster.startup();
    cluster.waitForReadyBrokers();
    return new EmbeddedKafka(cluster, port);
  }

  public String bootstrapServers() {
    // The test kit only knows its own listener name; with a fixed port the address is known.
    return fixedPort > 0 ? "127.0.0.1:" + fixedPort : cluster.bootstrapServers();
  }

  /** Creates topics (if missing) with the given number of partitions. */
  public void createTopics(int partitions, String... topics)
      throws InterruptedException, ExecutionException {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    try (Admin admin = Admin.create(p)) {
      for (String topic : topics) {
        try {
          admin
              .createTopics(List.of(new NewTopic(topic, partitions, (short) 1).configs(Map.of())))
              .all()
              .get();
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e;
          }
        }
      }
    }
  }

  @Override
  public void close() throws Exception {
    cluster.close();
  }
}
