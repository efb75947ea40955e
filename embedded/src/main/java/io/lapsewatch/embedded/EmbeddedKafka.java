package io.lapsewatch.embedded;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/** An in-process Kafka broker (KRaft, combined broker and controller) on loopback. */
public final class EmbeddedKafka implements AutoCloseable {
  /** Name of the client listener when a fixed port is asked for. */
  private static final String FIXED_LISTENER = "FIXED";

  /** The only address the broker and its controller listen on. */
  static final String LOOPBACK = "127.0.0.1";

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
    TestKitNodes nodes =
        new TestKitNodes.Builder()
            .setCombined(true)
            .setNumBrokerNodes(1)
            .setNumControllerNodes(1)
            .build();
    String controller = nodes.controllerListenerName().value();
    KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
    // Every listener names 127.0.0.1: an unauthenticated broker must not be reachable from other
    // machines, and "localhost" may resolve to ::1 where clients are told 127.0.0.1.
    if (port > 0) {
      // The test kit binds its own listeners to free ports before it starts the broker and hands
      // those sockets over by listener name. A client listener under another name is bound by the
      // broker itself, on the port given; the controller keeps the test kit's pre-bound socket
      // (port 0 here means "whatever the kit bound").
      builder
          .setConfigProp(
              "listeners",
              FIXED_LISTENER
                  + "://"
                  + LOOPBACK
                  + ":"
                  + port
                  + ","
                  + controller
                  + "://"
                  + LOOPBACK
                  + ":0")
          .setConfigProp(
              "listener.security.protocol.map",
              FIXED_LISTENER + ":PLAINTEXT," + controller + ":PLAINTEXT")
          .setConfigProp("inter.broker.listener.name", FIXED_LISTENER);
    } else {
      builder.setConfigProp(
          "listeners",
          nodes.brokerListenerName().value()
              + "://"
              + LOOPBACK
              + ":0,"
              + controller
              + "://"
              + LOOPBACK
              + ":0");
    }
    KafkaClusterTestKit cluster =
        builder
            .setConfigProp("offsets.topic.replication.factor", "1")
            .setConfigProp("transaction.state.log.replication.factor", "1")
            .setConfigProp("transaction.state.log.min.isr", "1")
            .setConfigProp("group.initial.rebalance.delay.ms", "0")
            .setConfigProp("num.partitions", "2")
            // The job stamps alerts, outcomes and dead letters with their event time, which for
            // simulated history is months or years ago: with the default 7-day retention the
            // broker's first retention check (30 s after start) deletes them before they are read.
            .setConfigProp("log.retention.ms", "-1")
            .build();
    LoopbackListeners.rebind(cluster);
    cluster.format();
    cluster.startup();
    cluster.waitForReadyBrokers();
    return new EmbeddedKafka(cluster, port);
  }

  /**
   * Shuts the broker down (the KRaft controller stays up), as a broker crash or rolling restart
   * would: clients lose their connections until {@link #startBroker()}. Its log directories and its
   * listener port are kept, so a restarted broker serves the same data at the same address.
   */
  public void stopBroker() {
    for (BrokerServer broker : cluster.brokers().values()) {
      broker.shutdown();
      broker.awaitShutdown();
    }
  }

  /** Starts the broker stopped by {@link #stopBroker()} again, on the same port and data. */
  public void startBroker() throws ExecutionException, InterruptedException {
    for (BrokerServer broker : cluster.brokers().values()) {
      broker.startup();
    }
    cluster.waitForReadyBrokers();
  }

  /** Where clients connect, always on {@code 127.0.0.1}, e.g. {@code 127.0.0.1:40123}. */
  public String bootstrapServers() {
    if (fixedPort > 0) {
      return LOOPBACK + ":" + fixedPort; // the test kit only knows its own listener name
    }
    // The kit names "localhost", which may resolve to ::1 first; the broker listens on 127.0.0.1.
    String kit = cluster.bootstrapServers();
    return LOOPBACK + kit.substring(kit.lastIndexOf(':'));
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
        awaitLeaders(admin, topic);
      }
    }
  }

  /** How long a new topic's partitions may go without a leader before creating it fails. */
  private static final Duration LEADER_WAIT = Duration.ofSeconds(60);

  /**
   * Waits until every partition of {@code topic} has a leader. After a broker restart a new topic's
   * partition has been seen to stay leaderless; a producer then waits out its whole delivery
   * timeout. This fails at once instead, naming the topic.
   */
  private static void awaitLeaders(Admin admin, String topic)
      throws InterruptedException, ExecutionException {
    long deadline = System.nanoTime() + LEADER_WAIT.toNanos();
    while (true) {
      List<Integer> leaderless;
      try {
        TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        leaderless =
            d.partitions().stream()
                .filter(tp -> tp.leader() == null || tp.leader().isEmpty())
                .map(TopicPartitionInfo::partition)
                .toList();
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
          throw e;
        }
        // Just created: the broker's metadata may not list the topic yet.
        leaderless = List.of(-1);
      }
      if (leaderless.isEmpty()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "partitions "
                + leaderless
                + " of topic "
                + topic
                + " have no leader after "
                + LEADER_WAIT);
      }
      Thread.sleep(50); // polling a condition, bounded by the deadline above
    }
  }

  @Override
  public void close() throws Exception {
    cluster.close();
  }

  /** Produces {@code keyValues} ({key, value} pairs) to {@code topic} and waits for the acks. */
  public static void produce(String bootstrap, String topic, List<byte[][]> keyValues)
      throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    // Room for records near the broker's 1 MB limit (the fault suite's huge fields).
    p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(2 * 1024 * 1024));
    // Patient on a busy machine: the default 2-minute delivery timeout expires batches under load.
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "600000");
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "120000");
    // One request in flight per partition: on a loaded machine a first batch that had to be
    // retried after later ones were appended was refused for ever with OutOfOrderSequenceException
    // (seen in the fault suite's erase-mid-stream: 10 minutes of retries, then a failed case).
    p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
    // Every send is checked: a record the broker refused must fail the caller, not vanish.
    List<java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata>> sent =
        new ArrayList<>(keyValues.size());
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
      for (byte[][] kv : keyValues) {
        sent.add(producer.send(new ProducerRecord<>(topic, kv[0], kv[1])));
      }
      producer.flush();
    }
    for (var f : sent) {
      f.get();
    }
  }

  /**
   * Everything on the topic right now: partitions assigned explicitly (no group rebalance to wait
   * for) and read from the beginning up to their end offsets.
   */
  public static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, String topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      List<org.apache.kafka.common.TopicPartition> partitions = new ArrayList<>();
      while (partitions.isEmpty() && System.nanoTime() < deadline) {
        for (var info : c.partitionsFor(topic, Duration.ofSeconds(30))) {
          partitions.add(new org.apache.kafka.common.TopicPartition(topic, info.partition()));
        }
      }
      c.assign(partitions);
      var begin = c.beginningOffsets(partitions, Duration.ofSeconds(30));
      var end = c.endOffsets(partitions, Duration.ofSeconds(30));
      Map<org.apache.kafka.common.TopicPartition, Long> next = new HashMap<>(begin);
      for (var tp : partitions) {
        c.seek(tp, begin.get(tp));
      }
      // Count what came back per partition rather than trusting position(): done when every
      // partition has delivered everything up to its end offset.
      while (System.nanoTime() < deadline) {
        boolean done = true;
        for (var tp : partitions) {
          done &= next.get(tp) >= end.get(tp);
        }
        if (done) {
          break;
        }
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
          out.add(r);
          var tp = new org.apache.kafka.common.TopicPartition(r.topic(), r.partition());
          next.put(tp, Math.max(next.get(tp), r.offset() + 1));
        }
      }
      for (var tp : partitions) {
        if (next.get(tp) < end.get(tp)) {
          throw new AssertionError(
              "read "
                  + topic
                  + " partition "
                  + tp.partition()
                  + " only up to "
                  + next.get(tp)
                  + " of "
                  + end.get(tp));
        }
      }
    }
    return out;
  }
}
